import CaseLoading
import CaseValidation
import Foundation
import Testing

/// Workbooks saved the way Excel saves them (made by scripts/make-excel-fixtures with
/// openpyxl and committed): shared strings, a styles part, more sheets than two, a
/// formula with its saved result.
@Suite struct ExcelFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    private func load(_ name: String) throws -> CohortLoadResult {
        var files = TestCohort.base.mapValues { Array($0.utf8) }
        files["Inputs/cases.xlsx"] = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
        return CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: files))
    }

    @Test func anExcelStyleWorkbookLoadsToTheSameCohortAsTheYAMLFiles() throws {
        let result = try load("excel-style.xlsx")
        #expect(result.lines == [])
        let cohort = try #require(result.cohort)
        #expect(cohort == TestCohort.load(TestCohort.yamlFiles).cohort)
        #expect(cohort.cases[0].child.ageMonths == 3)
    }

    @Test func itsDateErrorAndUncalculatedFormulaAreEachRefusedAtTheirCell() throws {
        let result = try load("excel-style-broken.xlsx")
        #expect(result.cohort == nil)
        #expect(
            result.lines == [
                "Inputs/cases.xlsx: sheet cases, cell B2 (area), case C01: holds the formula =VLOOKUP(A2,Notes!A:B,2,FALSE) with no saved result (formulas are not calculated here); open the workbook in a spreadsheet and save it, or type the value instead of the formula",
                "Inputs/cases.xlsx: sheet cases, cell E3 (child.ethnicity), case C02: is a date (2023-07-16, stored as 45123), but no field of a case is a date; format the cell as Text or General and type the value again",
                "Inputs/cases.xlsx: sheet cases, cell J3 (harm.outcome), case C02: holds the spreadsheet error #N/A; correct the cell so that it holds a value",
            ])
    }
}
