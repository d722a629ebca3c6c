import CaseLoading
import CaseValidation
import Testing

/// cases.csv: cells named by row and column; header rules; RFC 4180 quoting.
@Suite struct CSVTests {
    private func lines(_ old: String, _ new: String) -> [String] {
        let result = TestCohort.load(TestCohort.csvFiles(replacing: old, with: new))
        if result.diagnostics.containsErrors { #expect(result.cohort == nil) }
        return result.lines
    }

    @Test func badCellNamesRowAndColumn() {
        #expect(
            lines("False,died,", "False,injured,") == [
                #"Inputs/cases.csv:row 3, column harm.outcome, case C02: "injured" is not a valid value; expected one of: died, seriously-harmed"#
            ])
        #expect(
            lines("False,died,", "maybe,died,") == [
                #"Inputs/cases.csv:row 3, column child.weight_loss, case C02: "maybe" is not a valid value; expected one of: true, false, yes, no"#
            ])
        #expect(
            lines("head-injury;fracture", "head-injury;;fracture;head-injury") == [
                #"Inputs/cases.csv:row 2, column harm.injuries, case C01: harm.injuries[3]: "head-injury" is listed more than once; list each injury once"#
            ])
    }

    @Test func emptyCellIsAnAbsentField() {
        #expect(
            lines("seriously-harmed,head-injury;fracture,repeated,impairment-unlikely,", "seriously-harmed,head-injury;fracture,repeated,,")
                == [
                    "Inputs/cases.csv:row 2, column harm.prognosis, case C01: required when harm.outcome is seriously-harmed; expected one of: impairment-likely, impairment-unlikely, unknown"
                ])
        #expect(
            lines("C01,A01,lcspr,male,", "C01,A01,lcspr,,") == [
                "Inputs/cases.csv:row 2, column child.sex, case C01: required field is missing; expected one of: male, female"
            ])
        #expect(
            lines("bruising,single,,", "bruising,single,unknown,") == [
                #"Inputs/cases.csv:row 3, column harm.prognosis, case C02: must be absent when harm.outcome is died (found "unknown"); remove it"#
            ])
    }

    @Test func duplicateIDNamesBothRows() {
        #expect(
            lines("C02,A02", "C01,A02") == [
                "Inputs/cases.csv:row 3, column id, case C01: \"C01\" is already used by Inputs/cases.csv:row 2, column id; each case needs its own id"
            ])
    }

    @Test func headerUnknownDuplicateAndMissingColumns() {
        let header = String(TestCohort.csv.split(separator: "\n")[0])
        #expect(
            lines(header, header.replacingOccurrences(of: "child.sex", with: "child.gender")) == [
                "Inputs/cases.csv:row 1: child.sex: the header has no such column; every case needs it",
                "Inputs/cases.csv:row 1, column child.gender: unknown column; valid columns: "
                    + CaseCSVColumns.canonical.joined(separator: ", "),
            ])
        #expect(
            lines(header, header.replacingOccurrences(of: "local_review", with: "area")) == [
                "Inputs/cases.csv:row 1: local_review: the header has no such column; every case needs it",
                "Inputs/cases.csv:row 1, column area: the column appears more than once (columns 2 and 3); keep one",
            ])
    }

    @Test func learningIsNotACSVColumn() {
        var files = TestCohort.csvFiles
        files["Inputs/cases.csv"] =
            TestCohort.csv.split(separator: "\n").enumerated()
            .map { $0.offset == 0 ? $0.element + ",learning" : $0.element + "," }.joined(separator: "\n") + "\n"
        #expect(
            TestCohort.load(files).lines == [
                "Inputs/cases.csv:row 1, column learning: unknown column; valid columns: "
                    + CaseCSVColumns.canonical.joined(separator: ", ")
            ])
    }

    @Test func rowWithTheWrongNumberOfCells() {
        #expect(
            lines("C02,A02,scr", "C02,A02,scr,extra") == [
                "Inputs/cases.csv:row 3: the row has 28 cells but the header has 27 columns"
            ])
    }

    @Test func quotedCellsSpanLinesAndRowsCountAsSpreadsheetRows() throws {
        let result = TestCohort.load(TestCohort.csvFiles(replacing: "Fictional text.\n", with: "\"Fictional\r\ntext, on two lines.\"\n\n"))
        #expect(result.lines == [])
        #expect(try #require(result.cohort).cases[0].summary == "Fictional\ntext, on two lines.")
        // A blank row 3 is skipped, so C02 is on row 4.
        let broken = TestCohort.load(
            TestCohort.csvFiles(replacing: "Fictional text.\n", with: "Fictional text.\n\n")
                .mapValues { $0.replacingOccurrences(of: "C02,A02,scr", with: "C02,A02,xyz") })
        #expect(
            broken.lines == [
                #"Inputs/cases.csv:row 4, column local_review, case C02: "xyz" is not a valid value; expected one of: none, scr, lcspr"#
            ])
    }

    @Test func unclosedQuoteAndTextAfterAQuote() {
        #expect(
            lines("\"Invented, with a comma, and a \"\"quote\"\".\"", "\"Invented") == [
                "Inputs/cases.csv:row 3, column summary: a quoted cell is not closed before the end of the file"
            ])
        #expect(
            lines("\"Invented, with a comma, and a \"\"quote\"\".\"", "\"Invented\" later") == [
                #"Inputs/cases.csv:row 3, column summary: text follows the closing quote of a quoted cell; write a quote inside a quoted cell as two quotes ("")"#
            ])
    }

    @Test func controlCharacterInACell() {
        #expect(
            lines("Fictional text.", "\"Fictional\rtext\"") == [
                "Inputs/cases.csv:row 2, column summary, case C01: contains a control character (U+000D) at character 10; only tab and line breaks are allowed"
            ])
    }

    @Test func booleansInAnyLetterCase() throws {
        let result = TestCohort.load(TestCohort.csvFiles(replacing: "Asian,0,yes,NO,False", with: "Asian,0,Yes,nO,FALSE"))
        #expect(result.lines == [])
        let child = try #require(result.cohort).cases[1].child
        #expect(child.premature && !child.feedingDifficulties && !child.weightLoss)
    }
}

