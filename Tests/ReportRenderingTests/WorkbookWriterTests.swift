import CaseLoading
import Foundation
import Testing
import XMLWriter

@testable import CohortExport

/// A sheet's XML, as XMLWriter writes it: escaped, line breaks normalised, `_x` kept apart from OOXML's escapes.
@Suite struct WorkbookSheetWriterTests {
    @Test func cellsAreWrittenAsTheirTypes() throws {
        let rows: [[SheetValue]] = [[.text("a & b <\"c\">"), .number(-3), .boolean(true), .empty, .text("_x0041_\r\né")], []]
        let xml = String(decoding: try WorkbookWriter.sheetPart(.init(name: "cases", header: ["id", "n"], rows: rows)), as: UTF8.self)
        #expect(
            xml == """
                <?xml version="1.0" encoding="UTF-8"?>
                <worksheet xmlns="\(WorkbookWriter.main)"><sheetViews><sheetView workbookViewId="0">\
                <pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>\
                <cols><col min="1" max="1" width="14" customWidth="1"/><col min="2" max="2" width="8" customWidth="1"/></cols><sheetData>\
                <row r="1"><c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">id</t></is></c>\
                <c r="B1" s="1" t="inlineStr"><is><t xml:space="preserve">n</t></is></c></row>\
                <row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve">a &amp; b &lt;&quot;c&quot;&gt;</t></is></c>\
                <c r="B2"><v>-3</v></c><c r="C2" t="b"><v>1</v></c>\
                <c r="E2" t="inlineStr"><is><t xml:space="preserve">_x005F_x0041_
                é</t></is></c></row><row r="3"/></sheetData></worksheet>

                """)
    }

    @Test func aForbiddenCharacterIsRefusedWithXMLWritersError() {
        #expect(throws: XMLWriterError.illegalCharacter("\u{07}", place: .text, path: "/worksheet/sheetData/row/c/is/t")) {
            try WorkbookWriter.sheetPart(.init(name: "cases", header: ["h"], rows: [[.text("bell\u{07}")]]))
        }
    }
}
