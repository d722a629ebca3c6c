import Foundation
import Testing

/// `validate` checks the templates as `build` does, and both report input and
/// template problems in one run.
@Suite struct TemplateCheckTests {
    func edit(_ file: URL, _ change: (String) -> String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "\(file.lastPathComponent) did not change")
        try changed.write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func validateFindsWhatBuildWouldRefuseInTheTemplates() throws {
        let scratch = try Scratch()
        let templates = URL(fileURLWithPath: try scratch.copy("Templates"))
        try edit(templates.appendingPathComponent("chapters/01-summary.md")) {
            $0 + "\nSee [the data](data/figure-1.csv) and {{ outcome.dyed }}.\n"
        }
        let validate = try CLI.run(["validate", "--templates", templates.path])
        #expect(validate.status == 65)
        #expect(validate.stdout == "")
        let lines = validate.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(validate.stderr)")
        #expect(
            lines.contains {
                $0.hasPrefix(templates.path + "/chapters/01-summary.md:") && $0.contains(#"the link "data/figure-1.csv" is not allowed"#)
            })
        #expect(
            lines.contains {
                $0.hasPrefix(templates.path + "/chapters/01-summary.md:") && $0.contains(#"there is no value named "outcome.dyed""#)
            })
        #expect(lines.last == "panel-report: 2 template problems; nothing was written")
        // build refuses exactly the same.
        let build = try CLI.run(["build", "--templates", templates.path, "--output", scratch.url.appendingPathComponent("Output").path])
        #expect(build.status == 65)
        #expect(build.stderr == validate.stderr)
    }

    @Test func inputAndTemplateProblemsAreReportedInOneRun() throws {
        let scratch = try Scratch()
        let inputs = URL(fileURLWithPath: try scratch.copy("Inputs"))
        let templates = URL(fileURLWithPath: try scratch.copy("Templates"))
        try edit(inputs.appendingPathComponent("cases/C05.yaml")) { $0.replacingOccurrences(of: "sex: male", with: "sex: boy") }
        try edit(templates.appendingPathComponent("chapters/09-annex.md")) {
            $0.replacingOccurrences(of: "{{ figure: themes }}", with: "{{ figure: theme }}") + "\n{{ cases | bogus }}\n"
                + "\nOf these, {{ outcome.dyed }} died.\n"
        }
        // Names come from the vocabulary and the contract, not from the cases: a mistyped
        // name and a declared figure's unknown field are found while C05 is still invalid.
        try edit(templates.appendingPathComponent("figures/parent-features-by-outcome.yaml")) {
            $0.replacingOccurrences(of: "columns: harm.outcome", with: "columns: harm.outcomes")
        }
        for command in ["validate", "build"] {
            let result = try CLI.run(
                [
                    command, "--inputs", inputs.path, "--templates", templates.path,
                    "--output", scratch.url.appendingPathComponent("Output").path,
                ].dropLast(command == "validate" ? 2 : 0))
            #expect(result.status == 65, "\(command)")
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(
                lines.first?.contains("C05.yaml:") == true && lines.first?.contains(#""boy" is not a valid value"#) == true,
                "\(result.stderr)")
            let annex = templates.path + "/chapters/09-annex.md:"
            #expect(
                lines.contains { $0.hasPrefix(annex) && $0.contains(#"there is no figure "theme"; did you mean "themes"?"#) },
                "\(result.stderr)")
            #expect(lines.contains { $0.hasPrefix(annex) && $0.contains(#""bogus" is not a format"#) }, "\(result.stderr)")
            #expect(
                lines.contains {
                    $0.hasPrefix(annex) && $0.contains(#"there is no value named "outcome.dyed"; did you mean "outcome.died"?"#)
                }, "\(result.stderr)")
            #expect(
                lines.contains {
                    $0.hasPrefix(templates.path + "/figures/parent-features-by-outcome.yaml:") && $0.contains("harm.outcomes")
                }, "\(result.stderr)")
            // The folder named is the one given, not the default.
            #expect(
                lines.contains(
                    templates.path + #"/chapters: figure "themes" is not placed in any chapter; add {{ figure: themes }} on a line of its "#
                        + #"own"#), "\(result.stderr)")
            #expect(lines.last == "panel-report: 1 error in \(inputs.path) and 5 template problems; nothing was written")
            #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("Output").path))
        }
    }

    /// Checked against the vocabulary and contract alone, templates that are right
    /// give no problem while a case is wrong: every name they use exists with no cases
    /// counted (a declared combination that does not occur is published as 0).
    @Test(arguments: [
        ("Inputs", "Templates", "cases/C05.yaml", "sex: male", "sex: boy"),
        (
            "Tests/Fixtures/SecondCohort/Inputs", "Tests/Fixtures/SecondCohort/Templates", "cases.csv", "S01,R2,lcspr,male,",
            "S01,R2,lcspr,boy,"
        ),
    ])
    func rightTemplatesGiveNoProblemWhileACaseIsWrong(
        inputsFolder: String, templatesFolder: String, file: String, from: String, to: String
    ) throws {
        let scratch = try Scratch()
        let inputs = URL(fileURLWithPath: try scratch.copy(inputsFolder, as: "Inputs"))
        let templates = try scratch.copy(templatesFolder, as: "Templates")
        try edit(inputs.appendingPathComponent(file)) { $0.replacingOccurrences(of: from, with: to) }
        let result = try CLI.run(["validate", "--inputs", inputs.path, "--templates", templates])
        #expect(result.status == 65)
        // The second cohort's areas.yaml has an area no case uses: a warning of its own.
        let lines = result.stderr.split(separator: "\n").map(String.init).filter { !$0.contains(": warning: ") }
        #expect(lines.count == 2, "\(result.stderr)")
        #expect(lines.first?.contains(#""boy" is not a valid value"#) == true, "\(result.stderr)")
        #expect(lines.last == "panel-report: 1 error in \(inputs.path); nothing was written")
    }

    @Test func aMissingTemplatesFolderIsAMissingInputEvenWithBadData() throws {
        let scratch = try Scratch()
        let inputs = URL(fileURLWithPath: try scratch.copy("Inputs"))
        try edit(inputs.appendingPathComponent("cases/C05.yaml")) { $0.replacingOccurrences(of: "sex: male", with: "sex: boy") }
        let result = try CLI.run(["validate", "--inputs", inputs.path, "--templates", scratch.url.appendingPathComponent("nowhere").path])
        #expect(result.status == 66)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(result.stderr)")
        #expect(lines[1].hasSuffix("nowhere/chapters: no such folder; the report's chapters are Markdown files there"))
    }
}
