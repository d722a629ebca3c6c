import Foundation
import Testing

/// Issue 9, points 7, 8 and 9: the output folder's own files are never followed
/// through a link, a user's file among the report is never deleted, a refused
/// folder keeps no lock file, and a draft never goes where a published build was.
@Suite struct OutputFolderTests {
    let fm = FileManager.default

    // MARK: 7. The marker and the lock are never followed

    @Test(arguments: [".panel-report-output", ".panel-report-lock"])
    func aLinkedMarkerOrLockIsRefusedAndItsTargetUntouched(name: String) throws {
        let scratch = try Scratch()
        let output = scratch.path("Output")
        #expect(try CLI.run(["build", "--output", output], timeout: 120).status == 0)
        let before = try CLI.report(in: output)
        try scratch.write("precious.txt", "the only copy\n")
        try fm.removeItem(atPath: output + "/" + name)
        try fm.createSymbolicLink(atPath: output + "/" + name, withDestinationPath: scratch.path("precious.txt"))
        let result = try CLI.run(["build", "--output", output], timeout: 120)
        #expect(result.status == 73, "\(result)")
        #expect(
            result.lines == [
                "\(output)/\(name): is a symbolic link; panel-report never follows it (a build would write to whatever it points to). "
                    + "Remove the link, or choose another --output"
            ], "\(result)")
        #expect(try String(contentsOfFile: scratch.path("precious.txt"), encoding: .utf8) == "the only copy\n")
        #expect(try CLI.report(in: output) == before)
    }

    @Test func aLinkedLockInAFreshFolderIsNotCreatedThroughTheLink() throws {
        let scratch = try Scratch()
        let output = scratch.path("Output")
        try fm.createDirectory(atPath: output, withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: output + "/.panel-report-lock", withDestinationPath: scratch.path("made-through-the-link"))
        let result = try CLI.run(["build", "--output", output], timeout: 120)
        #expect(result.status == 73, "\(result)")
        #expect(result.stderr.contains(".panel-report-lock: is a symbolic link"), "\(result)")
        #expect(!fm.fileExists(atPath: scratch.path("made-through-the-link")))
        #expect(!fm.fileExists(atPath: output + "/report.html"))
    }

    // MARK: 8. A user's file among the report is never deleted

    @Test(arguments: ["data/my-notes.txt", "figures/figure-1-annotated.svg", "data/archive/statistics-2020.json"])
    func aUsersFileInsideTheReportRefusesTheBuildAndIsKept(file: String) throws {
        let scratch = try Scratch()
        let output = scratch.path("Output")
        #expect(try CLI.run(["build", "--output", output], timeout: 120).status == 0)
        let before = try CLI.report(in: output)
        try scratch.write("Output/" + file, "mine\n")
        let result = try CLI.run(["build", "--output", output], timeout: 120)
        #expect(result.status == 73, "\(result)")
        #expect(
            result.lines.first
                == "\(output)/\(file): panel-report did not write this; a build replaces report.html, figures/ and data/ whole, so move "
                + "it out of \(output) and build again", "\(result)")
        #expect(
            result.lines.last == "panel-report: \(output) holds a file panel-report did not write among its report; nothing was changed",
            "\(result)")
        #expect(try String(contentsOfFile: scratch.path("Output/" + file), encoding: .utf8) == "mine\n")
        var after = try CLI.report(in: output)
        after[file] = nil
        #expect(after == before)
        // Moved out (with the folder made for it), the build goes ahead.
        let added = file.split(separator: "/").prefix(2).joined(separator: "/")
        try fm.removeItem(atPath: scratch.path("Output/" + added))
        #expect(try CLI.run(["build", "--output", output], timeout: 120).status == 0)
    }

    @Test func aUsersFileIsRecognisedBesideAReportMarkedBeforeFilesWereListed() throws {
        let scratch = try Scratch()
        let output = scratch.path("Output")
        #expect(try CLI.run(["build", "--output", output], timeout: 120).status == 0)
        // The marker of earlier versions: the kind alone; and those versions wrote no tables workbooks.
        try scratch.write("Output/.panel-report-output", "published\n")
        for name in ["tables.ods", "tables.xlsx"] { try fm.removeItem(atPath: output + "/data/" + name) }
        try scratch.write("Output/figures/logo.png", "png")
        let result = try CLI.run(["build", "--output", output], timeout: 120)
        #expect(result.status == 73, "\(result)")
        #expect(result.lines.first?.hasPrefix("\(output)/figures/logo.png: panel-report did not write this") == true, "\(result)")
        #expect(fm.fileExists(atPath: output + "/figures/logo.png"))
        // Without the stranger, that earlier report is recognised and replaced.
        try fm.removeItem(atPath: output + "/figures/logo.png")
        let again = try CLI.run(["build", "--output", output], timeout: 120)
        #expect(again.status == 0, "\(again)")
    }

    // MARK: 9. No lock left in a refused folder; drafts kept apart

    @Test func aRefusedFolderKeepsNoLockFile() throws {
        let scratch = try Scratch()
        try scratch.write("Mine/data/notes.txt", "precious")
        let result = try CLI.run(["build", "--output", scratch.path("Mine")], timeout: 120)
        #expect(result.status == 73, "\(result)")
        #expect(try fm.contentsOfDirectory(atPath: scratch.path("Mine")) == ["data"])
    }

    @Test func aDraftIsRefusedFromAFolderAPublishedBuildHasTakenEvenWithoutReportFiles() throws {
        let scratch = try Scratch()
        let output = scratch.path("Output")
        #expect(try CLI.run(["build", "--output", output], timeout: 120).status == 0)
        for name in ["report.html", "figures", "data"] { try fm.removeItem(atPath: output + "/" + name) }
        let draft = try CLI.run(["build", "--draft", "--output", output], timeout: 120)
        #expect(draft.status == 73, "\(draft)")
        #expect(
            draft.stderr.contains("holds a published report; write the draft to another folder (the default is Output-draft)"), "\(draft)")
        #expect(!fm.fileExists(atPath: output + "/report.html"))
    }
}
