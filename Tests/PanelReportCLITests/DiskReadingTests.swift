import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 9, points 14 and 13: templates and baselines that are not regular files
/// (a FIFO blocks whoever opens it, /dev/zero never ends) or that are too large are
/// refused by name, quickly; and running out of memory while reading a file is a
/// message, not a crash.
@Suite struct DiskReadingTests {
    let fm = FileManager.default

    /// Runs a build that must not block or run away: killed after 60 s, at most 2 GB of address space.
    func build(_ arguments: [String]) throws -> ProgramRun {
        try CLI.program("/bin/sh", ["-c", "ulimit -v 2000000; exec \"$0\" \"$@\"", CLI.binary.path, "build"] + arguments, timeout: 60)
    }

    @Test func aChapterThatIsAFIFOADeviceOrAFolderIsNotARegularFile() throws {
        let scratch = try Scratch()
        let templates = try scratch.copy("Templates")
        let output = scratch.path("Output")
        let chapter = templates + "/chapters/02-background.md"
        let cases: [(make: () throws -> Void, what: String)] = [
            ({ #expect(mkfifo(chapter, 0o644) == 0) }, "a named pipe (FIFO)"),
            ({ try fm.createSymbolicLink(atPath: chapter, withDestinationPath: "/dev/zero") }, "a device"),
            ({ try fm.createDirectory(atPath: chapter, withIntermediateDirectories: false) }, "a folder"),
        ]
        for (make, what) in cases {
            try? fm.removeItem(atPath: chapter)
            try make()
            let result = try build(["--templates", templates, "--output", output])
            #expect(!result.timedOut, "reading \(what) as a chapter blocked")
            #expect(result.status == 65, "\(what): \(result)")
            #expect(
                result.lines == [
                    "\(chapter): not a regular file but \(what); expected a text file",
                    "panel-report: 1 template problem; nothing was "
                        + "written",
                ], "\(result)")
            #expect(!fm.fileExists(atPath: output))
        }
    }

    /// A case file is looked at once (one `lstat`, `open`, `fstat`, read): what is
    /// not a regular file is still told apart, by name, and nothing blocks.
    @Test func aCaseFileThatIsAFIFOOrAFolderIsToldApartInItsOneLook() throws {
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        #expect(mkfifo(inputs + "/cases/C98.yaml", 0o644) == 0)
        try fm.createDirectory(atPath: inputs + "/cases/C97.yaml", withIntermediateDirectories: false)
        let result = try CLI.run(["validate", "--inputs", inputs], timeout: 60)
        #expect(!result.timedOut, "reading a FIFO as a case file blocked")
        #expect(result.status == 65, "\(result)")
        #expect(result.lines.contains("\(inputs)/cases/C97.yaml: warning: ignored: a folder inside cases/"), "\(result)")
        #expect(
            result.lines.contains("\(inputs)/cases/C98.yaml: could not be read: not a regular file but a named pipe (FIFO)"), "\(result)")
    }

    /// A cases/ folder that is there but may not be listed is reported as such, not
    /// taken for a missing one. Run as `nobody` (root may list anything).
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser")))
    func aCasesFolderThatCannotBeListedSaysSo() throws {
        // Everything nobody needs is copied where nobody may read it: the repository
        // itself may sit in a folder only root can enter.
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        let templates = try scratch.copy("Templates")
        let binary = scratch.path("panel-report")
        try fm.copyItem(atPath: CLI.binary.path, toPath: binary)
        #expect(chmod(scratch.path(""), 0o755) == 0)
        #expect(chmod(binary, 0o755) == 0)
        for folder in [inputs, templates] {
            for entry in try fm.subpathsOfDirectory(atPath: folder) {
                var isFolder: ObjCBool = false
                _ = fm.fileExists(atPath: folder + "/" + entry, isDirectory: &isFolder)
                #expect(chmod(folder + "/" + entry, isFolder.boolValue ? 0o755 : 0o644) == 0)
            }
            #expect(chmod(folder, 0o755) == 0)
        }
        #expect(chmod(inputs + "/cases", 0o311) == 0)
        let result = try CLI.program(
            "/usr/sbin/runuser", ["-u", "nobody", "--", binary, "validate", "--inputs", inputs, "--templates", templates],
            in: scratch.url, timeout: 60)
        #expect(result.status == 65, "\(result)")
        #expect(result.lines.contains("\(inputs)/cases: could not be listed: Permission denied"), "\(result)")
    }

