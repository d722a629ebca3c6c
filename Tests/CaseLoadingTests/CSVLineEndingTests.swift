import CaseLoading
import CaseValidation
import Testing

/// A spreadsheet saved with old Mac line endings (CR only) is explained once.
@Suite struct CSVLineEndingTests {
    static let oldMac =
        "Inputs/cases.csv: the lines end with a carriage return only (old Mac line endings), so the file reads as one long row; save it as \"CSV UTF-8 (Comma delimited)\", or convert the line endings from CR to LF"

    @Test func crOnlyLineEndingsAreNamedOnce() {
        var files = TestCohort.csvFiles
        files["Inputs/cases.csv"] = TestCohort.csv.replacingOccurrences(of: "\n", with: "\r")
        #expect(TestCohort.load(files).lines == [Self.oldMac])
    }

    @Test func crOnlyAfterAQuotedHeaderCell() {
        var files = TestCohort.csvFiles
        files["Inputs/cases.csv"] = "\"id\"" + TestCohort.csv.dropFirst(2).replacingOccurrences(of: "\n", with: "\r")
        #expect(TestCohort.load(files).lines == [Self.oldMac])
    }

    @Test func crOnlyInsideAQuotedCellOfAnLFFileIsKept() throws {
        let result = TestCohort.load(TestCohort.csvFiles(replacing: "Fictional text.\n", with: "\"Fictional\rtext.\"\n"))
        // A lone CR inside a cell is a control character in the text, reported as such.
        #expect(
            result.lines == [
                "Inputs/cases.csv:row 2, column summary, case C01: contains a control character (U+000D) at character 10; only tab and line breaks are allowed"
            ])
    }
}
