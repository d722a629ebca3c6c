import Crypto
import Foundation
import Testing

@testable import BuildInputs
@testable import OutputFolder
@testable import PanelReportCLI
@testable import Platform
@testable import Preview

#if canImport(Glibc)
    import Glibc
#endif

/// The manifest's digests of the inputs and templates (`InputDigest.files`) list
/// exactly what the FileManager enumerator they were first taken with listed, in
/// the same order, with the same digests and the same words for what stood in the
/// way, for a few files and for many.
@Suite struct InputDigestTests {
    /// A size limit small enough to cross in a test (the real one is a spreadsheet's, 256 MB).
    static let testLimit = 1024 * 1024

    /// Every input the loader may read is hashed: a spreadsheet larger than a YAML
    /// file's limit too, or an edit to it would look like no change to --if-changed.
    @Test func aSpreadsheetLargerThanAYAMLFileIsHashed() throws {
        let scratch = try Scratch()
        let size = FileReading.maxFileBytes + 1
        #expect(size <= FileReading.maxInputBytes)
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: size)
        try scratch.write("inputs/review.yaml", "title: x\n")
        #expect(fm.createFile(atPath: scratch.path("inputs/cases.csv"), contents: Data(bytes)))
        let first = InputDigest.files(in: scratch.path("inputs")).first { $0.path == "cases.csv" }?.sha256
        #expect(first == SHA256.hex(bytes))
        bytes[size / 2] = UInt8(ascii: "b")
        #expect(fm.createFile(atPath: scratch.path("inputs/cases.csv"), contents: Data(bytes)))
        let second = InputDigest.files(in: scratch.path("inputs")).first { $0.path == "cases.csv" }?.sha256
        #expect(second == SHA256.hex(bytes))
        #expect(first != second)
    }
    let fm = FileManager.default

    /// A folder with every kind of entry the listing has a rule for.
    func awkwardFolder(_ scratch: Scratch, files: Int) throws -> String {
        let root = scratch.path("inputs")
        try scratch.write("inputs/review.yaml", "title: x\n")
        try scratch.write("inputs/cases/C01.yaml", "id: C01\n")
        try scratch.write("inputs/cases/deeper/still/C02.yaml", String(repeating: "id: C02\n", count: 20_000))
        try scratch.write("inputs/café.yaml", "accent\n")
        try scratch.write("inputs/empty.yaml", "")
        try scratch.write("inputs/.hidden.yaml", "hidden\n")
        try scratch.write("inputs/cases/.C01.yaml.swp", "editor state\n")
        try scratch.write("inputs/.git/config", "hidden folder\n")
        try scratch.write("outside.yaml", "outside\n")
        for n in 0..<files { try scratch.write("inputs/many/M\(n).yaml", "id: M\(n)\n" + String(repeating: "x", count: n * 97)) }
        try fm.createSymbolicLink(atPath: root + "/linked.yaml", withDestinationPath: "cases/C01.yaml")
        try fm.createSymbolicLink(atPath: root + "/linked-folder", withDestinationPath: "cases")
        try fm.createSymbolicLink(atPath: root + "/outside-link.yaml", withDestinationPath: scratch.path("outside.yaml"))
        try fm.createSymbolicLink(atPath: root + "/dangling.yaml", withDestinationPath: "nowhere.yaml")
        try fm.createSymbolicLink(atPath: root + "/.hidden-link.yaml", withDestinationPath: "cases/C01.yaml")
        #expect(mkfifo(root + "/pipe.yaml", 0o644) == 0)
        // One byte over the limit (the tests' smaller one): listed as too large, never hashed.
        let big = root + "/big.yaml"
        #expect(fm.createFile(atPath: big, contents: Data(count: Self.testLimit + 1)))
        return root
    }

    @Test(arguments: [3, 200])
    func theListingIsTheEnumerators(files: Int) throws {
        let scratch = try Scratch()
        let root = try awkwardFolder(scratch, files: files)
        let listed = InputDigest.files(in: root, maxBytes: Self.testLimit)
        let expected = Self.enumeratorListing(root)
        #expect(listed.map(\.path) == expected.map(\.path))
        #expect(listed.map(\.sha256) == expected.map(\.sha256))
        #expect(listed.count == files + 9, "\(listed.map(\.path))")
        #expect(listed.first { $0.path == "big.yaml" }?.sha256 == "too large to read")
        #expect(listed.first { $0.path == "dangling.yaml" }?.sha256 == "link to nothing: nowhere.yaml")
        #expect(listed.first { $0.path == "outside-link.yaml" }?.sha256.hasPrefix("link outside the folder: ") == true)
        #expect(listed.first { $0.path == "linked.yaml" }?.sha256 == SHA256.hex(Array("id: C01\n".utf8)))
        // The same folder spelt another way lists the same.
        let spelt = InputDigest.files(in: root + "/../inputs/", maxBytes: Self.testLimit)
        #expect(spelt.map(\.path) == expected.map(\.path) && spelt.map(\.sha256) == expected.map(\.sha256))
    }

    /// A folder named on the command line that is itself a link is read through
    /// by the loader, so it is hashed through too: listed as the folder it leads to.
    /// (The enumerator listed nothing, so an edit never showed to --if-changed.)
    @Test func aFolderThatIsALinkListsWhatItLeadsTo() throws {
        let scratch = try Scratch()
        let root = try awkwardFolder(scratch, files: 3)
        try fm.createSymbolicLink(atPath: scratch.path("via-link"), withDestinationPath: root)
        let listed = InputDigest.files(in: scratch.path("via-link"), maxBytes: Self.testLimit)
        let expected = InputDigest.files(in: root, maxBytes: Self.testLimit)
        #expect(!listed.isEmpty)
        #expect(listed.map(\.path) == expected.map(\.path))
        #expect(listed.map(\.sha256) == expected.map(\.sha256))
    }

    /// End to end: inputs named through a link, a case edited, and --if-changed builds again.
    @Test func anEditBehindALinkedInputsFolderIsAChange() throws {
        let scratch = try Scratch()
        let real = try scratch.copy("Inputs", as: "real-inputs")
        try fm.createSymbolicLink(atPath: scratch.path("inputs"), withDestinationPath: real)
        let output = scratch.path("Output")
        let first = try CLI.run(["build", "--inputs", scratch.path("inputs"), "--output", output, "--if-changed"])
        #expect(first.status == 0, "\(first)")
        let same = try CLI.run(["build", "--inputs", scratch.path("inputs"), "--output", output, "--if-changed"])
        #expect(same.lines.last?.contains("unchanged") == true, "\(same)")
        let path = real + "/cases/C01.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + "# edited\n").write(toFile: path, atomically: true, encoding: .utf8)
        let edited = try CLI.run(["build", "--inputs", scratch.path("inputs"), "--output", output, "--if-changed"])
        #expect(edited.status == 0, "\(edited)")
        #expect(edited.lines.last?.contains("unchanged") == false, "\(edited)")
    }

    @Test func aFileThatCannotBeOpenedIsListedWithTheReason() throws {
        let scratch = try Scratch()
        try scratch.write("inputs/locked.yaml", "id: C01\n")
        #expect(chmod(scratch.path("inputs/locked.yaml"), 0) == 0)
        let listed = InputDigest.files(in: scratch.path("inputs"))
        let expected = Self.enumeratorListing(scratch.path("inputs"))
        #expect(listed.map(\.sha256) == expected.map(\.sha256))
        // Root reads it regardless of its mode; anyone else is told why not.
        if getuid() != 0 { #expect(listed.first?.sha256 == "unreadable: Permission denied") }
    }

    /// How the listing was taken before: FileManager's enumerator and whole-file reads.
    static func enumeratorListing(_ folder: String) -> [(path: String, sha256: String)] {
        func realPath(_ path: String) -> String? {
            guard let resolved = realpath(path, nil) else { return nil }
            defer { free(resolved) }
            return String(cString: resolved)
        }
        func digest(_ path: String) -> String {
            do {
                let bytes = try FileReading.read(path, atMost: testLimit + 1)
                return bytes.count > testLimit ? "too large to read" : SHA256.hex(bytes)
            } catch {
                return "unreadable: \(error)"
            }
        }
        let root = URL(fileURLWithPath: folder)
        let rootPath = root.standardizedFileURL.path
        let realRoot = realPath(rootPath) ?? rootPath
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey], options: [.skipsHiddenFiles])
        else { return [] }
        var found: [(path: String, sha256: String)] = []
        for case let url as URL in enumerator {
            let path = url.standardizedFileURL.path
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let relative = String(path.dropFirst(rootPath.count + 1))
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                found.append((relative, digest(path)))
            case S_IFLNK:
                guard let target = realPath(path) else {
                    found.append(
                        (relative, "link to nothing: " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "")))
                    continue
                }
                var targetInfo = stat()
                guard stat(target, &targetInfo) == 0, targetInfo.st_mode & S_IFMT == S_IFREG else { continue }
                found.append((relative, target.hasPrefix(realRoot + "/") ? digest(target) : "link outside the folder: " + target))
            default:
                continue
            }
        }
        return found.sorted { $0.path < $1.path }
    }
}