    @Test func aStyleSheetOrFigureDescriptionThatIsADeviceIsRefused() throws {
        let scratch = try Scratch()
        let templates = try scratch.copy("Templates")
        for file in ["report.css", "figures/whole-system-change.yaml"] {
            let path = templates + "/" + file
            try fm.moveItem(atPath: path, toPath: path + ".saved")
            try fm.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
            let result = try build(["--templates", templates, "--output", scratch.path("Output")])
            #expect(!result.timedOut, "reading /dev/zero as \(file) did not stop")
            #expect(result.status == 65, "\(file): \(result)")
            #expect(
                result.lines == [
                    "\(path): not a regular file but a device; expected a text file",
                    "panel-report: 1 template problem; nothing was "
                        + "written",
                ], "\(result)")
            try fm.removeItem(atPath: path)
            try fm.moveItem(atPath: path + ".saved", toPath: path)
        }
    }

    @Test func aBaselineThatIsAFIFOADeviceOrAFolderIsNotARegularFile() throws {
        let scratch = try Scratch()
        let fifo = scratch.path("baseline.fifo")
        #expect(mkfifo(fifo, 0o644) == 0)
        for (path, what) in [(fifo, "a named pipe (FIFO)"), ("/dev/zero", "a device"), (scratch.url.path, "a folder")] {
            let result = try build(["--draft", "--baseline", path, "--output", scratch.path("Output")])
            #expect(!result.timedOut, "reading \(what) as the baseline blocked")
            #expect(result.status == 65, "\(what): \(result)")
            #expect(result.lines == ["\(path) (--baseline): not a regular file but \(what); expected a text file"], "\(result)")
        }
        let missing = try build(["--draft", "--baseline", scratch.path("nowhere.json"), "--output", scratch.path("Output")])
        #expect(missing.status == 66, "\(missing)")
        #expect(missing.lines == ["\(scratch.path("nowhere.json")) (--baseline): no such file"])
    }

    @Test func templatesAndBaselinesAreLimitedByTheBytesActuallyRead() throws {
        let scratch = try Scratch()
        let templates = try scratch.copy("Templates")
        // /proc/self/pagemap reports 0 bytes and yields gigabytes.
        let chapter = templates + "/chapters/02-background.md"
        try fm.removeItem(atPath: chapter)
        try fm.createSymbolicLink(atPath: chapter, withDestinationPath: "/proc/self/pagemap")
        let fromProc = try build(["--templates", templates, "--output", scratch.path("Output")])
        #expect(!fromProc.timedOut && !fromProc.signalled, "\(fromProc)")
        #expect(fromProc.status == 65, "\(fromProc)")
        #expect(
            fromProc.lines == [
                "\(chapter): the file is too large (more than 10485760 bytes, the limit for a template or baseline) and is "
                    + "refused", "panel-report: 1 template problem; nothing was written",
            ], "\(fromProc)")

        let baseline = try build(["--draft", "--baseline", "/proc/self/pagemap", "--output", scratch.path("Output")])
        #expect(!baseline.timedOut && !baseline.signalled, "\(baseline)")
        #expect(
            baseline.lines == [
                "/proc/self/pagemap (--baseline): the file is too large (more than 10485760 bytes, the limit for a template or baseline) "
                    + "and is refused"
            ], "\(baseline)")

        // An ordinary file just over the limit, and one just at it.
        let css = templates + "/report.css"
        try fm.removeItem(atPath: chapter)
        try fm.copyItem(atPath: CLI.repository.appendingPathComponent("Templates/chapters/02-background.md").path, toPath: chapter)
        try Data(repeating: UInt8(ascii: " "), count: 10_485_761).write(to: URL(fileURLWithPath: css))
        let large = try build(["--templates", templates, "--output", scratch.path("Output")])
        #expect(large.status == 65, "\(large)")
        #expect(
            large.lines == [
                "\(css): the file is too large (more than 10485760 bytes, the limit for a template or baseline) and is "
                    + "refused", "panel-report: 1 template problem; nothing was written",
            ], "\(large)")
    }

    /// Point 13: the memory a file needs is checked when it is read. The smallest
    /// address-space limit (`ulimit -v`) that runs the reference cohort is found
    /// first; 3 MB above it, a 9.5 MB review.yaml cannot be held, and says so.
    @Test func runningOutOfMemoryWhileReadingAFileIsAMessageNotACrash() throws {
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        let review = try String(contentsOfFile: inputs + "/review.yaml", encoding: .utf8)
        try Data((review + String(repeating: "# " + String(repeating: "x", count: 97) + "\n", count: 95_000)).utf8)
            .write(to: URL(fileURLWithPath: inputs + "/review.yaml"))
        func validate(_ inputs: String, kilobytes: Int) throws -> ProgramRun {
            try CLI.program(
                "/bin/sh", ["-c", "ulimit -v \(kilobytes); exec \"$0\" validate --inputs \"$1\"", CLI.binary.path, inputs], timeout: 60)
        }
        var low = 20_000, high = 4_000_000
        #expect(try validate("Inputs", kilobytes: high).status == 0)
        while high - low > 256 {
            let middle = (low + high) / 2
            if try validate("Inputs", kilobytes: middle).status == 0 { high = middle } else { low = middle }
        }
        let result = try validate(inputs, kilobytes: high + 3_000)
        #expect(result.status == 65, "with ulimit -v \(high + 3_000): \(result)")
        #expect(
            result.lines.first?.hasPrefix("\(inputs)/review.yaml: could not be read: there is not enough memory to read it (") == true,
            "\(result)")
        #expect(result.lines.last == "panel-report: 1 error in \(inputs); nothing was written", "\(result)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Backtrac"), "\(result)")
        #expect(!result.signalled, "\(result)")
    }
}
