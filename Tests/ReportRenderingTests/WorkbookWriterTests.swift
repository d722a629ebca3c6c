import CaseLoading
import Foundation
import PropertyBased
import Testing
import XMLWriter
@testable import CohortExport

/// A sheet is written straight into bytes (a cohort's sheet is 171 MB of XML at
/// 100,000 cases); the bytes are exactly what XMLWriter writes for the same cells.
@Suite struct WorkbookSheetWriterTests {
    /// The sheet as WorkbookWriter wrote it through XMLWriter before.
    private func throughXMLWriter(_ header: [String], _ rows: [[SheetValue]]) throws -> [UInt8] {
        let w = try XMLWriter(kind: .xml(root: "worksheet"))
        func row(_ number: Int, _ cells: [SheetValue], style: String?) throws {
            try w.element("row", ["r": "\(number)"]) {
                for (column, value) in cells.enumerated() {
                    var attributes = [("r", CSVTable.letters(column) + "\(number)")]
                    if let style { attributes.append(("s", style)) }
                    switch value {
                    case .empty: continue
                    case .text(let text):
                        try w.element("c", attributes: attributes + [("t", "inlineStr")]) {
                            let escaped = text.replacingOccurrences(of: "_x", with: "_x005F_x")
                            try w.element("is") { try w.element("t", ["xml:space": "preserve"], text: escaped) }
                        }
                    case .number(let number):
                        try w.element("c", attributes: attributes) { try w.element("v", text: String(number)) }
                    case .boolean(let flag):
                        try w.element("c", attributes: attributes + [("t", "b")]) { try w.element("v", text: flag ? "1" : "0") }
                    }
                }
            }
        }
        try w.element("worksheet", ["xmlns": WorkbookWriter.main]) {
            try w.element("sheetViews") {
                try w.element("sheetView", ["workbookViewId": "0"]) {
                    try w.element("pane", ["ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft", "state": "frozen"])
                }
            }
            try w.element("sheetData") {
                try row(1, header.map { SheetValue.text($0) }, style: "1")
                for (index, cells) in rows.enumerated() { try row(index + 2, cells, style: nil) }
            }
        }
        return Array(try w.finish().utf8)
    }

    private func direct(_ header: [String], _ rows: [[SheetValue]]) throws -> [UInt8] {
        try WorkbookWriter.sheetPart(header, rows)
    }

    @Test func theSheetMadeChunkByChunkIsTheWholeSheet() throws {
        let rows: [[SheetValue]] = (0..<300).map { [.text("case \($0) & \"more\" é"), .number($0), .boolean($0 % 2 == 0), .empty] }
        let whole = try direct(["id", "n", "b", "e"], rows)
        for size in [1, 7, 100, 4096, 1 << 20] {
            let source = WorkbookWriter.SheetSource(header: ["id", "n", "b", "e"], rows: rows)
            let count = try source.count()
            #expect(count == whole.count)
            var made: [UInt8] = []
            while made.count < count { made += try source.chunk(at: made.count, size: min(size, count - made.count)) }
            #expect(made == whole, "chunks of \(size)")
            // Asked for out of order, it refuses rather than give wrong bytes.
            #expect(throws: CohortExport.Refusal.self) { try source.chunk(at: 0, size: 1) }
        }
    }

    @Test func awkwardTextIsWrittenAsXMLWriterWritesIt() throws {
        let texts = ["", "plain", "a & b < c > d \"e\" 'f'", "line\r\nbreak\rand\nmore\n\r", "\ttab", "_x0041_ and _x", "é日本語🐣",
                     "\u{200D}\u{202E}", "\r", "\r\n", "]]>", "&amp;"]
        let rows: [[SheetValue]] = texts.map { [.text($0), .number(7), .boolean(true), .empty, .text($0), .number(-3), .boolean(false)] }
            + [[.empty, .empty], [], [.number(1_234_567_890)]]
        #expect(try direct(["id", "x"], rows) == throughXMLWriter(["id", "x"], rows))
    }

    @Test func randomCellsAreWrittenAsXMLWriterWritesThem() async {
        let pieces = ["a", "&", "<", ">", "\"", "'", "\r", "\n", "\t", "_x", "_", "x", "é", "🐣", " ", "\u{85}", "\u{2028}"]
        await propertyCheck(count: 200, input: Gen.int(in: 0...(pieces.count - 1)).array(of: 0...12).array(of: 0...6)) { picks in
            let rows: [[SheetValue]] = picks.map { cell in [.text(cell.map { pieces[$0] }.joined()), .number(cell.count)] }
            #expect((try? direct(["h"], rows)) == (try? throughXMLWriter(["h"], rows)))
        }
    }

    @Test func aForbiddenCharacterIsRefusedWithXMLWritersError() {
        let rows: [[SheetValue]] = [[.text("bell\u{07}")]]
        #expect(throws: XMLWriterError.illegalCharacter("\u{07}", place: .text, path: "/worksheet/sheetData/row/c/is/t")) {
            try direct(["h"], rows)
        }
        #expect(throws: XMLWriterError.illegalCharacter("\u{07}", place: .text, path: "/worksheet/sheetData/row/c/is/t")) {
            try throughXMLWriter(["h"], rows)
        }
    }
}
