import CaseLoading
import CaseValidation
import Foundation
import Testing

/// Messages about the workbook and the CSV pair as a person who keeps them reads
/// them: each names the case, a merged cell is called merged, hidden rows and
/// columns are named, and what follows from a header's problem is one line.
@Suite struct WorkbookMessagesTests {
    /// The test cohort's workbook with its cases sheet's XML changed by `change`.
    /// `dropping` empties cells of the sheet first (`column` 0-based, `row` as shown), as a
    /// spreadsheet empties the cells a merged range covers.
    private func loadWorkbook(dropping cells: [(column: Int, row: Int)] = [], _ change: (String) -> String) -> CohortLoadResult {
        var sheets = TestWorkbook.cohortSheets
        for place in cells { sheets[0].rows[place.row - 1][place.column] = nil }
        let sheet = TestWorkbook.parts(sheets)["xl/worksheets/sheet1.xml"]!
        var files = TestCohort.base.mapValues { Array($0.utf8) }
        files["Inputs/cases.xlsx"] = TestWorkbook.bytes(sheets, replacing: ["xl/worksheets/sheet1.xml": change(sheet)])
        return CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: files))
    }

    @Test func aMergedCellIsCalledMergedNotMissing() {
        let result = loadWorkbook(dropping: [(column: 2, row: 2)]) {
            $0.replacingOccurrences(of: "</sheetData>", with: #"</sheetData><mergeCells count="1"><mergeCell ref="B2:C2"/></mergeCells>"#)
        }
        #expect(result.cohort == nil)
        #expect(
            result.lines == [
                "Inputs/cases.xlsx: sheet cases, cell C2 (local_review), case C01: the cell is merged with B2 (B2:C2), and merged "
                    + "cells are not read: only B2's value is; unmerge B2:C2 and type this cell's value in it"
            ], "\(result.lines)")
    }

    @Test func hiddenRowsAndColumnsAreNamed() throws {
        let result = loadWorkbook {
            $0.replacingOccurrences(of: #"<row r="3">"#, with: #"<row r="3" hidden="1">"#)
                .replacingOccurrences(of: "<sheetData>", with: #"<cols><col min="10" max="11" hidden="1"/></cols><sheetData>"#)
        }
        #expect(result.cohort != nil)
        #expect(
            result.lines == [
                "Inputs/cases.xlsx: sheet cases: warning: row 3 (case C02) is hidden, and hidden rows are read like any other; "
                    + "unhide it to see every case that is read",
                "Inputs/cases.xlsx: sheet cases: warning: columns J (harm.outcome) and K (harm.injuries) are hidden, and hidden "
                    + "columns are read like any other; unhide them to see what is read",
            ], "\(result.lines)")
    }

    @Test func aMessageAboutACaseNamesItInBothForms() {
        let csv = TestCohort.load(TestCohort.csvFiles(replacing: "C02,A02,scr,female", with: "C02,A02,scr,femal"))
        #expect(
            csv.lines.contains { $0.hasPrefix("Inputs/cases.csv:row 3, column child.sex, case C02: \"femal\" is not a valid value") },
            "\(csv.lines)")
        let sheets = TestWorkbook.cohortSheets(column: 3, row: 3, to: .text("femal"))
        let workbook = CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: TestWorkbook.cohortFiles(sheets)))
        #expect(
            workbook.lines.contains {
                $0.hasPrefix("Inputs/cases.xlsx: sheet cases, cell D3 (child.sex), case C02: \"femal\" is not a valid value")
            }, "\(workbook.lines)")
    }

    @Test func areasThatSeemUnusedBecauseOfTheHeaderAreOneLine() {
        let result = TestCohort.load(TestCohort.csvFiles(replacing: "id,area,", with: "id,area code,"))
        #expect(result.cohort == nil)
        #expect(!result.lines.contains { $0.contains("is not referred to by any case") }, "\(result.lines)")
        #expect(
            result.lines.contains(
                "Inputs/cases.csv:row 1: warning: 2 areas of areas.yaml then appear unused, as no case's area can be read without "
                    + "the area column; fix the header first"), "\(result.lines)")
        #expect(result.lines.count == 3, "\(result.lines)")
    }

    @Test func learningPointsThatFindNoCaseBecauseOfTheHeaderAreOneLine() {
        let result = TestCohort.load(TestCohort.csvFiles(replacing: "id,area,", with: "ident,area,"))
        #expect(result.cohort == nil)
        #expect(!result.lines.contains { $0.contains("is not the id of any case") }, "\(result.lines)")
        #expect(
            result.lines.contains(
                "Inputs/learning.csv: 1 learning point then names no case that was read, as Inputs/cases.csv has no id column; "
                    + "fix its header first"), "\(result.lines)")
    }
}
