import Foundation
import Testing

/// Issue 24: a publish killed (`kill -9`) at any rename or link it makes, the
/// build's included: `current` names a complete, verified release at every
/// moment, and the next run completes. strace kills the run at its Nth such call
/// (before it happens), for N = 1, 2, 3… until a run gets to the end.
@Suite(.serialized, .enabled(if: CLI.which("strace") != nil, "strace is not installed (scripts/setup installs it)"))
struct PublishKillTests {
    static let calls = "rename,renameat,renameat2,symlink,symlinkat"

    func publishKilled(at n: Int, _ job: PublishTests.Job) throws -> ProgramRun {
        try CLI.program(
            CLI.which("strace")!,
            [
                "-f", "-o", "/dev/null", "-e", "trace=\(Self.calls)", "-e", "inject=\(Self.calls):signal=KILL:when=\(n)",
                CLI.binary.path, "publish", "--inputs", job.inputs, "--templates", job.templates,
                "--output", job.output, "--site", job.site,
            ])
    }

    /// Temporary names of the site that a finished run never leaves.
    func leftovers(_ job: PublishTests.Job) -> [String] {
        let fm = FileManager.default
        return ((try? fm.contentsOfDirectory(atPath: job.site)) ?? []).filter { $0.hasPrefix(".panel-report-current") }
            + ((try? fm.contentsOfDirectory(atPath: job.site + "/releases")) ?? []).filter {
                $0.hasPrefix(".panel-report-") && $0 != ".panel-report-history"
            }
    }

    @Test(arguments: [false, true])
    func aPublishKilledAtEveryRenameLeavesCurrentWholeAndTheNextRunCompletes(firstPublish: Bool) throws {
        var n = 1
        var killedAfterSwitch = false
        while n <= 60 {
            let job = try PublishTests.Job()
            var old: String?
            if !firstPublish {
                #expect(try job.publish().status == 0)
                old = job.live
                try job.editCase(1)
            }
            let killed = try publishKilled(at: n, job)
            if killed.status == 0 && !killed.signalled {
                #expect(job.live == (try job.builtID))
                try job.liveIsIntact()
                break
            }
            #expect(killed.signalled, "at call \(n): \(killed)")
            // Right after the kill: current is the old release or the new one, whole.
            if let live = job.live {
                try job.liveIsIntact()
                if live != old { killedAfterSwitch = true }
            } else {
                #expect(firstPublish, "at call \(n), current went missing")
            }
            let next = try job.publish()
            #expect(next.status == 0, "after a kill at call \(n): \(next)")
            #expect(job.live == (try job.builtID), "after a kill at call \(n)")
            try job.liveIsIntact()
            #expect(leftovers(job) == [], "after a kill at call \(n)")
            #expect(job.history.last?.hasPrefix(try job.builtID) == true, "after a kill at call \(n): \(job.history)")
            n += 1
        }
        // The build's renames, the release's, current's link and its rename, the history's.
        #expect(n > 6, "only \(n - 1) kill points")
        #expect(killedAfterSwitch, "no kill fell between switching current and recording it")
    }

    @Test func aRollbackKilledAtAnyPointIsDoneOrNotAndTheNextPublishKeepsWhicheverIsLive() throws {
        var n = 1
        while n <= 10 {
            let job = try PublishTests.Job()
            #expect(try job.publish().status == 0)
            let first = try #require(job.live)
            try job.editCase(1)
            #expect(try job.publish().status == 0)
            let killed = try CLI.program(
                CLI.which("strace")!,
                [
                    "-f", "-o", "/dev/null", "-e", "trace=\(Self.calls)",
                    "-e", "inject=\(Self.calls):signal=KILL:when=\(n)",
                    CLI.binary.path, "rollback", "--site", job.site,
                ])
            if killed.status == 0 && !killed.signalled {
                #expect(job.live == first)
                break
            }
            #expect(killed.signalled, "at call \(n): \(killed)")
            let live = try #require(job.live)
            try job.liveIsIntact()
            // Switched: the rollback was recorded first, so the next publish keeps it. Not switched: nothing happened.
            let next = try job.publish()
            #expect(next.status == 0, "after a kill at call \(n): \(next)")
            #expect(job.live == live, "after a kill at call \(n): \(next)")
            #expect(leftovers(job) == [], "after a kill at call \(n)")
            n += 1
        }
        #expect(n > 2, "a rollback records, links and renames")
    }

    @Test func aRepublishOfADamagedLiveReleaseKilledAtItsExchangeIsFinishedByTheNextRun() throws {
        var n = 1
        while n <= 10 {
            let job = try PublishTests.Job()
            #expect(try job.publish().status == 0)
            let live = try #require(job.live)
            try FileManager.default.removeItem(atPath: job.site + "/releases/\(live)/report.html")
            let killed = try publishKilled(at: n, job)
            if killed.status == 0 && !killed.signalled {
                #expect(killed.stderr.contains("report.html: missing"), "\(killed)")
                try job.liveIsIntact()
                break
            }
            #expect(killed.signalled, "at call \(n): \(killed)")
            // The damaged release or the fresh copy, never neither: current names a folder.
            #expect(job.live == live && FileManager.default.fileExists(atPath: job.site + "/current/manifest.json"), "at call \(n)")
            let next = try job.publish()
            #expect(next.status == 0, "after a kill at call \(n): \(next)")
            #expect(job.live == live)
            try job.liveIsIntact()
            #expect(leftovers(job) == [], "after a kill at call \(n)")
            n += 1
        }
        #expect(n > 1, "the exchange was never interrupted")
    }
}
