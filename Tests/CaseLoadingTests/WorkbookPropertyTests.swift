import CaseLoading
import CaseValidation
import Foundation
import PropertyBased
import Testing

/// Whatever a workbook holds — random bytes, a damaged archive, broken XML — loading
/// finishes with a cohort exactly when there is no error, and never traps.
@Suite struct WorkbookPropertyTests {
    private func expectConsistent(_ bytes: [UInt8]) -> CohortLoadResult {
        var files = TestWorkbook.cohortFiles()
        files["Inputs/cases.xlsx"] = bytes
        let result = CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: files))
        #expect((result.cohort == nil) == result.diagnostics.containsErrors)
        for diagnostic in result.diagnostics {
            #expect(files.keys.contains(diagnostic.location.file), "unexpected file in \(diagnostic)")
            #expect(!diagnostic.message.isEmpty)
        }
        return result
    }

    static let workbook = TestWorkbook.bytes(TestWorkbook.cohortSheets)
    static let parts = TestWorkbook.parts(TestWorkbook.cohortSheets)

    @Test func randomBytesAsAWorkbook() async {
        await propertyCheck(count: 200, input: Gen.uint8().array(of: 0...400)) { bytes in
            // Some start like a zip, to get past the first check.
            let result = expectConsistent(bytes.count > 10 && bytes[0] < 128 ? [0x50, 0x4B, 0x03, 0x04] + bytes : bytes)
            #expect(result.cohort == nil)
        }
    }

    @Test func damagedArchives() async {
        await propertyCheck(count: 300, input: PropertyBased.zip(Gen.int(in: 0...100_000), Gen.uint8()).array(of: 1...4)) { edits in
            var bytes = Self.workbook
            for (position, byte) in edits { bytes[position % bytes.count] = byte }
            _ = expectConsistent(bytes)
        }
    }

    @Test func brokenSheetXML() async {
        let interesting = Array("<>/=\"&;:x ".utf8) + [0x00, 0xC3, 0xFF]
        await propertyCheck(
            count: 300, input: PropertyBased.zip(Gen.int(in: 0...100_000), Gen.int(in: 0...2), Gen.int(in: 0...100)).array(of: 1...4),
            Gen.int(in: 0...2)
        ) { edits, which in
            let path = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet2.xml"][which]
            var bytes = Array(Self.parts[path]!.utf8)
            for (position, kind, pick) in edits {
                let at = position % bytes.count
                let byte = interesting[pick % interesting.count]
                switch kind {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(byte, at: at)
                default: bytes[at] = byte
                }
            }
            var parts = Self.parts.mapValues { Data($0.utf8) }
            parts[path] = Data(bytes)
            _ = expectConsistent(TestWorkbook.zip(parts))
        }
    }
}
