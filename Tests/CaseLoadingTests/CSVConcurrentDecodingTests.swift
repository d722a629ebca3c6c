import CaseLoading
import Testing

@testable import CaseValidation

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
