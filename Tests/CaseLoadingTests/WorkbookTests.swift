import CaseLoading
import CaseModel
import CaseValidation
import Foundation
import Testing
import WorkbookReading

/// cases.xlsx: the workbook read directly, every cell placed by sheet, reference and column.
@Suite struct WorkbookCohortTests {
    private func load(_ sheets: [TestWorkbook.Sheet], limits: LoadingLimits = .standard) -> CohortLoadResult {
        CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: TestWorkbook.cohortFiles(sheets)), limits: limits)
    }

    private func lines(column: Int, row: Int, _ cell: TestWorkbook.Cell?, sheet: String = "cases") -> [String] {
        let result = load(TestWorkbook.cohortSheets(setting: sheet, column: column, row: row, to: cell))
        if result.diagnostics.containsErrors { #expect(result.cohort == nil) }
        return result.lines
    }

    @Test func theWorkbookLoadsToTheSameCohortAsYAMLAndCSV() throws {
        let result = load(TestWorkbook.cohortSheets)
        #expect(result.lines == [])
        let fromWorkbook = try #require(result.cohort)
        #expect(fromWorkbook == TestCohort.load(TestCohort.yamlFiles).cohort)
        #expect(fromWorkbook == TestCohort.load(TestCohort.csvFiles).cohort)
        #expect(result.filesRead == 4)
        #expect(result.casesRead == 2)
    }

    @Test func inlineStringsWholeNumbersWrittenWithADecimalPointAndFormulaResultsAreRead() throws {
        var sheets = TestWorkbook.cohortSheets(column: 5, row: 2, to: .number("3.0"))
        sheets[0].rows[1][0] = .inline("C01")
        sheets[0].rows[2][5] = .formula("1-1", cached: "0")
        let result = load(sheets)
        #expect(result.lines == [])
        #expect(result.cohort == TestCohort.load(TestCohort.yamlFiles).cohort)
    }

    @Test func aValueThatIsNotAWholeNumberIsNamedByItsCell() {
        #expect(
            lines(column: 5, row: 2, .text("three")) == [
                #"Inputs/cases.xlsx: sheet cases, cell F2 (child.age_months), case C01: "three" is not a whole number; expected a whole number from 0 to 11"#
            ])
        #expect(
            lines(column: 5, row: 2, .number("3.5")) == [
                #"Inputs/cases.xlsx: sheet cases, cell F2 (child.age_months), case C01: "3.5" is not a whole number; expected a whole number from 0 to 11"#
            ])
        #expect(
            lines(column: 5, row: 3, .number("12")) == [
                "Inputs/cases.xlsx: sheet cases, cell F3 (child.age_months), case C02: 12 is out of range; expected a whole number from 0 to 11"
            ])
    }

    @Test func everyRuleReadsTheSameAsInCSV() {
        #expect(
            lines(column: 9, row: 3, .text("injured")) == [
                #"Inputs/cases.xlsx: sheet cases, cell J3 (harm.outcome), case C02: "injured" is not a valid value; expected one of: died, seriously-harmed"#
            ])
        #expect(
            lines(column: 8, row: 3, .text("maybe")) == [
                #"Inputs/cases.xlsx: sheet cases, cell I3 (child.weight_loss), case C02: "maybe" is not a valid value; expected one of: true, false, yes, no"#
            ])
        #expect(
            lines(column: 12, row: 2, nil) == [
                "Inputs/cases.xlsx: sheet cases, cell M2 (harm.prognosis), case C01: required when harm.outcome is seriously-harmed; expected one of: impairment-likely, impairment-unlikely, unknown"
            ])
        #expect(
            lines(column: 3, row: 2, nil) == [
                "Inputs/cases.xlsx: sheet cases, cell D2 (child.sex), case C01: required field is missing; expected one of: male, female"
            ])
        #expect(
            lines(column: 10, row: 2, .text("head-injury;fracture;head-injury")) == [
                #"Inputs/cases.xlsx: sheet cases, cell K2 (harm.injuries), case C01: harm.injuries[3]: "head-injury" is listed more than once; list each injury once"#
            ])
        #expect(
            lines(column: 0, row: 3, .text("C01")) == [
                "Inputs/cases.xlsx: sheet cases, cell A3 (id), case C01: \"C01\" is already used by Inputs/cases.xlsx: sheet cases, cell A2 (id); each case needs its own id"
            ])
        // Excel writes a control character in text as the escape _x0007_.
        #expect(
            lines(column: 26, row: 2, .text("Fictional_x0007_ text.")) == [
                "Inputs/cases.xlsx: sheet cases, cell AA2 (summary), case C01: contains a control character (U+0007) at character 10; only tab and line breaks are allowed"
            ])
    }

    @Test func booleanCellsAndBooleanWordsAreBothBooleans() throws {
        var sheets = TestWorkbook.cohortSheets(column: 6, row: 2, to: .text("No"))
        sheets[0].rows[1][7] = .text("YES")
        let cohort = try #require(load(sheets).cohort)
        #expect(cohort.cases[0].child.premature == false)
        #expect(cohort.cases[0].child.feedingDifficulties == true)
    }

    @Test func datesErrorsAndFormulasWithoutAResultAreRefusedAtTheirCell() {
        let result = load(TestWorkbook.cohortSheets(column: 26, row: 2, to: .styled("45123", style: 1)))
        #expect(
            result.lines == [
                "Inputs/cases.xlsx: sheet cases, cell AA2 (summary), case C01: is a date (2023-07-16, stored as 45123), but no field of a case is a date; format the cell as Text or General and type the value again"
            ])
        #expect(
            lines(column: 5, row: 2, .styled("3", style: 2)) == [
                "Inputs/cases.xlsx: sheet cases, cell F2 (child.age_months), case C01: is a date (1900-01-02, stored as 3), but no field of a case is a date; format the cell as Text or General and type the value again"
            ])
        #expect(
            lines(column: 4, row: 3, .error("#N/A")) == [
                "Inputs/cases.xlsx: sheet cases, cell E3 (child.ethnicity), case C02: holds the spreadsheet error #N/A; correct the cell so that it holds a value"
            ])
        #expect(
            lines(column: 1, row: 2, .formula("VLOOKUP(B9,Areas!A:B,2)", cached: nil)) == [
                "Inputs/cases.xlsx: sheet cases, cell B2 (area), case C01: holds the formula =VLOOKUP(B9,Areas!A:B,2) with no saved result (formulas are not calculated here); open the workbook in a spreadsheet and save it, or type the value instead of the formula"
            ])
    }

    @Test func allProblemsOfTheWorkbookAreReportedAtOnce() {
        var sheets = TestWorkbook.cohortSheets(column: 5, row: 2, to: .text("three"))
        sheets[0].rows[2][9] = .text("injured")
        sheets[0].rows[2][4] = .error("#REF!")
        sheets[1].rows[1][1] = .text("sharing")
        #expect(
            load(sheets).lines == [
                #"Inputs/cases.xlsx: sheet cases, cell F2 (child.age_months), case C01: "three" is not a whole number; expected a whole number from 0 to 11"#,
                "Inputs/cases.xlsx: sheet cases, cell E3 (child.ethnicity), case C02: holds the spreadsheet error #REF!; correct the cell so that it holds a value",
                #"Inputs/cases.xlsx: sheet cases, cell J3 (harm.outcome), case C02: "injured" is not a valid value; expected one of: died, seriously-harmed"#,
                #"Inputs/cases.xlsx: sheet learning, cell B2 (theme): "sharing" is not declared in vocabulary.yaml; expected one of: information-sharing, domestic-abuse"#,
            ])
    }

    @Test func theHeaderIsCheckedLikeTheCSVHeader() {
        var sheets = TestWorkbook.cohortSheets(column: 3, row: 1, to: .text("child.gender"))
        sheets[0].rows[0][2] = .text("area")
        let result = load(sheets)
        #expect(
            result.lines == [
                "Inputs/cases.xlsx: sheet cases, row 1: local_review: the header has no such column; every case needs it",
                "Inputs/cases.xlsx: sheet cases, row 1: child.sex: the header has no such column; every case needs it",
                "Inputs/cases.xlsx: sheet cases, cell C1 (area): the column appears more than once (columns 2 and 3); keep one",
                "Inputs/cases.xlsx: sheet cases, cell D1 (child.gender): unknown column; valid columns: "
                    + CaseCSVColumns.canonical.joined(separator: ", "),
            ])
    }

    @Test func aValueRightOfTheHeaderIsNotIgnored() {
        #expect(
            lines(column: 27, row: 3, .text("stray")) == [
                "Inputs/cases.xlsx: sheet cases, cell AB3, case C02: the cell is to the right of the header's last column (AA); clear it, or give its column a name in row 1"
            ])
    }

    @Test func theLearningSheetJoinsByCaseIdAndNamesTheCasesSheet() throws {
        #expect(
            lines(column: 0, row: 2, .text("C99"), sheet: "learning") == [
                #"Inputs/cases.xlsx: sheet learning, cell A2 (case): "C99" is not the id of any case in sheet cases; expected an id from its id column"#
            ])
        let sheets = TestWorkbook.cohortSheets(setting: "learning", column: 3, row: 2, to: .boolean(true))
        let cohort = try #require(load(sheets).cohort)
        #expect(
            cohort.cases[0].learning == [LearningPoint(theme: "information-sharing", text: "Fictional learning point.", publishable: true)])
    }

    @Test func sheetNamesAreFoundWhateverTheirCaseAndOthersAreIgnored() throws {
        var sheets = TestWorkbook.cohortSheets
        sheets[0].name = "Cases"
        sheets.insert(("Summary", [[.formula("COUNTA(cases!A:A)", cached: nil)]]), at: 0)
        #expect(load(sheets).lines == [])
    }

    @Test func aWorkbookWithoutACasesSheetSaysWhichSheetsItHas() {
        var sheets = TestWorkbook.cohortSheets
        sheets[0].name = "Sheet1"
        #expect(
            load(sheets).lines == [
                #"Inputs/cases.xlsx: has no sheet named "cases" (its sheets: "Sheet1", "learning", "Notes"); name the sheet that holds one row per case "cases""#
            ])
    }

    @Test func emptySheetsAndAHeaderBelowRow1AreErrors() {
        var sheets = TestWorkbook.cohortSheets
        sheets[0].rows = [[nil], [.text("id")]] + sheets[0].rows.dropFirst(2)
        #expect(
            load(sheets).lines == [
                "Inputs/cases.xlsx: sheet cases: row 1 is empty; expected the header (the column names) in row 1, as in the CSV form"
            ])
        sheets[0].rows = [TestWorkbook.cohortSheets[0].rows[0]]
        #expect(load(sheets).lines == ["Inputs/cases.xlsx: sheet cases: no case found; add one row per case below the header in row 1"])
    }

    @Test func blankRowsAreSkippedAndRowsKeepTheirSpreadsheetNumbers() {
        var sheets = TestWorkbook.cohortSheets
        sheets[0].rows.insert([nil, nil], at: 2)
        sheets[0].rows[3][9] = .text("injured")
        #expect(
            load(sheets).lines == [
                #"Inputs/cases.xlsx: sheet cases, cell J4 (harm.outcome), case C02: "injured" is not a valid value; expected one of: died, seriously-harmed"#
            ])
    }

    @Test func onlyOneFormOfTheCohortMayBePresent() {
        var files = TestWorkbook.cohortFiles()
        files["Inputs/cases.csv"] = Array(TestCohort.csv.utf8)
        files["Inputs/learning.csv"] = Array(TestCohort.learningCSV.utf8)
        #expect(TestCohort.load([:]).lines.count == 4)
        var result = CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: files))
        #expect(
            result.lines == [
                "Inputs: cases.csv and cases.xlsx are both present, and a cohort must come in one form only; remove cases.xlsx to use the spreadsheet export, or remove cases.csv to use the workbook"
            ])
        files["Inputs/learning.csv"] = nil
        files["Inputs/cases/C01.yaml"] = Array(TestCohort.c01.utf8)
        result = CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: files))
        #expect(
            result.lines == [
                "Inputs: cases/, cases.csv and cases.xlsx are all present, and a cohort must come in one form only; remove cases.csv and cases.xlsx to use the YAML case files, or remove the cases/ folder and cases.xlsx to use the spreadsheet export, or remove the cases/ folder and cases.csv to use the workbook"
            ])
        files["Inputs/cases.csv"] = nil
        files["Inputs/learning.csv"] = Array(TestCohort.learningCSV.utf8)
        result = CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: files))
        #expect(
            result.lines == [
                "Inputs: cases/ and cases.xlsx are both present, and a cohort must come in one form only; remove cases.xlsx to use the YAML case files, or remove the cases/ folder to use the workbook",
                "Inputs/learning.csv: learning.csv goes with cases.csv, which is not here, so its learning points would be lost; the workbook keeps them in its learning sheet: move them there and remove learning.csv",
            ])
    }

    @Test func tooManyCaseRowsAreRefused() {
        var sheets = TestWorkbook.cohortSheets
        for n in 3...8 { sheets[0].rows.append([.text("C0\(n)")]) }
        let result = load(sheets, limits: LoadingLimits(maxCSVRows: 5))
        #expect(result.cohort == nil)
        #expect(result.lines == ["Inputs/cases.xlsx: sheet cases, row 7: the sheet has more than 5 case rows; the workbook is refused"])
    }

    @Test func aWorkbookLargerThanTheSpreadsheetLimitIsRefusedBeforeReading() {
        let result = load(TestWorkbook.cohortSheets, limits: LoadingLimits(maxSpreadsheetBytes: 1_000))
        #expect(result.lines.count == 1)
        #expect(result.lines[0].hasPrefix("Inputs/cases.xlsx: the file is too large ("))
    }

    @Test func somethingThatIsNotAWorkbookSaysSo() {
        var files = TestWorkbook.cohortFiles()
        files["Inputs/cases.xlsx"] = Array(TestCohort.csv.utf8)
        #expect(
            CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: files)).lines == [
                #"Inputs/cases.xlsx: is not an .xlsx workbook (not a zip archive); save it from the spreadsheet as "Excel Workbook (.xlsx)""#
            ])
        files["Inputs/cases.xlsx"] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504)
        #expect(
            CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: files)).lines == [
                #"Inputs/cases.xlsx: is an old-style .xls workbook or a password-protected one, not an .xlsx workbook; save it from the spreadsheet as "Excel Workbook (.xlsx)" without a password"#
            ])
    }
}

