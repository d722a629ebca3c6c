import Foundation
import Testing

/// `panel-report build` end to end on the reference cohort and on broken copies of it.
@Suite final class BuildCommandTests {
    /// Scratch folders, removed when the test ends.
    let folders = ScratchFolders()

    @Test func buildsEveryFileFromTheReferenceCohort() throws {
        let out = try CLI.scratch(folders).appendingPathComponent("Output")
        let result = try CLI.run(["build", "--output", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "")
        #expect(
            result.stderr.hasPrefix(
                "panel-report: built \(out.path)/report.html (published, 23 cases, \(ReferenceFiles.published.count) files, "),
            "\(result.stderr)")
        let files = try CLI.files(under: out).keys.sorted()
        #expect(files == ([".panel-report-lock", ".panel-report-output"] + ReferenceFiles.published).sorted())
        let csv = try String(contentsOf: out.appendingPathComponent("data/figure-1.csv"), encoding: .utf8)
        #expect(csv == "category,count,percent\nSeriously harmed,19,83\nDied,4,17\n")
    }

    @Test func twoBuildsOfTheSameInputsAreByteIdentical() throws {
        let scratch = try CLI.scratch(folders)
        for name in ["a", "b"] {
            #expect(try CLI.run(["build", "--output", scratch.appendingPathComponent(name).path]).status == 0)
        }
        let a = try CLI.files(under: scratch.appendingPathComponent("a"))
        let b = try CLI.files(under: scratch.appendingPathComponent("b"))
        #expect(a.count == ReferenceFiles.published.count + 2, "\("the report's files and the marker and lock")")
        #expect(a == b)
    }

