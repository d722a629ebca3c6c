import CaseLoading
import CaseValidation
import PropertyBased
import Testing

/// Whatever bytes arrive, loading finishes; a refused cohort always says why.
@Suite struct PropertyTests {
    /// The invariant every load must keep: a cohort exactly when there is no error.
    private func expectConsistent(_ result: CohortLoadResult, _ files: Set<String>) {
        #expect((result.cohort == nil) == result.diagnostics.containsErrors)
        for diagnostic in result.diagnostics {
            #expect(
                files.contains(diagnostic.location.file) || diagnostic.location.file == "Inputs/cases"
                    || diagnostic.location.file == "Inputs",
                "unexpected file in \(diagnostic)")
            #expect(!diagnostic.message.isEmpty)
        }
    }

    private func load(replacing path: String, with bytes: [UInt8], base: [String: String]) -> (CohortLoadResult, Set<String>) {
        var fs = InMemoryFileSystem(textFiles: base)
        fs.files[path] = bytes
        return (CohortLoader.load(inputs: "Inputs", fileSystem: fs), Set(fs.files.keys))
    }

    @Test func randomBytesAsACaseFile() async {
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...300)) { bytes in
            let (result, files) = load(replacing: "Inputs/cases/C01.yaml", with: bytes, base: TestCohort.yamlFiles)
            expectConsistent(result, files)
            if result.cohort == nil { #expect(result.errors.count >= 1) }
        }
    }

    @Test func randomBytesAsASpreadsheet() async {
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...300)) { bytes in
            let (result, files) = load(replacing: "Inputs/cases.csv", with: bytes, base: TestCohort.csvFiles)
            expectConsistent(result, files)
            #expect(result.cohort == nil)
            #expect(result.errors.count >= 1)
        }
    }

    /// Bytes that YAML and CSV treat specially, to make mutations that matter.
    private static let interesting: [UInt8] = Array(":-[]{}\"'&*!|>#,;\n\r\t ?%@`".utf8) + [0x00, 0x07, 0x7F, 0xC3, 0xFF]

    private static func mutate(_ text: String, edits: [(Int, Int, Int)]) -> [UInt8] {
        var bytes = Array(text.utf8)
        for (position, kind, pick) in edits {
            let at = bytes.isEmpty ? 0 : position % bytes.count
            let byte = interesting[pick % interesting.count]
            switch kind % 3 {
            case 0 where !bytes.isEmpty: bytes.remove(at: at)
            case 1: bytes.insert(byte, at: at)
            default: if !bytes.isEmpty { bytes[at] = byte }
            }
        }
        return bytes
    }

    @Test func mutatedCaseFiles() async {
        await propertyCheck(
            count: 400, input: PropertyBased.zip(Gen.int(in: 0...10_000), Gen.int(in: 0...2), Gen.int(in: 0...100)).array(of: 1...4)
        ) { edits in
            let bytes = Self.mutate(TestCohort.c01, edits: edits)
            let (result, files) = load(replacing: "Inputs/cases/C01.yaml", with: bytes, base: TestCohort.yamlFiles)
            expectConsistent(result, files)
        }
    }

    @Test func mutatedSpreadsheets() async {
        await propertyCheck(
            count: 400, input: PropertyBased.zip(Gen.int(in: 0...10_000), Gen.int(in: 0...2), Gen.int(in: 0...100)).array(of: 1...4)
        ) { edits in
            let bytes = Self.mutate(TestCohort.csv, edits: edits)
            let (result, files) = load(replacing: "Inputs/cases.csv", with: bytes, base: TestCohort.csvFiles)
            expectConsistent(result, files)
        }
    }

    @Test func mutatedSharedFiles() async {
        await propertyCheck(
            count: 200, input: PropertyBased.zip(Gen.int(in: 0...10_000), Gen.int(in: 0...2), Gen.int(in: 0...100)).array(of: 1...4),
            Gen.int(in: 0...2)
        ) { edits, which in
            let path = ["Inputs/review.yaml", "Inputs/areas.yaml", "Inputs/vocabulary.yaml"][which]
            let bytes = Self.mutate(TestCohort.yamlFiles[path]!, edits: edits)
            let (result, files) = load(replacing: path, with: bytes, base: TestCohort.yamlFiles)
            expectConsistent(result, files)
        }
    }
}
