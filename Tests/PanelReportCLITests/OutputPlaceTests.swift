import Foundation
import Testing

/// Issue 9, point 9: where output may go. A build replaces report.html, figures/
/// and data/ in its output folder, so the root folder, the home folder, the inputs
/// and templates folders (and anything inside those two) are refused, by real path,
/// before anything is created there.
@Suite struct OutputPlaceTests {
    let fm = FileManager.default

    @Test func theRootHomeInputsAndTemplatesFoldersAreRefusedBeforeAnythingIsWritten() throws {
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        let templates = try scratch.copy("Templates")
        let home = scratch.path("home")
        try fm.createDirectory(atPath: home, withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: scratch.path("inputs-link"), withDestinationPath: inputs)
        let cases: [(output: String, says: String)] = [
            ("/", "is the root folder"),
            (home, "is your home folder"),
            (home + "/", "is your home folder"),
            (inputs, "is the inputs folder"),
            (inputs + "/cases", "is inside the inputs folder \(inputs)"),
            (inputs + "/new/Output", "is inside the inputs folder \(inputs)"),
            (scratch.path("inputs-link/Output"), "is inside the inputs folder \(inputs)"),
            (scratch.path("elsewhere/../inputs-link"), "is the inputs folder"),
            (templates, "is the templates folder"),
            (templates + "/chapters", "is inside the templates folder \(templates)"),
        ]
        for (output, says) in cases {
            let before = try snapshot(scratch.url.path)
            let result = try CLI.run(
                ["build", "--inputs", inputs, "--templates", templates, "--output", output],
                environment: ["HOME": home], timeout: 120)
            #expect(result.status == 64, "\(output): \(result)")
            #expect(
                result.lines == [
                    "panel-report: the output folder \(output) \(says); a build replaces report.html, figures/ and data/ in its output "
                        + "folder, so give --output a folder of its own (such as Output)"
                ], "\(result)")
            #expect(try snapshot(scratch.url.path) == before, "\(output): something was created")
            #expect(!fm.fileExists(atPath: "/.panel-report-lock"))
        }
        // A folder of its own beside them is fine.
        let fine = try CLI.run(
            ["build", "--inputs", inputs, "--templates", templates, "--output", home + "/Output"],
            environment: ["HOME": home], timeout: 120)
        #expect(fine.status == 0, "\(fine)")
    }

    @Test func anEmptyOutputIsAWrongCommandLine() throws {
        let result = try CLI.run(["build", "--output", ""], timeout: 120)
        #expect(result.status == 64, "\(result)")
        #expect(result.lines == ["panel-report: --output is empty; give the folder to write the report to (such as Output)"])
    }

    /// Every path under a folder with its kind, to see that nothing was created.
    private func snapshot(_ root: String) throws -> [String] {
        var paths: [String] = []
        let enumerator = fm.enumerator(atPath: root)!
        while let next = enumerator.nextObject() as? String { paths.append(next) }
        return paths.sorted()
    }
}
