import Foundation
import Testing
import ZIPFoundation

@testable import SpreadsheetWriting

/// A small book with every kind of cell: a cover, contents with a link, notes and one table.
let sampleBook = Spreadsheet(
    title: "A review & its tables", creator: "A panel", date: "2021-09-15",
    sheets: [
        Spreadsheet.Sheet(name: "Cover", title: "A review & its tables", lines: [.text("Contact: a@example.org")]),
        Spreadsheet.Sheet(
            name: "Contents", title: "Contents", lines: [.text("One table.")],
            table: Spreadsheet.Table(header: ["Sheet name", "Table title"], rows: [[.link("Figure_1", sheet: "Figure_1"), .text("Sex")]])),
        Spreadsheet.Sheet(
            name: "Notes", title: "Notes",
            table: Spreadsheet.Table(header: ["Note number", "Note text"], rows: [[.text("[note 1]"), .text("[c]: withheld")]])),
        Spreadsheet.Sheet(
            name: "Figure_1", title: "Figure 1: Sex", notes: ["[note 1]"], lines: [.text("Notes are on the Notes sheet.")],
            table: Spreadsheet.Table(
                header: ["Sex", "Babies", "Share of 23 (%)"],
                rows: [[.text("Male"), .number(21), .number(91)], [.text("Female"), .text("[c]"), .text("[c]")]])),
    ])

/// Every part of a zip archive, by path, in the archive's order.
func parts(_ bytes: [UInt8]) throws -> [(path: String, text: String, method: CompressionMethod)] {
    let archive = try Archive(data: Data(bytes), accessMode: .read)
    return try archive.map { entry in
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        let method: CompressionMethod = entry.isCompressed ? .deflate : .none
        return (entry.path, String(decoding: data, as: UTF8.self), method)
    }
}

@Suite struct SpreadsheetWriterTests {
    @Test func theSameBookGivesTheSameBytes() throws {
        #expect(try XLSXWriter.data(sampleBook) == XLSXWriter.data(sampleBook))
        #expect(try ODSWriter.data(sampleBook) == ODSWriter.data(sampleBook))
    }

    @Test func theODSFileStartsWithItsTypeStored() throws {
        let ods = try parts(ODSWriter.data(sampleBook))
        #expect(ods.first?.path == "mimetype")
        #expect(ods.first?.text == "application/vnd.oasis.opendocument.spreadsheet")
        #expect(ods.first?.method == CompressionMethod.none)
        #expect(ods.map(\.path) == ["mimetype", "META-INF/manifest.xml", "meta.xml", "styles.xml", "content.xml"])
    }

    @Test func eachTableIsANamedDatabaseRangeInTheODSFile() throws {
        let content = try #require(try parts(ODSWriter.data(sampleBook)).first { $0.path == "content.xml" }).text
        #expect(
            content.contains(
                "<table:database-range table:name=\"Figure_1\" table:target-range-address=\"Figure_1.A3:Figure_1.C5\" table:contains-header=\"true\"/>"
            ))
        #expect(content.contains("<table:database-range table:name=\"Contents\" table:target-range-address=\"Contents.A3:Contents.B4\""))
        // A number is a float cell; a withheld one is text, with no value behind it.
        #expect(
            content.contains("<table:table-cell office:value-type=\"float\" office:value=\"21\"><text:p>21</text:p></table:table-cell>"))
        #expect(content.contains("<table:table-cell office:value-type=\"string\"><text:p>[c]</text:p></table:table-cell>"))
        #expect(content.contains("<text:a xlink:type=\"simple\" xlink:href=\"#Figure_1.A1\">Figure_1</text:a>"))
        #expect(!content.contains("formula"))
    }

    @Test func eachTableIsATablePartInTheXLSXFile() throws {
        let xlsx = try parts(XLSXWriter.data(sampleBook))
        let table = try #require(xlsx.first { $0.path == "xl/tables/table3.xml" }).text
        #expect(table.contains("name=\"Figure_1\" displayName=\"Figure_1\" ref=\"A3:C5\" headerRowCount=\"1\""))
        #expect(table.contains("<tableColumn id=\"3\" name=\"Share of 23 (%)\"/>"))
        let sheet = try #require(xlsx.first { $0.path == "xl/worksheets/sheet4.xml" }).text
        #expect(sheet.contains("<c r=\"B4\" s=\"0\"><v>21</v></c>"))
        #expect(sheet.contains("<tableParts count=\"1\"><tablePart r:id=\"rId1\"/></tableParts>"))
        // The cover has no table, so no table part and no relationships.
        #expect(!xlsx.contains { $0.path == "xl/worksheets/_rels/sheet1.xml.rels" })
        let contents = try #require(xlsx.first { $0.path == "xl/worksheets/sheet2.xml" }).text
        #expect(contents.contains("<hyperlink ref=\"A4\" location=\"'Figure_1'!A1\" display=\"Figure_1\"/>"))
        #expect(!xlsx.contains { $0.text.contains("<f>") || $0.text.contains("<f ") })
        let core = try #require(xlsx.first { $0.path == "docProps/core.xml" }).text
        #expect(core.contains("<dc:title>A review &amp; its tables</dc:title><dc:creator>A panel</dc:creator>"))
        #expect(core.contains(">2021-09-15T00:00:00Z</dcterms:created>"))
    }

    @Test(arguments: [
        ("Figure 1", "sheet name \"Figure 1\" is not 1 to 31 letters, digits or _ starting with a letter"),
        ("1Figure", "sheet name \"1Figure\" is not 1 to 31 letters, digits or _ starting with a letter"),
        ("notes", "two sheets are named \"notes\""),
    ])
    func aBadSheetNameIsRefused(name: String, message: String) {
        var book = sampleBook
        book.sheets[3].name = name
        book.sheets[1].table!.rows[0][0] = .link(name, sheet: name)
        #expect(throws: Spreadsheet.Problem(description: message)) { try XLSXWriter.data(book) }
        #expect(throws: Spreadsheet.Problem(description: message)) { try ODSWriter.data(book) }
    }

    @Test func aTableThatIsNotATableIsRefused() {
        var blank = sampleBook
        blank.sheets[3].table!.rows[1][1] = .text("")
        #expect(throws: Spreadsheet.Problem.self) { try ODSWriter.data(blank) }
        var short = sampleBook
        short.sheets[3].table!.rows[1].removeLast()
        #expect(throws: Spreadsheet.Problem.self) { try XLSXWriter.data(short) }
        var twice = sampleBook
        twice.sheets[3].table!.header[2] = "babies"
        #expect(throws: Spreadsheet.Problem.self) { try XLSXWriter.data(twice) }
        var empty = sampleBook
        empty.sheets[3].table!.rows = []
        #expect(throws: Spreadsheet.Problem.self) { try ODSWriter.data(empty) }
        var lost = sampleBook
        lost.sheets[1].table!.rows[0][0] = .link("Figure_9", sheet: "Figure_9")
        #expect(throws: Spreadsheet.Problem(description: "sheet \"Contents\" links to a sheet \"Figure_9\" that does not exist")) {
            try ODSWriter.data(lost)
        }
    }

    @Test func columnsAreAsWideAsTheirWidestCell() {
        #expect(sampleBook.sheets[3].columnWidths == [8, 8, 17])
        #expect(sampleBook.sheets[0].columnWidths == [22])
        #expect(ODSWriter.centimetres(17) == "3.940cm")
        #expect(Spreadsheet.letters(0) == "A" && Spreadsheet.letters(25) == "Z" && Spreadsheet.letters(26) == "AA")
    }
}
