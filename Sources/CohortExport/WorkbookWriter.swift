import CaseLoading
import Foundation
import XMLWriter
import ZIPFoundation

/// The cohort as an Office Open XML workbook: a `cases` sheet and, when the cohort
/// records learning points, a `learning` sheet, laid out like the CSV files. Every
/// part is written through ``XMLWriter`` (kind `.xml`) and zipped with ZIPFoundation
/// in memory. Text cells are inline strings, numbers and booleans are typed cells,
/// the header row is bold and frozen. The archive is the same bytes for the same
/// cohort (fixed entry dates).
enum WorkbookWriter {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let contentTypes = "http://schemas.openxmlformats.org/package/2006/content-types"

    static func workbook(_ table: CaseTable, learning: Bool) throws -> [UInt8] {
        var sheets: [(name: String, header: [String], rows: [[SheetValue]])] = [("cases", table.casesHeader, table.cases)]
        if learning { sheets.append(("learning", table.learningHeader, table.learning)) }
        let small: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array(try contentTypesPart(sheetCount: sheets.count).utf8)),
            ("_rels/.rels", Array(try relationships([("rId1", "\(officeRelationships)/officeDocument", "xl/workbook.xml")]).utf8)),
            ("xl/workbook.xml", Array(try workbookPart(sheets.map(\.name)).utf8)),
            (
                "xl/_rels/workbook.xml.rels",
                Array(
                    try relationships(
                        sheets.indices.map { ("rId\($0 + 1)", "\(officeRelationships)/worksheet", "worksheets/sheet\($0 + 1).xml") }
                            + [("rId\(sheets.count + 1)", "\(officeRelationships)/styles", "styles.xml")]
                    ).utf8)
            ),
            ("xl/styles.xml", Array(try stylesPart().utf8)),
        ]
        let archive = try Archive(data: Data(), accessMode: .create)
        // A fixed date, so that the same cohort gives the same bytes.
        let date = Date(timeIntervalSince1970: 946_684_800)
        for (path, bytes) in small {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: date,
                compressionMethod: .deflate
            ) { position, size in
                Data(bytes[Int(position)..<(Int(position) + size)])
            }
        }
        for (index, sheet) in sheets.enumerated() {
            let bytes = try sheetPart(sheet.header, sheet.rows)
            try archive.addEntry(
                with: "xl/worksheets/sheet\(index + 1).xml", type: .file, uncompressedSize: Int64(bytes.count),
                modificationDate: date, compressionMethod: .deflate
            ) { position, size in
                Data(bytes[Int(position)..<(Int(position) + size)])
            }
        }
        guard let data = archive.data else { throw CohortExport.Refusal("the workbook could not be assembled in memory") }
        return [UInt8](data)
    }

    private static func contentTypesPart(sheetCount: Int) throws -> String {
        let w = try XMLWriter(kind: .xml(root: "Types"))
        try w.element("Types", ["xmlns": contentTypes]) {
            try w.element("Default", ["Extension": "rels", "ContentType": "application/vnd.openxmlformats-package.relationships+xml"])
            try w.element("Default", ["Extension": "xml", "ContentType": "application/xml"])
            try w.element(
                "Override",
                [
                    "PartName": "/xl/workbook.xml",
                    "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                ])
            for index in 1...sheetCount {
                try w.element(
                    "Override",
                    [
                        "PartName": "/xl/worksheets/sheet\(index).xml",
                        "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
                    ])
            }
            try w.element(
                "Override",
                [
                    "PartName": "/xl/styles.xml",
                    "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
                ])
        }
        return try w.finish()
    }

    private static func relationships(_ items: [(id: String, type: String, target: String)]) throws -> String {
        let w = try XMLWriter(kind: .xml(root: "Relationships"))
        try w.element("Relationships", ["xmlns": packageRelationships]) {
            for item in items {
                try w.element("Relationship", ["Id": item.id, "Type": item.type, "Target": item.target])
            }
        }
        return try w.finish()
    }

    private static func workbookPart(_ names: [String]) throws -> String {
        let w = try XMLWriter(kind: .xml(root: "workbook"))
        try w.element("workbook", ["xmlns": main, "xmlns:r": officeRelationships]) {
            try w.element("sheets") {
                for (index, name) in names.enumerated() {
                    try w.element("sheet", ["name": name, "sheetId": "\(index + 1)", "r:id": "rId\(index + 1)"])
                }
            }
        }
        return try w.finish()
    }

    /// Two cell formats: 0 plain, 1 bold (the header).
    private static func stylesPart() throws -> String {
        let w = try XMLWriter(kind: .xml(root: "styleSheet"))
        try w.element("styleSheet", ["xmlns": main]) {
            try w.element("fonts", ["count": "2"]) {
                try w.element("font") {
                    try w.element("sz", ["val": "11"])
                    try w.element("name", ["val": "Calibri"])
                }
                try w.element("font") {
                    try w.element("b")
                    try w.element("sz", ["val": "11"])
                    try w.element("name", ["val": "Calibri"])
                }
            }
            try w.element("fills", ["count": "2"]) {
                try w.element("fill") { try w.element("patternFill", ["patternType": "none"]) }
                try w.element("fill") { try w.element("patternFill", ["patternType": "gray125"]) }
            }
            try w.element("borders", ["count": "1"]) { try w.element("border") }
            try w.element("cellStyleXfs", ["count": "1"]) {
                try w.element("xf", ["numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0"])
            }
            try w.element("cellXfs", ["count": "2"]) {
                try w.element("xf", ["numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0"])
                try w.element("xf", ["numFmtId": "0", "fontId": "1", "fillId": "0", "borderId": "0", "xfId": "0", "applyFont": "1"])
            }
            try w.element("cellStyles", ["count": "1"]) {
                try w.element("cellStyle", ["name": "Normal", "xfId": "0", "builtinId": "0"])
            }
        }
        return try w.finish()
    }

    /// A sheet's XML: the frozen header row in bold, then a row for each of `rows`.
    static func sheetPart(_ header: [String], _ rows: [[SheetValue]]) throws -> [UInt8] {
        let w = try XMLWriter(kind: .xml(root: "worksheet"))
        try w.element("worksheet", ["xmlns": main]) {
            try w.element("sheetViews") {
                try w.element("sheetView", ["workbookViewId": "0"]) {
                    try w.element("pane", ["ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft", "state": "frozen"])
                }
            }
            try w.element("sheetData") {
                try row(w, 1, header.map { SheetValue.text($0) }, style: "1")
                for (index, cells) in rows.enumerated() { try row(w, index + 2, cells, style: nil) }
            }
        }
        return Array(try w.finish().utf8)
    }

    /// `<row r="n">` and its cells; an empty cell is left out.
    private static func row(_ w: XMLWriter, _ number: Int, _ cells: [SheetValue], style: String?) throws {
        try w.element("row", ["r": "\(number)"]) {
            for (column, value) in cells.enumerated() {
                var attributes = [("r", CSVTable.letters(column) + "\(number)")]
                if let style { attributes.append(("s", style)) }
                switch value {
                case .empty:
                    continue
                case .text(let text):
                    try w.element("c", attributes: attributes + [("t", "inlineStr")]) {
                        // A literal "_x" is written "_x005F_x", so that text such as "_x0041_"
                        // is not read back as the escape of another character.
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
}
