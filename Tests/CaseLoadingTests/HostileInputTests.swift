import CaseLoading
import CaseValidation
import Foundation
import Testing

/// Hostile or absurd input is refused quickly with a diagnostic, never a crash or a hang.
@Suite struct HostileInputTests {
    private func withCase(_ text: String) -> [String: String] {
        TestCohort.yamlFiles.merging(["Inputs/cases/C01.yaml": text]) { $1 }
    }

    @Test func billionLaughsIsRefused() {
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for level in 1...9 {
            let previous = level == 1 ? "a" : "a\(level - 1)"
            bomb += "a\(level): &a\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        let result = TestCohort.load(withCase(bomb))
        #expect(result.cohort == nil)
        #expect(
            result.lines.contains(
                "Inputs/cases/C01.yaml:6:10: the document expands to more than 100000 values (through YAML aliases or sheer size); the file is refused"
            ))
    }

    @Test func aliasBombAsAMappingKeyIsRefused() {
        var bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
        for level in 1...8 {
            let previous = level == 1 ? "a" : "a\(level - 1)"
            bomb += "a\(level): &a\(level) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ",") + "]\n"
        }
        bomb += "? *a8\n: 1\n"
        let result = TestCohort.load(withCase(bomb))
        #expect(result.cohort == nil)
        #expect(result.lines.contains { $0.hasPrefix("Inputs/cases/C01.yaml:5:") && $0.hasSuffix("the file is refused") })
    }

    /// Refused at the first bracket past our bound, as the moderate case is: the
    /// events are read one at a time, so nothing past it is scanned.
    @Test func deepFlowNestingIsRefused() {
        let deep = "id: " + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000) + "\n"
        #expect(
            TestCohort.load(withCase(deep)).lines.contains(
                "Inputs/cases/C01.yaml:1:68: lists and mappings are nested more than 64 levels deep; the file is refused"))
    }

    @Test func moderateFlowNestingIsRefusedByOurOwnBound() {
        let deep = "id: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n"
        #expect(
            TestCohort.load(withCase(deep)).lines.contains(
                "Inputs/cases/C01.yaml:1:68: lists and mappings are nested more than 64 levels deep; the file is refused"))
    }

    @Test func deepBlockNestingIsRefused() {
        var deep = ""
        for level in 0..<100 { deep += String(repeating: " ", count: level) + "k\(level):\n" }
        let result = TestCohort.load(withCase(deep))
        #expect(
            result.lines.contains(
                "Inputs/cases/C01.yaml:65:65: lists and mappings are nested more than 64 levels deep; the file is refused"))
    }

    @Test func oversizedFileIsRefusedBeforeReading() {
        var fs = InMemoryFileSystem(textFiles: TestCohort.yamlFiles)
        fs.files["Inputs/cases/C01.yaml"] = [UInt8](repeating: 0x61, count: 10 * 1024 * 1024 + 1)
        let result = CohortLoader.load(inputs: "Inputs", fileSystem: fs)
        #expect(result.cohort == nil)
        #expect(
            result.lines == [
                "Inputs/cases/C01.yaml: the file is too large (10485761 bytes; the limit is 10485760 bytes) and is refused"
            ])
    }

    @Test func tooManyCSVColumnsIsRefused() {
        var files = TestCohort.base
        files["Inputs/cases.csv"] = Array(repeating: "x", count: 1_001).joined(separator: ",") + "\n"
        #expect(TestCohort.load(files).lines == ["Inputs/cases.csv:row 1: the row has more than 1000 cells; the file is refused"])
    }

    @Test func hugeCSVCellIsRefused() {
        var files = TestCohort.base
        files["Inputs/cases.csv"] = "id,summary\nC1,\"" + String(repeating: "y", count: 1024 * 1024 + 1) + "\"\n"
        #expect(
            TestCohort.load(files).lines == [
                "Inputs/cases.csv:row 2, column summary: the cell is larger than 1048576 bytes; the file is refused"
            ])
    }

    @Test func tooManyCSVRowsIsRefused() {
        var files = TestCohort.csvFiles
        files["Inputs/cases.csv"]! += String(repeating: "x\n", count: 10)
        let limits = LoadingLimits(maxCSVRows: 5)
        let result = TestCohort.load(files, limits: limits)
        #expect(result.cohort == nil)
        #expect(result.lines.last == "Inputs/cases.csv:row 7: the file has more than 5 case rows; the file is refused")
    }

    @Test func tooManyCaseFilesIsRefused() {
        var files = TestCohort.yamlFiles
        for n in 3...6 { files["Inputs/cases/C0\(n).yaml"] = "id: C0\(n)\n" }
        #expect(
            TestCohort.load(files, limits: LoadingLimits(maxCaseFiles: 5)).lines == [
                "Inputs/cases: holds more than 5 files; the limit is 5 case files and the folder is refused"
            ])
    }

    /// A folder of a billion files must cost no more than the limit's worth of
    /// names: the listing is asked for one name past the limit, and no file is
    /// looked at (not even to see whether it is a folder) before the count is checked.
    @Test func tooManyCaseFilesAreCountedByNameBeforeAnyFileIsLookedAt() {
        var files = TestCohort.yamlFiles
        for n in 3...60 { files["Inputs/cases/C\(n).yaml"] = "id: C\(n)\n" }
        files["Inputs/cases/notes.txt"] = "not a case"
        let fs = WatchedFileSystem(InMemoryFileSystem(textFiles: files))
        let result = CohortLoader.load(inputs: "Inputs", fileSystem: fs, limits: LoadingLimits(maxCaseFiles: 10))
        #expect(result.lines == ["Inputs/cases: holds more than 10 files; the limit is 10 case files and the folder is refused"])
        #expect(fs.listings == ["Inputs/cases": 11])
        #expect(fs.looked.filter { $0.contains("Inputs/cases/") }.isEmpty)
    }

    /// Below the limit, each case file is looked at once: one read, no separate
    /// check of whether it exists, is a folder or how large it is.
    @Test func eachCaseFileIsLookedAtOnce() {
        let fs = WatchedFileSystem(InMemoryFileSystem(textFiles: TestCohort.yamlFiles))
        let result = CohortLoader.load(inputs: "Inputs", fileSystem: fs)
        #expect(result.cohort != nil)
        #expect(
            fs.looked.filter { $0.contains("Inputs/cases/") }.sorted() == [
                "read Inputs/cases/C01.yaml", "read Inputs/cases/C02.yaml",
            ])
    }

    /// Keys are compared one by one in a small mapping and looked up by hash in a
    /// large one; a repeated key is found, at its first line, either way and on
    /// either side of the switch (at 16 keys).
    @Test func aRepeatedKeyIsFoundInMappingsOfAnySize() {
        for size in [2, 15, 16, 17, 40, 5_000] {
            for (first, second) in [(0, size - 1), (size / 2, size - 1), (size - 2, size - 1)] where first < second {
                var lines = (0..<size).map { "k\($0): \($0)" }
                lines[second] = "k\(first): again"
                let result = YAMLReader.read(lines.joined(separator: "\n") + "\n", file: "f.yaml")
                guard case .failure(let problem) = result else {
                    Issue.record("size \(size): the repeated key k\(first) was not found")
                    continue
                }
                #expect(
                    problem.description
                        == "f.yaml:\(second + 1):1: key \"k\(first)\" appears twice in the same mapping (first on line \(first + 1)); keep one"
                )
            }
            let distinct = (0..<size).map { "k\($0): \($0)" }.joined(separator: "\n") + "\n"
            guard case .success(let tree) = YAMLReader.read(distinct, file: "f.yaml"), case .mapping(let entries) = tree.kind else {
                Issue.record("size \(size): distinct keys were refused")
                continue
            }
            #expect(entries.count == size)
        }
    }

    @Test func undefinedAliasIsADiagnostic() {
        #expect(
            TestCohort.load(withCase("id: *nothing\n")).lines == [
                "Inputs/cases/C01.yaml:1:5: the alias *nothing refers to no anchor &nothing defined before it"
            ])
    }
}