/// The CSV tests of values, repeated for the workbook: the same rule, the same words, at the cell.
@Suite struct WorkbookValueTests {
    private func lines(column: Int, row: Int, _ cell: TestWorkbook.Cell?) -> [String] {
        let sheets = TestWorkbook.cohortSheets(column: column, row: row, to: cell)
        return CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: TestWorkbook.cohortFiles(sheets))).lines
    }

    @Test(arguments: ["+3", "-0", "010"])
    func signsAndLeadingZerosTypedAsTextAreRefused(_ written: String) {
        #expect(
            lines(column: 5, row: 2, .text(written)) == [
                "Inputs/cases.xlsx: sheet cases, cell F2 (child.age_months), case C01: \"\(written)\" is not a whole number; expected a whole number from 0 to 11"
            ])
    }

    @Test func aNegativeNumberCellIsOutOfRange() {
        #expect(
            lines(column: 5, row: 2, .number("-1")) == [
                "Inputs/cases.xlsx: sheet cases, cell F2 (child.age_months), case C01: -1 is out of range; expected a whole number from 0 to 11"
            ])
    }

    @Test func invisibleAndNoncharactersAreRefusedAndEscaped() {
        #expect(
            lines(column: 0, row: 2, .text("C\u{202E}10")) == [
                "Inputs/cases.xlsx: sheet cases, cell A2 (id), case C<U+202E>10: contains an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE) at character 2; remove it: ids, codes, labels, titles and names may not contain invisible formatting characters (bidirectional controls, zero-width characters)",
                // C01's learning point now has no case to go to, and says so.
                #"Inputs/cases.xlsx: sheet learning, cell A2 (case): "C01" is not the id of any case in sheet cases; expected an id from its id column"#,
            ])
        #expect(
            lines(column: 26, row: 2, .text("Fictional_xFFFE_ text.")) == [
                "Inputs/cases.xlsx: sheet cases, cell AA2 (summary), case C01: contains U+FFFE, which is not a character (a noncharacter code point) at character 10; remove it: it cannot appear in a web page"
            ])
        #expect(
            lines(column: 3, row: 1, .text("child.sex\u{2067}")) == [
                "Inputs/cases.xlsx: sheet cases, row 1: child.sex: the header has no such column; every case needs it",
                "Inputs/cases.xlsx: sheet cases, cell D1 (child.sex<U+2067>): unknown column; did you mean child.sex?; valid columns: "
                    + CaseCSVColumns.canonical.joined(separator: ", "),
            ])
    }

    @Test func aLongCellIsCutInTheMessage() {
        let cell = "cell-" + String(repeating: "x", count: 200)
        #expect(
            lines(column: 3, row: 2, .text(cell)) == [
                "Inputs/cases.xlsx: sheet cases, cell D2 (child.sex), case C01: \"\(String(cell.prefix(60)))…\" is not a valid value; expected one of: male, female"
            ])
    }

    @Test func lineBreaksInACellAreKept() throws {
        let sheets = TestWorkbook.cohortSheets(column: 26, row: 2, to: .text("Fictional\r\ntext, on two lines."))
        let result = CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: TestWorkbook.cohortFiles(sheets)))
        #expect(result.lines == [])
        #expect(try #require(result.cohort).cases[0].summary == "Fictional\ntext, on two lines.")
    }
}
