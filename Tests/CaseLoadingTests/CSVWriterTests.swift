import CaseLoading
import Testing

/// The one CSV writer: what `convert` writes reads back exactly, and published cells are formula-safe.
@Suite struct CSVWriterTests {
    static let awkward = [
        "plain", "a, b", "the \"other\" carer", "\"\u{301}, é", "line\nbreak", " padded ", "-1", "=SUM(A1)", "@x", "", "naïve",
    ]

    @Test func convertCellsReadBackAsTheyWere() throws {
        let header = CSVWriter.line(["id", "text"].map { CSVWriter.cell($0, formulaSafe: false) })
        let rows = Self.awkward.enumerated().map { CSVWriter.line([String($0.offset), CSVWriter.cell($0.element, formulaSafe: false)]) }
        let (table, diagnostics) = CSVReader.read(header + rows.joined(), file: "t.csv")
        #expect(diagnostics.isEmpty)
        #expect(try #require(table).rows.map { $0.cells[1] } == Self.awkward)
    }

    @Test func onlyWhatNeedsQuotesIsQuoted() {
        #expect(CSVWriter.cell("plain", formulaSafe: false) == "plain")
        #expect(CSVWriter.cell("-1", formulaSafe: false) == "-1")
        #expect(CSVWriter.cell(" padded", formulaSafe: false) == "\" padded\"")
        #expect(CSVWriter.cell("\"\u{301}", formulaSafe: false) == "\"\"\"\u{301}\"")
        #expect(CSVWriter.cell("-1", formulaSafe: true) == "\"'-1\"")
        #expect(CSVWriter.line(["a", "1"]) == "a,1\n")
    }
}
