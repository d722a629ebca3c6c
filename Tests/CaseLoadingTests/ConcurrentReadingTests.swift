import CaseLoading
import Testing

@testable import CaseValidation

/// Case files are read on every core; what comes back must not depend on it.
@Suite struct ConcurrentReadingTests {
    /// Enough files to be read concurrently, some of them broken in each way a
    /// file can be: not YAML, not UTF-8, a folder, missing fields, unknown codes.
    private static func files() -> (fs: InMemoryFileSystem, paths: [String]) {
        var files: [String: [UInt8]] = [:]
        var paths: [String] = []
        for n in 1...200 {
            let path = "Inputs/cases/C\(n).yaml"
            paths.append(path)
            var text = TestCohort.c01.replacingOccurrences(of: "id: C01", with: "id: C\(n)")
            switch n % 9 {
            case 1: text = "id: [unclosed\n"
            case 2: text = text.replacingOccurrences(of: "area: A01", with: "area: Z99")
            case 4: files[path + "/inside.yaml"] = Array("x: 1\n".utf8)
            default: break
            }
            if n % 9 == 4 { continue }
            files[path] = n % 9 == 7 ? Array(text.utf8) + [0xFF] : Array(text.utf8)
        }
        return (InMemoryFileSystem(files: files), paths)
    }

    private static func summary(_ outcomes: [CaseFileReading.Outcome]) -> [String] {
        outcomes.map { outcome in
            let lines = outcome.diagnostics.map(\.description).joined(separator: " | ")
            return
                "\(outcome.isFolder) \(outcome.wasRead) \(outcome.parsed) \(outcome.id?.id ?? "-") \(outcome.area ?? "-") \(outcome.decoded?.id ?? "-") \(lines)"
        }
    }

    @Test func readingConcurrentlyGivesWhatOneThreadGives() {
        let (fs, paths) = Self.files()
        let declared = Declarations(areaCodes: ["A01", "A02"], ethnicities: nil, themeCodes: nil)
        let one = CaseFileReading.read(paths, fileSystem: fs, limits: .standard, declared: declared, parsed: nil, concurrently: false)
        let many = CaseFileReading.read(paths, fileSystem: fs, limits: .standard, declared: declared, parsed: nil, concurrently: true)
        #expect(Self.summary(one) == Self.summary(many))
        // The broken files are each what they should be, in order.
        #expect(one.count == 200)
        #expect(one.filter(\.isFolder).count == 22)
        #expect(one.filter { !$0.parsed && !$0.isFolder }.count == 23 + 22)
        #expect(one.compactMap(\.decoded).count > 100)
        #expect(one[0].diagnostics.first?.description.hasPrefix("Inputs/cases/C1.yaml:") == true)
    }

    @Test func aWholeLoadIsTheSameEveryTime() {
        let (fs, _) = Self.files()
        var inputs = fs
        for (path, text) in TestCohort.base { inputs.files[path] = Array(text.utf8) }
        let first = CohortLoader.load(inputs: "Inputs", fileSystem: inputs).lines
        #expect(!first.isEmpty)
        for _ in 0..<5 {
            #expect(CohortLoader.load(inputs: "Inputs", fileSystem: inputs).lines == first)
        }
    }
}
