import Foundation
import Testing

/// Issue 9, point 6: a build killed at any rename leaves a folder that the next
/// build recovers into the complete old report or the complete new one; and
/// point 14: a rename that fails says why, in the system's words.
///
/// strace kills the build at its Nth rename (before the rename happens), for
/// N = 1, 2, 3… until a build runs to the end. No hook in the program is needed.
@Suite(.serialized, .enabled(if: CLI.which("strace") != nil, "strace is not installed (scripts/setup installs it)"))
struct OutputSwapTests {
    static let renames = "rename,renameat,renameat2"

    /// Two sets of inputs whose reports differ in every part: report.html, a figure, its CSV, statistics.json.
    struct Cohorts {
        let scratch: Scratch
        let old: String, new: String, broken: String
        let oldReport: [String: Data], newReport: [String: Data]

        init() throws {
            scratch = try Scratch()
            old = try scratch.copy("Inputs", as: "old")
            new = try scratch.copy("Inputs", as: "new")
            broken = try scratch.copy("Inputs", as: "broken")
            let c01 = new + "/cases/C01.yaml"
            let text = try String(contentsOfFile: c01, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "sex: male", with: "sex: female").utf8).write(to: URL(fileURLWithPath: c01))
            try FileManager.default.removeItem(atPath: broken + "/areas.yaml")
            for (inputs, name) in [(old, "reference-old"), (new, "reference-new")] {
                let result = try CLI.run(["build", "--inputs", inputs, "--output", scratch.path(name)], timeout: 120)
                #expect(result.status == 0, "\(result)")
            }
            oldReport = try CLI.report(in: scratch.path("reference-old"))
            newReport = try CLI.report(in: scratch.path("reference-new"))
            #expect(oldReport.count == ReferenceFiles.published.count)
            for name in ["report.html", "figures/figure-2.svg", "data/figure-2.csv", "data/statistics.json"] {
                #expect(oldReport[name] != newReport[name], "\(name) should differ between the two cohorts")
            }
        }
    }

    /// A build of `inputs` into `output`, killed by strace at its `n`th rename.
    func buildKilled(at n: Int, inputs: String, output: String, extra: [String] = []) throws -> ProgramRun {
        try CLI.program(
            CLI.which("strace")!,
            [
                "-f", "-o", "/dev/null", "-e", "trace=\(Self.renames)",
                "-e", "inject=\(Self.renames):signal=KILL:when=\(n)",
                CLI.binary.path, "build", "--inputs", inputs, "--output", output,
            ] + extra)
    }

    func leftovers(_ output: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: output).filter { $0.hasPrefix(".") }
            .filter { $0 != ".panel-report-lock" && $0 != ".panel-report-output" }.sorted()
    }

    @Test func aRebuildKilledAtEveryRenameLeavesTheOldReportOrTheNewOne() throws {
        let cohorts = try Cohorts()
        var outcomes: [String] = []
        for n in 1...50 {
            let output = cohorts.scratch.path("out-\(n)")
            #expect(try CLI.run(["build", "--inputs", cohorts.old, "--output", output], timeout: 120).status == 0)
            let killed = try buildKilled(at: n, inputs: cohorts.new, output: output)
            if killed.status == 0 && !killed.signalled {
                #expect(try CLI.report(in: output) == cohorts.newReport)
                #expect(n > 6, "a rebuild has a journal, three names to set aside and three to put in place, and a commit")
                break
            }
            #expect(killed.signalled && killed.status == SIGKILL, "\(killed)")
            // A draft into the folder recovers the swap first, then is refused: the folder holds a published report.
            let draft = try CLI.run(["build", "--draft", "--output", output], timeout: 120)
            #expect(draft.status == 73, "after a kill at rename \(n): \(draft)")
            #expect(draft.lines.last?.contains("holds a published report") == true, "\(draft)")
            #expect(!draft.stderr.contains("did not write"), "\(draft)")
            let report = try CLI.report(in: output)
            let state = report == cohorts.oldReport ? "old" : report == cohorts.newReport ? "new" : "mixed"
            #expect(state != "mixed", "after a kill at rename \(n) the folder holds \(report.keys.sorted())")
            #expect(try leftovers(output) == [], "after a kill at rename \(n)")
            outcomes.append(state)
            // And a later build succeeds.
            #expect(try CLI.run(["build", "--inputs", cohorts.new, "--output", output], timeout: 120).status == 0)
            #expect(try CLI.report(in: output) == cohorts.newReport)
        }
        // Both sides of the journal were exercised: killed before it the old report
        // stays, killed after it the new one is finished.
        #expect(outcomes.first == "old")
        #expect(outcomes.last == "new")
        #expect(outcomes.count >= 6)
    }

    @Test func aFirstBuildKilledAtEveryRenameNeverMakesTheFolderRefused() throws {
        let cohorts = try Cohorts()
        var n = 1
        while n <= 50 {
            let output = cohorts.scratch.path("first-\(n)")
            let killed = try buildKilled(at: n, inputs: cohorts.new, output: output)
            if killed.status == 0 && !killed.signalled {
                #expect(try CLI.report(in: output) == cohorts.newReport)
                break
            }
            #expect(killed.signalled, "\(killed)")
            // A build with broken inputs still finishes or undoes the swap before it stops.
            let broken = try CLI.run(["build", "--inputs", cohorts.broken, "--output", output], timeout: 120)
            #expect(broken.status == 66, "\(broken)")
            let report = try CLI.report(in: output)
            #expect(report.isEmpty || report == cohorts.newReport, "after a kill at rename \(n): \(report.keys.sorted())")
            #expect(try leftovers(output) == [], "after a kill at rename \(n)")
            // A draft is refused once the published build has taken the folder, report files or not.
            if FileManager.default.fileExists(atPath: output + "/.panel-report-output") {
                let draft = try CLI.run(["build", "--draft", "--output", output], timeout: 120)
                #expect(draft.status == 73, "after a kill at rename \(n): \(draft)")
                #expect(draft.stderr.contains("holds a published report"), "\(draft)")
            }
            let later = try CLI.run(["build", "--inputs", cohorts.new, "--output", output], timeout: 120)
            #expect(later.status == 0, "after a kill at rename \(n): \(later)")
            #expect(try CLI.report(in: output) == cohorts.newReport)
            n += 1
        }
        #expect(n > 3, "a first build has at least its marker, journal and the three names")
    }

    @Test func aSwapThatAnEarlierVersionLeftHalfDoneIsFinishedNotDeleted() throws {
        let cohorts = try Cohorts()
        let output = cohorts.scratch.path("earlier")
        #expect(try CLI.run(["build", "--inputs", cohorts.old, "--output", output], timeout: 120).status == 0)
        // Earlier versions wrote .staging-PID in full, then made .previous-PID and set
        // the old names aside one by one: killed after two of them, the old report.html
        // and figures/ were only in .previous-PID, the new report only in .staging-PID.
        let fm = FileManager.default
        try fm.copyItem(atPath: cohorts.scratch.path("reference-new"), toPath: output + "/.staging-4242")
        for name in [".panel-report-lock", ".panel-report-output"] { try fm.removeItem(atPath: output + "/.staging-4242/" + name) }
        try fm.createDirectory(atPath: output + "/.previous-4242", withIntermediateDirectories: false)
        for name in ["report.html", "figures"] { try fm.moveItem(atPath: output + "/" + name, toPath: output + "/.previous-4242/" + name) }
        let draft = try CLI.run(["build", "--draft", "--output", output], timeout: 120)
        #expect(draft.status == 73, "\(draft)")
        #expect(try CLI.report(in: output) == cohorts.newReport)
        #expect(try leftovers(output) == [])
    }

    @Test func aRenameThatFailsSaysWhyAndKeepsTheOldReport() throws {
        let cohorts = try Cohorts()
        for (error, words) in [("EACCES", "Permission denied"), ("EXDEV", "Invalid cross-device link"), ("EIO", "Input/output error")] {
            // Rename 1 writes the journal; 2 sets report.html aside, 3 puts the new one in, 4 sets figures/ aside.
            for n in [2, 3, 4, 5] {
                let output = cohorts.scratch.path("fail-\(error)-\(n)")
                #expect(try CLI.run(["build", "--inputs", cohorts.old, "--output", output], timeout: 120).status == 0)
                let failed = try CLI.program(
                    CLI.which("strace")!,
                    [
                        "-f", "-o", "/dev/null", "-e", "trace=\(Self.renames)",
                        "-e", "inject=\(Self.renames):error=\(error):when=\(n)",
                        CLI.binary.path, "build", "--inputs", cohorts.new, "--output", output,
                    ])
                #expect(failed.status == 74, "\(error) at rename \(n): \(failed)")
                #expect(failed.lines.count == 1, "\(failed)")
                #expect(failed.stderr.contains("could not move the new report into place"), "\(failed)")
                #expect(failed.stderr.contains(words), "\(error) at rename \(n): \(failed)")
                #expect(!failed.stderr.contains("NSCocoaErrorDomain"), "\(failed)")
                #expect(failed.stderr.contains("the previous report was kept"), "\(failed)")
                #expect(try CLI.report(in: output) == cohorts.oldReport, "\(error) at rename \(n)")
                #expect(try leftovers(output) == [], "\(error) at rename \(n)")
            }
        }
        // Rename 1 puts the journal in place: failing there, nothing has moved yet.
        let output = cohorts.scratch.path("fail-journal")
        #expect(try CLI.run(["build", "--inputs", cohorts.old, "--output", output], timeout: 120).status == 0)
        let failed = try CLI.program(
            CLI.which("strace")!,
            [
                "-f", "-o", "/dev/null", "-e", "trace=\(Self.renames)",
                "-e", "inject=\(Self.renames):error=ENOSPC:when=1",
                CLI.binary.path, "build", "--inputs", cohorts.new, "--output", output,
            ])
        #expect(failed.status == 73, "\(failed)")
        #expect(
            failed.lines == [
                "\(output): cannot write there (moving .panel-report-swap.tmp to .panel-report-swap: No space left on device)"
            ], "\(failed)")
        #expect(try CLI.report(in: output) == cohorts.oldReport)
        #expect(try leftovers(output) == [])
    }
}
