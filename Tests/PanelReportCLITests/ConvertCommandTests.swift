import Foundation
import Testing

/// `panel-report convert` end to end: every form it writes builds the same report.
@Suite(.serialized) struct ConvertCommandTests {
    /// A fresh folder, removed by the caller's `defer`.
    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("panel-report-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func build(_ inputs: String, draft: Bool, into output: URL) throws -> [String: Data] {
        let result = try CLI.run(
            ["build", "--inputs", inputs, "--output", output.path] + (draft ? ["--draft"] : []),
            environment: ["SOURCE_DATE_EPOCH": "1631664000"])
        #expect(result.status == 0, "\(result.stderr)")
        // What may differ between forms: the record (it digests the input files, which
        // differ by form), a draft's note of the inputs' digest in its header and its record (data/cases.json), and so
        // a draft's manifest (it digests that header). A published manifest may not.
        return try CLI.files(under: output).filter { !$0.key.hasPrefix(".panel-report-") && !(draft && $0.key == "manifest.json") }
            .mapValues { bytes in
                let text = String(decoding: bytes, as: UTF8.self)
                return Data(
                    text.replacing(/from inputs [0-9a-f]{12}/, with: "from inputs DIGEST")
                        .replacing(/"inputs" ?: ?"[0-9a-f]{12}"/, with: "\"inputs\": \"DIGEST\"").utf8)
            }
    }

    @Test func everyFormBuildsTheSameReportsAsTheOriginal() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let expected = try [false, true].map { try build("Inputs", draft: $0, into: root.appendingPathComponent("original-\($0)")) }
        // YAML → xlsx → csv → yaml, each converted from the one before.
        var from = "Inputs"
        for form in ["xlsx", "csv", "yaml"] {
            let folder = root.appendingPathComponent("as-\(form)").path
            let result = try CLI.run(["convert", "--inputs", from, "--to", form, "--output", folder])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("wrote \(folder) (23 cases as "), "\(result.stderr)")
            let written = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            let cases = ["xlsx": ["cases.xlsx"], "csv": ["cases.csv", "learning.csv"], "yaml": ["cases"]][form]!
            #expect(written == (["areas.yaml", "review.yaml", "vocabulary.yaml"] + cases).sorted())
            let validate = try CLI.run(["validate", "--inputs", folder])
            #expect(validate.status == 0, "\(validate.stderr)")
            #expect(validate.stderr == "")
            for draft in [false, true] {
                let built = try build(folder, draft: draft, into: root.appendingPathComponent("\(form)-\(draft)"))
                #expect(built.keys.sorted() == expected[draft ? 1 : 0].keys.sorted())
                #expect(built == expected[draft ? 1 : 0], "\(form) \(draft ? "draft" : "published")")
            }
            from = folder
        }
        // The last hop came back to YAML: one file per case, named by its id.
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("as-yaml/cases").path).sorted()
        #expect(files == (1...23).map { String(format: "C%02d.yaml", $0) })
    }

    @Test func itRefusesAFolderThatIsNotEmptyAndWritesNothing() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("keep me".utf8).write(to: root.appendingPathComponent("notes.txt"))
        let result = try CLI.run(["convert", "--to", "csv", "--output", root.path])
        #expect(result.status == 73)
        #expect(
            result.stderr == "\(root.path): the folder is not empty; convert writes a new inputs folder: name one that does not exist yet\n"
        )
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["notes.txt"])
    }

    @Test func invalidInputsAreNotConverted() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = root.appendingPathComponent("Inputs")
        try FileManager.default.copyItem(at: CLI.repository.appendingPathComponent("Inputs"), to: inputs)
        let c02 = inputs.appendingPathComponent("cases/C02.yaml")
        try String(contentsOf: c02, encoding: .utf8).replacingOccurrences(of: "sex: male", with: "sex: boy")
            .write(to: c02, atomically: true, encoding: .utf8)
        let output = root.appendingPathComponent("out")
        let result = try CLI.run(["convert", "--inputs", inputs.path, "--to", "xlsx", "--output", output.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains(#"C02.yaml:5:8: child.sex: "boy" is not a valid value"#), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func aWorkbookCohortIsAnInputLikeTheOthers() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("book")
        #expect(try CLI.run(["convert", "--to", "xlsx", "--output", folder.path]).status == 0)
        // Missing review.yaml is still a missing input (66); the workbook is not.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("review.yaml"))
        #expect(try CLI.run(["validate", "--inputs", folder.path]).status == 66)
        // Two forms at once is bad data (65), naming what to remove.
        #expect(try CLI.run(["convert", "--to", "csv", "--output", root.appendingPathComponent("csv").path]).status == 0)
        try FileManager.default.copyItem(
            at: CLI.repository.appendingPathComponent("Inputs/review.yaml"), to: folder.appendingPathComponent("review.yaml"))
        try FileManager.default.copyItem(at: root.appendingPathComponent("csv/cases.csv"), to: folder.appendingPathComponent("cases.csv"))
        let both = try CLI.run(["validate", "--inputs", folder.path])
        #expect(both.status == 65)
        #expect(
            both.stderr.contains(
                "\(folder.path): cases.csv and cases.xlsx are both present, and a cohort must come in one form only; remove cases.xlsx "
                    + "to use the spreadsheet export, or remove cases.csv to use the workbook"), "\(both.stderr)")
        // A workbook that cannot be read is bad data (65), not a missing input.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("cases.csv"))
        try Data("id,area\n".utf8).write(to: folder.appendingPathComponent("cases.xlsx"))
        let unreadable = try CLI.run(["validate", "--inputs", folder.path])
        #expect(unreadable.status == 65, "\(unreadable.stderr)")
        #expect(
            unreadable.stderr.hasPrefix("\(folder.path)/cases.xlsx: is not an .xlsx workbook (not a zip archive)"), "\(unreadable.stderr)")
        try Data().write(to: folder.appendingPathComponent("cases.csv"))
        // Without cases at all: a missing input.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("cases.csv"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("cases.xlsx"))
        #expect(try CLI.run(["validate", "--inputs", folder.path]).status == 66)
    }

    @Test func aSpreadsheetWithoutLearningPointsBuildsWithOneWarning() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("csv")
        #expect(try CLI.run(["convert", "--to", "csv", "--output", folder.path]).status == 0)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("learning.csv"))
        let result = try CLI.run(["build", "--inputs", folder.path, "--output", root.appendingPathComponent("out").path])
        #expect(result.status == 0)
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(
            warnings == [
                "\(folder.path)/cases.csv: warning: no learning.csv beside it, so the cohort has no learning points and the report will say "
                    + "none are recorded; to add them, put learning.csv (columns case,theme,text,publishable) beside cases.csv"
            ])
        let html = try String(contentsOf: root.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(html.contains("No learning points are recorded for this cohort."))
        #expect(!html.contains("were marked for publication"))
    }
}
