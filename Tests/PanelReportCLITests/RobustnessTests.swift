import Foundation
import Testing

/// Input a secretariat or a cron job can get wrong, and what the CLI does about it.
@Suite final class RobustnessTests {
    /// Scratch folders, removed when the test ends.
    let folders = ScratchFolders()

    private func edit(_ url: URL, _ from: String, _ to: String) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(from), "\("\(url.lastPathComponent) has no \(from)")")
        try text.replacingOccurrences(of: from, with: to).write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func hugeAndImpossibleReviewCountsAreRefusedNotCrashedOn() throws {
        let inputs = try CLI.copyOfInputs(folders)
        try edit(inputs.appendingPathComponent("review.yaml"), "regions_total: 9", "regions_total: 9223372036854775807")
        try edit(inputs.appendingPathComponent("areas.yaml"), "practitioners: ", "practitioners: 9999999")
        let huge = try CLI.run(["stats", "--inputs", inputs.path])
        #expect(huge.status == 65, "\(huge.stderr)")
        #expect(huge.stderr.contains("regions_total: "), "\(huge.stderr)")
        #expect(huge.stderr.contains("a whole number from 1 to 9"), "\(huge.stderr)")
        #expect(huge.stderr.contains("a whole number from 0 to 1000000"), "\(huge.stderr)")

        let fresh = try CLI.copyOfInputs(folders)
        try edit(fresh.appendingPathComponent("review.yaml"), "initial_shortlist: 74", "initial_shortlist: 5")
        try edit(fresh.appendingPathComponent("review.yaml"), "regions_total: 9", "regions_total: 3")
        let small = try CLI.run(["validate", "--inputs", fresh.path])
        #expect(small.status == 65)
        #expect(small.stderr.contains("review.yaml:7:20: initial_shortlist: 5 is fewer than the 23 cases in the cohort"), "\(small.stderr)")
        #expect(
            small.stderr.contains(
                "review.yaml:8:16: regions_total: 3 is fewer than the 8 regions the cohort's areas are in; expected 8 to "
                    + "9"), "\(small.stderr)")
    }

    @Test func thousandsOfBadRowsAreAllReportedQuickly() throws {
        let inputs = try CLI.copyOfInputs(folders)
        try FileManager.default.removeItem(at: inputs.appendingPathComponent("cases"))
        let header = try String(
            contentsOf: CLI.repository.appendingPathComponent("Tests/CaseLoadingTests/Fixtures/reference-cohort.csv"),
            encoding: .utf8
        ).split(separator: "\n")[0]
        let junk = Array(repeating: "x", count: header.split(separator: ",").count).joined(separator: ",")
        try ([String(header)] + Array(repeating: junk, count: 5_000)).joined(separator: "\n")
            .write(to: inputs.appendingPathComponent("cases.csv"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["validate", "--inputs", inputs.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("more problems not shown"), "\(String(result.stderr.suffix(300)))")
    }

    @Test func anOutputFolderHoldingSomeoneElsesFilesIsRefusedAndLeftAlone() throws {
        let scratch = try CLI.scratch(folders)
        let theirs = scratch.appendingPathComponent("Mine")
        try FileManager.default.createDirectory(at: theirs.appendingPathComponent("data"), withIntermediateDirectories: true)
        try "precious".write(to: theirs.appendingPathComponent("data/notes.txt"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["build", "--output", theirs.path])
        #expect(result.status == 73)
        #expect(result.stderr.contains("already holds data, which panel-report did not write"), "\(result.stderr)")
        #expect(try String(contentsOf: theirs.appendingPathComponent("data/notes.txt"), encoding: .utf8) == "precious")
        #expect(!(FileManager.default.fileExists(atPath: theirs.appendingPathComponent("report.html").path)))
    }

    @Test func leftoversOfAKilledRunAreClearedAndTheFolderKeepsItsOtherFiles() throws {
        let out = try CLI.scratch(folders).appendingPathComponent("Output")
        #expect(try CLI.run(["build", "--output", out.path]).status == 0)
        try FileManager.default.createDirectory(at: out.appendingPathComponent(".staging-99999/data"), withIntermediateDirectories: true)
        try "C07".write(to: out.appendingPathComponent(".staging-99999/data/leftover.txt"), atomically: true, encoding: .utf8)
        try "keep me".write(to: out.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["build", "--output", out.path]).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == [".panel-report-lock", ".panel-report-output", "README.md", "data", "figures", "manifest.json", "report.html"])
    }

    /// Recognised by its statistics.json, never by reading the page: a published build
    /// may replace it, a draft may not (the folder may be a published one).
    @Test func aReportBuiltBeforeTheMarkerExistedIsStillRecognised() throws {
        let out = try CLI.scratch(folders).appendingPathComponent("Output")
        #expect(try CLI.run(["build", "--output", out.path]).status == 0)
        try FileManager.default.removeItem(at: out.appendingPathComponent(".panel-report-output"))
        // Those versions wrote no tables workbooks either.
        for name in ["tables.ods", "tables.xlsx"] { try FileManager.default.removeItem(at: out.appendingPathComponent("data/" + name)) }
        let draft = try CLI.run(["build", "--draft", "--output", out.path])
        #expect(draft.status == 73, "\(draft.stderr)")
        #expect(
            draft.stderr.contains("holds a report from an earlier version of panel-report, which did not record whether it was a draft"))
        let again = try CLI.run(["build", "--output", out.path])
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func draftsAndPublishedReportsNeverShareAFolder() throws {
        let scratch = try CLI.scratch(folders)
        let published = scratch.appendingPathComponent("Published").path
        let draft = scratch.appendingPathComponent("Draft").path
        #expect(try CLI.run(["build", "--output", published]).status == 0)
        #expect(try CLI.run(["build", "--draft", "--output", draft]).status == 0)
        let draftIntoPublished = try CLI.run(["build", "--draft", "--output", published])
        #expect(draftIntoPublished.status == 73)
        #expect(
            draftIntoPublished.stderr.contains(
                "holds a published report; write the draft to another folder (the default is "
                    + "Output-draft)"), "\(draftIntoPublished.stderr)")
        #expect(
            !(try String(contentsOf: URL(fileURLWithPath: published + "/report.html"), encoding: .utf8).contains("<body class=\"draft\">")))
        #expect(try CLI.run(["build", "--output", draft]).status == 73)
    }

    @Test func buildsRunningAtOnceIntoOneFolderAllSucceed() throws {
        let out = try CLI.scratch(folders).appendingPathComponent("Output").path
        let builds = try (0..<4).map { _ in
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["build", "--output", out]
            p.currentDirectoryURL = CLI.repository
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        for p in builds { p.waitUntilExit() }
        #expect(builds.map(\.terminationStatus) == [0, 0, 0, 0])
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == [".panel-report-lock", ".panel-report-output", "data", "figures", "manifest.json", "report.html"])
    }

    @Test func aDraftGoesToItsOwnFolderByDefault() throws {
        let scratch = try CLI.scratch(folders)
        let result = try CLI.run(
            [
                "build", "--draft", "--inputs", CLI.repository.appendingPathComponent("Inputs").path,
                "--templates", CLI.repository.appendingPathComponent("Templates").path,
            ], in: scratch)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("Output-draft/report.html").path))
        #expect(!(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("Output").path)))
    }

    @Test func aBaselineWithImpossibleNumbersIsRefused() throws {
        let scratch = try CLI.scratch(folders)
        let baseline = scratch.appendingPathComponent("baseline.json")
        try #"{"schema": 1, "values": {"sex.male": {"count": -1, "total": 23}}}"#.write(to: baseline, atomically: true, encoding: .utf8)
        let result = try CLI.run(["build", "--draft", "--baseline", baseline.path, "--output", scratch.appendingPathComponent("o").path])
        #expect(result.status == 65)
        #expect(result.stderr.contains(#"the value "sex.male" has no whole-number count of 0 or more"#), "\(result.stderr)")
        try "not json".write(to: baseline, atomically: true, encoding: .utf8)
        #expect(
            try CLI.run(["build", "--draft", "--baseline", baseline.path, "--output", scratch.appendingPathComponent("o").path]).status
                == 65)
    }

    @Test func sourceDateEpochNeverDatesTheProse() throws {
        let templates = try CLI.scratch(folders).appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: CLI.repository.appendingPathComponent("Templates"), to: templates)
        try edit(
            templates.appendingPathComponent("chapters/01-summary.md"), "# Summary of key findings\n",
            "# Summary of key findings\n\nThis edition is dated {{ review.published }}.\n")
        let out = templates.deletingLastPathComponent().appendingPathComponent("Output")
        #expect(
            try CLI.run(
                ["build", "--templates", templates.path, "--output", out.path],
                environment: ["SOURCE_DATE_EPOCH": "1700000000"]
            ).status == 0)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("This edition is dated 15 September 2021."))
        #expect(!(html.contains("14 November 2023")))
    }
}
