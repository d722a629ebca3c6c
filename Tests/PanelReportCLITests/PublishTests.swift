import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 24: `publish` and `rollback` as a scheduler runs them: the real binary,
/// copies of the inputs and templates, a temporary site.
@Suite struct PublishTests {
    /// A scheduled job's folders: inputs and templates to edit, a build folder and a site.
    struct Job: Sendable {
        let scratch: Scratch
        let inputs: String, templates: String, output: String, site: String

        init() throws {
            scratch = try Scratch()
            inputs = try scratch.copy("Inputs")
            templates = try scratch.copy("Templates")
            output = scratch.path("Output")
            site = scratch.path("www/panel-report")
        }

        func publish(_ more: [String] = []) throws -> ProgramRun {
            try CLI.run(["publish", "--inputs", inputs, "--templates", templates, "--output", output, "--site", site] + more, timeout: 120)
        }

        func rollback(_ more: [String] = []) throws -> ProgramRun {
            try CLI.run(["rollback", "--site", site] + more, timeout: 60)
        }

        /// The release `current` names, by its ID.
        var live: String? {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: site + "/current") else { return nil }
            #expect(target.hasPrefix("releases/") && !target.hasPrefix("/"), "current -> \(target)")
            return String(target.dropFirst("releases/".count))
        }