/// The CSV reader on its own.
@Suite struct CSVReaderTests {
    @Test func readsRFC4180() throws {
        let (table, problems) = CSVReader.read("a,b\r\n1,\"x,\"\"y\"\"\"\r\n\r\n\"\",2", file: "t.csv")
        #expect(problems == [])
        let t = try #require(table)
        #expect(t.header == ["a", "b"])
        #expect(t.rows == [CSVTable.Row(number: 2, cells: ["1", "x,\"y\""]), CSVTable.Row(number: 4, cells: ["", "2"])])
        #expect(t.dataRowCount == 2)
    }

    @Test func emptyFile() {
        #expect(
            CSVReader.read("", file: "t.csv").diagnostics.map(\.description) == [
                "t.csv: the file is empty; expected a header row and one row per case"
            ])
    }

    @Test func dottedHeadersBecomeNestedMappings() throws {
        let (table, _) = CSVReader.read("id,child.sex,child.age_months\nC1,male,\n", file: "t.csv")
        let t = try #require(table)
        let tree = t.tree(for: t.rows[0], columns: [0, 1, 2])
        #expect(
            tree["child"]?["sex"]
                == LocatedValue(.scalar("male", .cell), at: SourceLocation(file: "t.csv", position: .csvCell(row: 2, column: "child.sex"))))
        #expect(tree["child"]?["age_months"] == nil)
    }
}

@Suite struct CSVSeparatorTests {
    @Test func aSemicolonSeparatedExportIsExplained() {
        let (table, diagnostics) = CSVReader.read("id;area;local_review\nC01;A01;none\n", file: "Inputs/cases.csv")
        #expect(table == nil)
        #expect(
            diagnostics.map(\.description) == [
                #"Inputs/cases.csv:row 1: the header is one column with semicolons in it: the file seems to separate cells with semicolons; save it as "CSV UTF-8 (comma delimited)""#
            ])
    }
}