/// An in-memory file system that notes every look at a path ("read P", "size P",
/// "folder? P") and every listing with its bound, from any thread.
final class WatchedFileSystem: InputFileSystem, @unchecked Sendable {
    private let files: InMemoryFileSystem
    private let lock = NSLock()
    private var lookedAt: [String] = []
    private var listed: [String: Int] = [:]

    init(_ files: InMemoryFileSystem) { self.files = files }

    var looked: [String] { lock.withLock { lookedAt } }
    var listings: [String: Int] { lock.withLock { listed } }

    private func note(_ what: String) { lock.withLock { lookedAt.append(what) } }

    func entries(inDirectory path: String) throws -> [String]? {
        lock.withLock { listed[path] = Int.max }
        return try files.entries(inDirectory: path)
    }
    func entries(inDirectory path: String, atMost: Int) throws -> [String]? {
        lock.withLock { listed[path] = atMost }
        return try files.entries(inDirectory: path).map { Array($0.prefix(atMost)) }
    }
    func fileSize(atPath path: String) throws -> Int? {
        note("size \(path)")
        return try files.fileSize(atPath: path)
    }
    func isDirectory(atPath path: String) -> Bool {
        note("folder? \(path)")
        return files.isDirectory(atPath: path)
    }
    func contents(atPath path: String) throws -> [UInt8] {
        note("contents \(path)")
        return try files.contents(atPath: path)
    }
    func read(atPath path: String, maxBytes: Int) throws -> InputFileRead {
        note("read \(path)")
        return try files.read(atPath: path, maxBytes: maxBytes)
    }
}
