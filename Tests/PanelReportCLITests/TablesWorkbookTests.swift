import Foundation
import Testing

/// Issue 28: `data/tables.ods` and `data/tables.xlsx` are files of the report like
/// any other: listed in the manifest, checked by `verify`, rebuilt by `--if-changed`.
/// (Their content is checked by scripts/check-tables, which `scripts/test` runs.)
@Suite final class TablesWorkbookTests {
    let folders = ScratchFolders()

    @Test(arguments: ["data/tables.ods", "data/tables.xlsx"])
    func anAlteredWorkbookFailsVerifyAndIsBuiltAgain(path: String) throws {
        let out = try CLI.scratch(folders).appendingPathComponent("Output")
        #expect(try CLI.run(["build", "--output", out.path]).status == 0)
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"path\" : \"\(path)\""))
        let file = out.appendingPathComponent(path)
        let built = try Data(contentsOf: file)
        try (built + Data("x".utf8)).write(to: file)
        let verify = try CLI.run(["verify", "--output", out.path], timeout: 60)
        #expect(verify.status == 65, "\(verify)")
        #expect(verify.lines.first == "\(out.path)/\(path): altered (its SHA-256 or size differs from the manifest's)", "\(verify)")
        let again = try CLI.run(["build", "--output", out.path, "--if-changed"])
        #expect(again.status == 0, "\(again)")
        #expect(again.lines.last?.contains("built because \(path): altered") == true, "\(again)")
        #expect(try Data(contentsOf: file) == built)
        #expect(try CLI.run(["verify", "--output", out.path], timeout: 60).status == 0)
    }

    /// The same cohort with a threshold of 3: a withheld count is the text `[c]` in both
    /// files, and the workbooks differ from the unsuppressed build's.
    @Test func suppressionReachesBothWorkbooks() throws {
        let scratch = try CLI.scratch(folders)
        let plain = scratch.appendingPathComponent("plain"), withheld = scratch.appendingPathComponent("withheld")
        #expect(try CLI.run(["build", "--output", plain.path]).status == 0)
        #expect(try CLI.run(["build", "--output", withheld.path, "--suppress-below", "3"]).status == 0)
        for path in ["data/tables.ods", "data/tables.xlsx"] {
            #expect(try Data(contentsOf: plain.appendingPathComponent(path)) != Data(contentsOf: withheld.appendingPathComponent(path)))
        }
    }
}
