import CaseLoading
@testable import CaseValidation
import Testing

/// Case rows are decoded on every core; what comes back must not depend on it.
@Suite struct CSVConcurrentDecodingTests {
    /// 1,000 rows of the test cohort's cases, some broken in one field or another.
    private static func rows() -> (shape: CSVTable, rows: [CSVTable.Row]) {
        let lines = TestCohort.csv.split(separator: "\n").map(String.init)
        var text = lines[0] + "\n"
        for n in 0..<1_000 {
            var line = lines[1 + n % 2].replacingOccurrences(of: n % 2 == 0 ? "C01," : "C02,", with: "C\(n),")
            switch n % 7 {
            case 1: line = line.replacingOccurrences(of: ",male,", with: ",man,")
            case 3: line = line.replacingOccurrences(of: ",A0", with: ",Z0")
            case 5: line = line.replacingOccurrences(of: "Fictional text.", with: "")
            default: break
            }
            text += line + "\n"
        }
        let (table, problems) = CSVReader.read(text, file: "Inputs/cases.csv")
        precondition(problems.isEmpty)
        return (table!, table!.rows)
    }

    /// Each thread decodes with its own copy of the table: equal to it, and sharing
    /// none of its strings' storage (retaining a shared string from both cores made
    /// each wait for the other).
    @Test func aThreadsOwnCopyIsEqualAndSharesNoText() {
        let long = String(repeating: "x", count: 40)
        let table = CSVTable(file: "/a/folder/with/a/long/name/cases.csv", sheet: "cases sheet, a long name",
                             header: ["id", "child." + long], rows: [], dataRowCount: 0)
        let copy = table.ownCopy()
        #expect(copy == table)
        func storage(_ text: String) -> UnsafeRawPointer? {
            var text = text
            return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
        }
        #expect(storage(copy.file) != storage(table.file))
        #expect(storage(copy.sheet!) != storage(table.sheet!))
        #expect(storage(copy.header[1]) != storage(table.header[1]))
        // The decoder's copy reads rows as the original does.
        let (shape, rows) = Self.rows()
        let declared = Declarations(areaCodes: ["A01", "A02"], ethnicities: nil, themeCodes: nil)
        let decoder = CaseRowDecoder(shape: shape, declared: declared, log: DiagnosticLog())
        let own = decoder.ownCopy()
        let first = decoder.decode(Array(rows.prefix(50)), concurrently: false)
        let second = own.decode(Array(rows.prefix(50)), concurrently: false)
        #expect(first.diagnostics.count > 10)
        #expect(second.diagnostics.map(\.description) == first.diagnostics.map(\.description))
        #expect(second.cases.map(\.value) == first.cases.map(\.value))
        #expect(second.cases.map { $0.id?.location } == first.cases.map { $0.id?.location })
    }

    @Test func decodingOnEveryCoreGivesWhatOneThreadGives() {
        let (shape, rows) = Self.rows()
        let declared = Declarations(areaCodes: ["A01", "A02"], ethnicities: nil, themeCodes: nil)
        let decoder = CaseRowDecoder(shape: shape, declared: declared, log: DiagnosticLog())
        let one = decoder.decode(rows, concurrently: false)
        let many = decoder.decode(rows, concurrently: true)
        #expect(one.diagnostics.count > 200)
        #expect(many.diagnostics.map(\.description) == one.diagnostics.map(\.description))
        #expect(many.cases.map(\.value) == one.cases.map(\.value))
        #expect(many.cases.map(\.area) == one.cases.map(\.area))
        #expect(many.cases.map { $0.id?.id } == one.cases.map { $0.id?.id })
        #expect(many.cases.map { $0.id?.location } == one.cases.map { $0.id?.location })
    }
}
