import Foundation
import Testing

/// Issue 9, point 4: symbolic links in the inputs folder. A link that leads outside
/// the inputs folder is refused without being opened, and the message names the
/// link, never what it points to; links that stay inside are followed.
@Suite struct InputLinkTests {
    let fm = FileManager.default

    @Test func aCaseFileLinkedToASecretOutsideIsRefusedWithoutPrintingIt() throws {
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        try scratch.write("shadow", "root:$6$SECRETHASH$abc:19000:0:99999:7:::\nid: C99\n")
        try fm.createSymbolicLink(atPath: inputs + "/cases/C99.yaml", withDestinationPath: scratch.path("shadow"))
        let result = try CLI.run(["validate", "--inputs", inputs], timeout: 60)
        #expect(result.status == 65, "\(result)")
        #expect(!result.stderr.contains("SECRETHASH"), "\(result)")
        #expect(!result.stderr.contains("root:"), "\(result)")
        #expect(
            result.lines.contains {
                $0.hasPrefix(inputs + "/cases/C99.yaml: ")
                    && $0.contains(
                        "symbolic link that leads outside the inputs "
                            + "folder")
            }, "\(result)")
        #expect(result.lines.last == "panel-report: 1 error in \(inputs); nothing was written", "\(result)")
    }

    @Test(.enabled(if: CLI.which("strace") != nil, "strace is not installed (scripts/setup installs it)"))
    func theTargetOfALinkLeadingOutsideIsNeverOpened() throws {
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        try scratch.write("elsewhere/C99.yaml", "id: C99\n")
        try fm.createSymbolicLink(atPath: inputs + "/cases/C99.yaml", withDestinationPath: scratch.path("elsewhere/C99.yaml"))
        let log = scratch.path("trace.log")
        let result = try CLI.program(
            CLI.which("strace")!,
            [
                "-f", "-e", "trace=open,openat,openat2", "-o", log,
                CLI.binary.path, "validate", "--inputs", inputs,
            ])
        #expect(result.status == 65, "\(result)")
        let trace = try String(contentsOfFile: log, encoding: .utf8)
        #expect(trace.contains("cases/C01.yaml"), "the trace shows the files that are opened")
        // Neither the link (which the kernel would follow) nor its target is opened.
        #expect(!trace.contains("C99.yaml"), "\(trace.split(separator: "\n").filter { $0.contains("C99") })")
    }

    @Test func aRequiredFileLinkedOutsideIsBadDataNotMissing() throws {
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        // A perfectly good review.yaml, but outside the inputs folder.
        try fm.moveItem(atPath: inputs + "/review.yaml", toPath: scratch.path("review.yaml"))
        try fm.createSymbolicLink(atPath: inputs + "/review.yaml", withDestinationPath: scratch.path("review.yaml"))
        let result = try CLI.run(["validate", "--inputs", inputs], timeout: 60)
        #expect(result.status == 65, "\(result)")
        #expect(
            result.lines.first?.hasPrefix(
                inputs + "/review.yaml: could not be read: it is a symbolic link that leads outside the inputs "
                    + "folder") == true, "\(result)")
    }

    @Test func aCasesFolderLinkedOutsideIsNeitherListedNorRead() throws {
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        try fm.moveItem(atPath: inputs + "/cases", toPath: scratch.path("private-cases"))
        try scratch.write("private-cases/notes-about-family-X.txt", "private\n")
        try fm.createSymbolicLink(atPath: inputs + "/cases", withDestinationPath: scratch.path("private-cases"))
        let result = try CLI.run(["validate", "--inputs", inputs], timeout: 60)
        #expect(result.status == 65, "\(result)")
        #expect(!result.stderr.contains("notes-about-family-X"), "\(result)")
        #expect(!result.stderr.contains("C01.yaml"), "\(result)")
        #expect(
            result.lines.contains {
                $0.hasPrefix(
                    inputs + "/cases: could not be listed: it is a symbolic link that leads outside the inputs "
                        + "folder")
            }, "\(result)")
    }

    @Test func linksThatStayInsideTheInputsFolderAreFollowed() throws {
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        try fm.createDirectory(atPath: inputs + "/archive", withIntermediateDirectories: true)
        try fm.moveItem(atPath: inputs + "/cases/C01.yaml", toPath: inputs + "/archive/C01.yaml")
        try fm.createSymbolicLink(atPath: inputs + "/cases/C01.yaml", withDestinationPath: "../archive/C01.yaml")
        // The inputs folder itself may be reached through a link.
        try fm.createSymbolicLink(atPath: scratch.path("current"), withDestinationPath: inputs)
        let result = try CLI.run(["validate", "--inputs", scratch.path("current")], timeout: 60)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "\(scratch.path("current")): valid. 23 cases in 19 areas, 26 files read.\n")
    }

    @Test func aLinkToNothingIsNamedAsSuch() throws {
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        try fm.createSymbolicLink(atPath: inputs + "/cases/C99.yaml", withDestinationPath: scratch.path("gone.yaml"))
        let result = try CLI.run(["validate", "--inputs", inputs], timeout: 60)
        #expect(result.status == 65, "\(result)")
        #expect(
            result.lines.contains("\(inputs)/cases/C99.yaml: could not be read: it is a symbolic link to something that does not exist"),
            "\(result)")
    }
}