        /// The releases, and anything else in releases/ but the history.
        var releases: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: site + "/releases")) ?? []).filter { $0 != ".panel-report-history" }
                .sorted()
        }

        var history: [String] {
            ((try? String(contentsOfFile: site + "/releases/.panel-report-history", encoding: .utf8)) ?? "").split(separator: "\n").map(
                String.init)
        }

        /// `verify` of what `current` names: the live report is complete and exactly as built.
        func liveIsIntact(sourceLocation: SourceLocation = #_sourceLocation) throws {
            let run = try CLI.run(["verify", "--output", site + "/current"], timeout: 60)
            #expect(run.status == 0, "\(run)", sourceLocation: sourceLocation)
        }

        /// A change to a case that changes the report (a child's sex changes a figure).
        func editCase(_ n: Int) throws {
            let path = inputs + "/cases/C0\(n).yaml"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let edited =
                text.contains("sex: male")
                ? text.replacingOccurrences(of: "sex: male", with: "sex: female")
                : text.replacingOccurrences(of: "sex: female", with: "sex: male")
            #expect(edited != text)
            try edited.write(toFile: path, atomically: true, encoding: .utf8)
        }

        /// The ID a build folder's report is published under: the SHA-256 of its manifest, 16 digits.
        var builtID: String {
            get throws { String(try ScheduledJobTests.sha256(output + "/manifest.json").prefix(16)) }
        }
    }

    @Test func aFirstPublishMakesAVerifiedReleaseAndAnUnchangedRunWritesNothing() throws {
        let job = try Job()
        let first = try job.publish()
        #expect(first.status == 0, "\(first)")
        #expect(
            first.lines.last?.hasPrefix("panel-report: published: \(job.site)/current -> releases/\(try job.builtID) (") == true, "\(first)"
        )
        #expect(job.live == (try job.builtID))
        #expect(job.releases == [try job.builtID])
        let id = try job.builtID
        #expect(job.history.count == 1 && job.history.first?.hasPrefix(id + " ") == true, "\(job.history)")
        try job.liveIsIntact()
        // The report as built, and nothing of panel-report's bookkeeping.
        let release = try CLI.files(under: URL(fileURLWithPath: job.site + "/releases/" + (try job.builtID)))
        #expect(release == (try CLI.report(in: job.output)))
        #expect(release.keys.sorted() == ReferenceFiles.published)

        let site = try ScheduledJobTests.snapshot(job.site), output = try ScheduledJobTests.snapshot(job.output)
        let again = try job.publish()
        #expect(again.status == 0, "\(again)")
        #expect(
            again.lines.last?.hasPrefix("panel-report: unchanged: \(job.site)/current -> releases/\(try job.builtID) is intact") == true,
            "\(again)")
        let quiet = try job.publish(["--quiet"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty && quiet.stdout.isEmpty, "\(quiet)")
        #expect(try ScheduledJobTests.snapshot(job.site) == site, "an unchanged publish touched the site")
        #expect(try ScheduledJobTests.snapshot(job.output) == output, "an unchanged publish touched the build folder")
    }

    @Test func anEditedCaseIsANewReleaseAndTheOldOneStays() throws {
        let job = try Job()
        #expect(try job.publish().status == 0)
        let old = try #require(job.live)
        try job.editCase(1)
        let run = try job.publish(["--log-format", "json"])
        #expect(run.status == 0, "\(run)")
        let new = try job.builtID
        #expect(new != old && job.live == new)
        #expect(run.stderr.contains("was releases/\(old)"), "\(run)")
        #expect(job.releases == [old, new].sorted())
        #expect(job.history.map { String($0.prefix(16)) } == [old, new])
        try job.liveIsIntact()
        #expect(try CLI.run(["verify", "--output", job.site + "/releases/" + old], timeout: 60).status == 0)
    }

    @Test func aDamagedLiveReleaseIsRepublishedWithAWarningNeverLeftLive() throws {
        let job = try Job()
        #expect(try job.publish().status == 0)
        let id = try #require(job.live)
        let release = job.site + "/releases/" + id
        let fm = FileManager.default
        let damages: [(String, () throws -> Void)] = [
            ("data/figure-1.csv: altered", { try Data("0,0\n".utf8).write(to: URL(fileURLWithPath: release + "/data/figure-1.csv")) }),
            ("figures/figure-2.svg: missing", { try fm.removeItem(atPath: release + "/figures/figure-2.svg") }),
            ("notes.txt: unexpected", { try Data("hi".utf8).write(to: URL(fileURLWithPath: release + "/notes.txt")) }),
            ("manifest.json: altered", { try ScheduledJobTests.Built.edit(release + "/manifest.json", "\"kind\"", " \"kind\"") }),
            (
                ".panel-report-output: unexpected",
                { try Data("published\n".utf8).write(to: URL(fileURLWithPath: release + "/.panel-report-output")) }
            ),
        ]
        for (named, damage) in damages {
            try damage()
            let run = try job.publish(["--log-format", "json"])
            #expect(run.status == 0, "\(named): \(run)")
            let warning = try #require(
                run.lines.dropFirst().first.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
            #expect(warning["level"] as? String == "warning", "\(named): \(run)")
            #expect(warning["file"] as? String == release + "/" + String(named.prefix { $0 != ":" }), "\(named): \(run)")
            #expect((warning["message"] as? String)?.contains(named) == true, "\(named): \(run)")
            #expect(run.lines.last?.contains("\"outcome\":\"republished\"") == true, "\(named): \(run)")
            #expect(job.live == id)
            try job.liveIsIntact()
            #expect(job.releases == [id], "\(named): a temporary folder was left: \(job.releases)")
        }
    }

    @Test func publishBuildsWithBuildsOptionsAndAnotherOptionIsAnotherRelease() throws {
        let job = try Job()
        #expect(try job.publish(["--suppress-below", "3"]).status == 0)
        let suppressed = try #require(job.live)
        // The option is kept in the build folder's record, not in the published manifest.
        let record = try String(contentsOfFile: job.output + "/.panel-report-output", encoding: .utf8)
        #expect(record.contains("\"options/suppress-below=3\""), "\(record)")
        let manifest = try String(contentsOfFile: job.site + "/releases/\(suppressed)/manifest.json", encoding: .utf8)
        #expect(!manifest.contains("options/"), "\(manifest)")
        #expect(try job.publish(["--suppress-below", "3"]).lines.last?.contains("is intact") == true)
        #expect(try job.publish().status == 0)
        #expect(job.live != suppressed && job.releases.count == 2)
        #expect(try job.publish(["--suppress-below", "1"]).status == 64)
    }

    @Test func aBuildFolderThatDiffersFromItsManifestIsNeverPublished() throws {
        let job = try Job()
        #expect(try job.publish().status == 0)
        let live = job.live
        // A file of yours beside the report: build --if-changed keeps it, verify (and so publish) does not.
        try Data("notes".utf8).write(to: URL(fileURLWithPath: job.output + "/README.md"))
        try job.editCase(1)
        let run = try job.publish(["--log-format", "json"])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("\"file\":\"\(job.output)/README.md\""), "\(run)")
        #expect(run.stderr.contains("README.md: unexpected (the manifest does not list it)"), "\(run)")
        #expect(run.lines.last?.contains("nothing was published") == true, "\(run)")
        #expect(job.live == live && job.releases.count == 1)
    }

    @Test func aDamagedReleaseLiveSinceARollbackCannotBeReplacedAndIsRefused() throws {
        let job = try Job()
        #expect(try job.publish().status == 0)
        let old = try #require(job.live)
        try job.editCase(1)
        #expect(try job.publish().status == 0)
        #expect(try job.rollback().status == 0)
        #expect(job.live == old)
        try FileManager.default.removeItem(atPath: job.site + "/releases/\(old)/report.html")
        let run = try job.publish(["--log-format", "json"])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("\"file\":\"\(job.site)/releases/\(old)/report.html\""), "\(run)")
        #expect(run.stderr.contains("report.html: missing"), "\(run)")
        #expect(run.lines.last?.contains("\"outcome\":\"damaged\"") == true, "\(run)")
    }

    @Test func aRollbackIsVerifiedAndPublishKeepsItUntilTheInputsChange() throws {
        let job = try Job()
        #expect(try job.publish().status == 0)
        let first = try #require(job.live)
        try job.editCase(1)
        #expect(try job.publish().status == 0)
        let second = try #require(job.live)

        // A damaged release is refused, naming the file; current stays.
        let figure = job.site + "/releases/\(first)/figures/figure-1.svg"
        let good = try Data(contentsOf: URL(fileURLWithPath: figure))
        try Data("<svg/>".utf8).write(to: URL(fileURLWithPath: figure))
        let refused = try job.rollback()
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.lines.first == "\(figure): altered (its SHA-256 or size differs from the manifest's)", "\(refused)")
        #expect(job.live == second)
        try good.write(to: URL(fileURLWithPath: figure))
        #expect(try job.rollback(["--to", "0123456789abcdef"]).status == 66)

        // Back to the one before; publish then keeps it while the inputs are those published before.
        let back = try job.rollback()
        #expect(back.status == 0, "\(back)")
        #expect(job.live == first)
        try job.liveIsIntact()
        let site = try ScheduledJobTests.snapshot(job.site)
        let kept = try job.publish()
        #expect(kept.status == 0, "\(kept)")
        #expect(kept.lines.last?.contains("stays live, put there by a rollback") == true, "\(kept)")
        #expect(job.live == first)
        #expect(try ScheduledJobTests.snapshot(job.site) == site)
        // Changed inputs are published again.
        try job.editCase(2)
        #expect(try job.publish().status == 0)
        let third = try job.builtID
        #expect(job.live != first && job.live != second && job.live == third)
        #expect(job.history.map { String($0.split(separator: " ")[2]) } == ["published", "published", "rolled-back", "published"])
        // The inputs of each line come from the build folder's record (a release holds
        // none); a rollback's from the history's line of the release it goes back to.
        let inputs = job.history.map { String($0.split(separator: " ")[1]) }
        #expect(inputs.allSatisfy { $0.wholeMatch(of: /[0-9a-f]{16}/) != nil }, "\(job.history)")
        #expect(inputs[2] == inputs[0] && Set([inputs[0], inputs[1], inputs[3]]).count == 3, "\(job.history)")
    }

    @Test func keepPrunesTheOldestButNeverTheLiveReleaseNorTheOneBefore() throws {
        let job = try Job()
        var ids: [String] = []
        // Each edit moves a boy to girls (C02, C04): two that cancel out would give
        // the same report, and identical reports share one release.
        for edited in [nil, 2, 4] {
            if let edited { try job.editCase(edited) }
            #expect(try job.publish().status == 0)
            ids.append(try #require(job.live))
        }
        // Live: the oldest, by a rollback. --keep 1 keeps it and the newest.
        #expect(try job.rollback(["--to", ids[0]]).status == 0)
        let pruned = try job.publish(["--keep", "1"])
        #expect(pruned.status == 0, "\(pruned)")
        #expect(pruned.stderr.contains("removed 1 old release (--keep 1): \(ids[1])"), "\(pruned)")
        #expect(job.releases == [ids[0], ids[2]].sorted())
        #expect(job.live == ids[0])
        // Two more, with --keep 2: the live one and the one before it.
        #expect(try job.rollback(["--to", ids[2]]).status == 0)
        try job.editCase(5)
        #expect(try job.publish(["--keep", "2"]).status == 0)
        let newest = try #require(job.live)
        #expect(job.releases == [ids[2], newest].sorted())
        try job.liveIsIntact()
        #expect(try job.publish(["--keep", "0"]).status == 64)
    }

    @Test func aSiteThatCannotBeWrittenIs73WithThePath() throws {
        let job = try Job()
        // As root nothing is unwritable by permission: a file stands where a folder must be.
        try Data("x".utf8).write(to: URL(fileURLWithPath: job.scratch.path("www")))
        let blocked = try job.publish()
        #expect(blocked.status == 73, "\(blocked)")
        #expect(blocked.stderr.contains("\(job.site): cannot create the site folder (\(job.site): Not a directory)"), "\(blocked)")
        try FileManager.default.removeItem(atPath: job.scratch.path("www"))
        try FileManager.default.createDirectory(atPath: job.site, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: job.site + "/releases"))
        let releases = try job.publish()
        #expect(releases.status == 73, "\(releases)")
        #expect(releases.stderr.contains("\(job.site)/releases: not a folder"), "\(releases)")
        try FileManager.default.removeItem(atPath: job.site + "/releases")
        // A current that is not panel-report's link is never replaced.
        try FileManager.default.createDirectory(atPath: job.site + "/current", withIntermediateDirectories: false)
        let current = try job.publish(["--log-format", "json"])
        #expect(current.status == 73, "\(current)")
        #expect(current.stderr.contains("\"file\":\"\(job.site)/current\""), "\(current)")
        // Nor is a site inside the build, inputs or templates folder accepted.
        #expect(try CLI.run(["publish", "--output", job.output, "--site", job.output + "/site"], timeout: 60).status == 64)
    }

    @Test func twoPublishesIntoOneSiteAreSerialised() throws {
        let job = try Job()
        try FileManager.default.createDirectory(atPath: job.site, withIntermediateDirectories: true)
        // Hold the site's lock as another publish would: a publish waits for it.
        let fd = open(job.site + "/.panel-report-publish-lock", O_CREAT | O_RDWR, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        let waiting = Process()
        waiting.executableURL = CLI.binary
        waiting.arguments = [
            "publish", "--inputs", job.inputs, "--templates", job.templates, "--output", job.output, "--site", job.site, "--quiet",
        ]
        try waiting.run()
        Thread.sleep(forTimeInterval: 2)
        #expect(waiting.isRunning, "a publish did not wait for the site's lock")
        #expect(!FileManager.default.fileExists(atPath: job.output), "a publish built before it held the site's lock")
        close(fd)
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 0)
        // Two at once, edited between: both finish, one after the other, and the site is whole.
        try job.editCase(1)
        let runs = Mutexed<[ProgramRun]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            if let run = try? job.publish() { runs.append(run) }
        }
        #expect(runs.value.map(\.status) == [0, 0], "\(runs.value)")
        #expect(job.live == (try job.builtID))
        #expect(job.releases.count == 2 && job.history.count == 2, "\(job.releases) \(job.history)")
        try job.liveIsIntact()
    }

    @Test(.enabled(if: CLI.which("git") != nil && FileManager.default.fileExists(atPath: CLI.repository.path + "/.git")))
    func aFreshCloneBuildsAndVerifies() throws {
        // What a clone holds: the files git tracks (and none of the working tree's Output/).
        let listed = try CLI.program(
            CLI.which("git")!, ["-C", CLI.repository.path, "ls-files", "-z", "--", "Inputs", "Templates", "Output"])
        #expect(listed.status == 0, "\(listed)")
        let files = listed.stdout.split(separator: "\0").map(String.init)
        #expect(!files.contains { $0.hasPrefix("Output/") }, "Output/ is committed: \(files.filter { $0.hasPrefix("Output/") })")
        let clone = try Scratch()
        for file in files {
            try FileManager.default.createDirectory(
                atPath: clone.path((file as NSString).deletingLastPathComponent), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: CLI.repository.path + "/" + file, toPath: clone.path(file))
        }
        let build = try CLI.run(["build", "--quiet"], in: clone.url)
        #expect(build.status == 0, "\(build)")
        let verify = try CLI.run(["verify"], in: clone.url, timeout: 60)
        #expect(verify.status == 0, "\(verify)")
    }
}

/// A value shared by the threads of a test.
final class Mutexed<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
    func append<T>(_ element: T) where Value == [T] {
        lock.lock()
        stored.append(element)
        lock.unlock()
    }
}