    @Test func thePublishedBuildCarriesNoCaseIdAreaCodeSummaryOrUnpublishedLearning() throws {
        let out = try CLI.scratch(folders).appendingPathComponent("Output")
        #expect(try CLI.run(["build", "--output", out.path]).status == 0)
        let everything = try CLI.files(under: out).map { String(decoding: $0.value, as: UTF8.self) }.joined(separator: "\n")
        let secrets = try Secrets.ofReferenceCohort()
        #expect(secrets.ids.count == 23)
        #expect(secrets.areas.count == 19)
        #expect(secrets.unpublished.count > 5)
        for id in secrets.ids {
            #expect(everything.range(of: "\\b\(id)\\b", options: .regularExpression) == nil, "\("case id \(id) leaked")")
        }
        for code in secrets.areas {
            #expect(everything.range(of: "\\b\(code)\\b", options: .regularExpression) == nil, "\("area code \(code) leaked")")
        }
        for text in secrets.summaries + secrets.unpublished { #expect(!(everything.contains(text)), "\("leaked: \(text)")") }
        // …while the draft does carry them, so the test is looking in the right place.
        let draft = try CLI.scratch(folders).appendingPathComponent("Draft")
        #expect(try CLI.run(["build", "--draft", "--output", draft.path]).status == 0)
        let draftHTML = try String(contentsOf: draft.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(draftHTML.contains("C07"))
        #expect(draftHTML.contains(secrets.unpublished[0]))
        #expect(draftHTML.contains("DRAFT for reviewers: not for publication"))
    }

    @Test func invalidDataWritesNothingAndExits65() throws {
        let inputs = try CLI.copyOfInputs(folders)
        let c07 = inputs.appendingPathComponent("cases/C07.yaml")
        let text = try String(contentsOf: c07, encoding: .utf8)
        try text.replacingOccurrences(of: "outcome: seriously-harmed", with: "outcome: injured")
            .write(to: c07, atomically: true, encoding: .utf8)
        let out = inputs.deletingLastPathComponent().appendingPathComponent("Output")
        let result = try CLI.run(["build", "--inputs", inputs.path, "--output", out.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains(#"cases/C07.yaml:"#), "\(result.stderr)")
        #expect(
            result.stderr.contains(#"harm.outcome: "injured" is not a valid value; expected one of: died, seriously-harmed"#),
            "\(result.stderr)")
        #expect(result.stderr.hasSuffix("nothing was written\n"), "\(result.stderr)")
        #expect(!(result.stderr.contains("Fatal error")))
        #expect(!(FileManager.default.fileExists(atPath: out.path)))
    }

    @Test func aFailedBuildLeavesTheLastGoodOutputUntouched() throws {
        let inputs = try CLI.copyOfInputs(folders)
        let out = inputs.deletingLastPathComponent().appendingPathComponent("Output")
        #expect(try CLI.run(["build", "--inputs", inputs.path, "--output", out.path]).status == 0)
        let before = try CLI.files(under: out)
        try FileManager.default.removeItem(at: inputs.appendingPathComponent("cases/C01.yaml"))
        try "id: C02\n".write(to: inputs.appendingPathComponent("cases/C99.yaml"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["build", "--inputs", inputs.path, "--output", out.path]).status == 65)
        #expect(try CLI.files(under: out) == before)
    }

    @Test func aBrokenTemplateNamesItsFileAndLine() throws {
        let templates = try CLI.scratch(folders).appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: CLI.repository.appendingPathComponent("Templates"), to: templates)
        let chapter = templates.appendingPathComponent("chapters/01-summary.md")
        try ("# Summary\n\nOf {{ cases }} cases, {{ outcome.dyed }} died.\n" + "\n{{ figure: outcome }}\n")
            .write(to: chapter, atomically: true, encoding: .utf8)
        let out = templates.deletingLastPathComponent().appendingPathComponent("Output")
        let result = try CLI.run(["build", "--templates", templates.path, "--output", out.path])
        #expect(result.status == 65)
        #expect(
            result.stderr.contains(
                "chapters/01-summary.md:3: there is no value named \"outcome.dyed\"; did you mean "
                    + "\"outcome.died\"?"), "\(result.stderr)")
        #expect(!(FileManager.default.fileExists(atPath: out.path)))
        // With the name mended, the figure placed twice is the problem.
        try ("# Summary\n\nOf {{ cases }} cases, {{ outcome.died }} died.\n" + "\n{{ figure: outcome }}\n")
            .write(to: chapter, atomically: true, encoding: .utf8)
        let second = try CLI.run(["build", "--templates", templates.path, "--output", out.path])
        #expect(second.status == 65)
        #expect(second.stderr.contains("chapters/03-headline-data.md:"), "\(second.stderr)")
        #expect(
            second.stderr.contains("figure \"outcome\" is already placed at \(templates.path)/chapters/01-summary.md:5"), "\(second.stderr)"
        )
    }

    @Test func missingInputsExit66() throws {
        let empty = try CLI.scratch(folders)
        let result = try CLI.run(["build", "--inputs", empty.appendingPathComponent("nowhere").path])
        #expect(result.status == 66)
        #expect(result.stderr.contains("nowhere: no such folder"), "\(result.stderr)")
        let noReview = try CLI.copyOfInputs(folders)
        try FileManager.default.removeItem(at: noReview.appendingPathComponent("review.yaml"))
        #expect(try CLI.run(["validate", "--inputs", noReview.path]).status == 66)
    }

    @Test func anOutputThatCannotBeCreatedExits73() throws {
        let scratch = try CLI.scratch(folders)
        let blocker = scratch.appendingPathComponent("file")
        try "x".write(to: blocker, atomically: true, encoding: .utf8)
        let result = try CLI.run(["build", "--output", blocker.appendingPathComponent("Output").path])
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains("cannot create the output folder"), "\(result.stderr)")
    }

    @Test func usageErrorsExit64() throws {
        #expect(try CLI.run(["build", "--bogus"]).status == 64)
        let baselineWithoutDraft = try CLI.run(["build", "--baseline", "x.json"])
        #expect(baselineWithoutDraft.status == 64)
        #expect(baselineWithoutDraft.stderr.contains("--baseline marks changes in a reviewers' draft; add --draft"))
    }

    @Test func thePrintedDateIsReviewsPublishedWhateverSourceDateEpochOrTheClockSay() throws {
        let scratch = try CLI.scratch(folders)
        #expect(try CLI.run(["build", "--output", scratch.appendingPathComponent("a").path]).status == 0)
        let plain = try String(contentsOf: scratch.appendingPathComponent("a/report.html"), encoding: .utf8)
        #expect(plain.contains("Published 15 September 2021"))
        // A build server's SOURCE_DATE_EPOCH is not the publication date: the bytes do not change.
        #expect(
            try CLI.run(
                ["build", "--output", scratch.appendingPathComponent("b").path],
                environment: ["SOURCE_DATE_EPOCH": "1700000000"]
            ).status == 0)
        #expect(try CLI.report(in: scratch.appendingPathComponent("b").path) == CLI.report(in: scratch.appendingPathComponent("a").path))
        // …nor is an invalid one read by a published build; a draft, which reads it, exits 78 (EX_CONFIG).
        for bad in ["soon", "-5", "99999999999999999"] {
            #expect(
                try CLI.run(
                    ["build", "--output", scratch.appendingPathComponent("c").path],
                    environment: ["SOURCE_DATE_EPOCH": bad]
                ).status == 0, "\(bad)")
            #expect(
                try CLI.run(
                    ["build", "--draft", "--output", scratch.appendingPathComponent("d").path],
                    environment: ["SOURCE_DATE_EPOCH": bad]
                ).status == 78, "\(bad)")
        }
    }

    @Test func aDraftAgainstABaselineHighlightsWhatChanged() throws {
        let inputs = try CLI.copyOfInputs(folders)
        let scratch = inputs.deletingLastPathComponent()
        #expect(try CLI.run(["build", "--inputs", inputs.path, "--output", scratch.appendingPathComponent("before").path]).status == 0)
        // One baby's sex is corrected: 14 boys and 9 girls now.
        let c01 = inputs.appendingPathComponent("cases/C01.yaml")
        let text = try String(contentsOf: c01, encoding: .utf8)
        #expect(text.contains("sex: male"))
        try text.replacingOccurrences(of: "sex: male", with: "sex: female").write(to: c01, atomically: true, encoding: .utf8)
        let result = try CLI.run([
            "build", "--inputs", inputs.path, "--draft",
            "--baseline", scratch.appendingPathComponent("before/data/statistics.json").path,
            "--output", scratch.appendingPathComponent("after").path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: scratch.appendingPathComponent("after/report.html"), encoding: .utf8)
        #expect(html.contains("Changes since the published report of 15 September 2021 (statistics.json)"))
        #expect(!(html.contains(scratch.path)), "\("the baseline's folder is printed")")
        #expect(
            html.contains(#"<th scope="row">Sex: Male</th><td class="numeric">15 of 23</td><td class="numeric">14 of 23</td>"#), "\(html)")
        #expect(html.contains(#"<mark class="changed">"#))
        #expect(html.contains(#"(was 15"#))
        // …and in Figure 2's data table.
        #expect(
            html.contains(
                #"<th scope="row">Male</th><td class="numeric"><mark class="changed">14<span class="previous"> (was "#
                    + #"15)</span></mark></td>"#), "\(html)")
        #expect(
            html.contains(
                #"<th scope="row">Female</th><td class="numeric"><mark class="changed">9<span class="previous"> (was 8)</span></mark></td>"#
            ))
        #expect(
            html.contains(#"<td class="numeric"><mark class="changed">61%<span class="previous"> (was 65%)</span></mark></td>"#),
            "\("the share column")")
        // A ratio in words changes too, and is marked.
        #expect(
            html.contains(
                #"<mark class="changed">1.6 times as many boys as girls<span class="previous"> (was nearly twice as many boys as "#
                    + #"girls)</span></mark>"#))
        #expect(html.contains(#"<th scope="row">Boys for each girl</th><td class="numeric">15 to 8</td><td class="numeric">14 to 9</td>"#))
    }
}
