import CaseLoading
import Foundation
import XMLWriter
import ZIPFoundation

/// The cohort as an Office Open XML workbook: a `cases` sheet and, when the cohort
/// records learning points, a `learning` sheet, laid out like the CSV files. Every
/// part is written through ``XMLWriter`` (kind `.xml`) and zipped with ZIPFoundation
/// in memory. Text cells are inline strings, numbers and booleans are typed cells,
/// the header row is bold and frozen, columns are as wide as what they hold, and
/// each column offers its note and (when coded) its drop-down list (``WorkbookHelp``). The archive is the same bytes for the same
/// cohort (fixed entry dates).
enum WorkbookWriter {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let contentTypes = "http://schemas.openxmlformats.org/package/2006/content-types"

    /// A sheet to write: its rows, and the lists and notes its columns offer.
    struct Sheet {
        var name: String
        var header: [String]
        var rows: [[SheetValue]]
        var lists: [String: WorkbookHelp.List] = [:]
        var notes: [String: (title: String, text: String)] = [:]
    }

    static func workbook(_ table: CaseTable, learning: Bool, help: WorkbookHelp) throws -> [UInt8] {
        var sheets = [Sheet(name: "cases", header: table.casesHeader, rows: table.cases, lists: help.lists, notes: help.notes)]
        if learning {
            sheets.append(
                Sheet(name: "learning", header: table.learningHeader, rows: table.learning, lists: help.learningLists, notes: help.notes))
        }
        sheets.append(Sheet(name: "codes", header: help.codes.header, rows: help.codes.rows))
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
            let bytes = try sheetPart(sheet)
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

    /// The rows a column's list and note cover: every row below the header that a sheet can have.
    static let lastRow = 1_048_576

    /// A sheet's XML: the frozen header row in bold, columns wide enough for what
    /// they hold, a row for each of `rows`, then each column's drop-down list and note.
    static func sheetPart(_ sheet: Sheet) throws -> [UInt8] {
        let w = try XMLWriter(kind: .xml(root: "worksheet"))
        try w.element("worksheet", ["xmlns": main]) {
            try w.element("sheetViews") {
                try w.element("sheetView", ["workbookViewId": "0"]) {
                    try w.element("pane", ["ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft", "state": "frozen"])
                }
            }
            try w.element("cols") {
                for (index, width) in widths(sheet).enumerated() {
                    try w.element(
                        "col", ["min": "\(index + 1)", "max": "\(index + 1)", "width": "\(width)", "customWidth": "1"])
                }
            }
            try w.element("sheetData") {
                try row(w, 1, sheet.header.map { SheetValue.text($0) }, style: "1")
                for (index, cells) in sheet.rows.enumerated() { try row(w, index + 2, cells, style: nil) }
            }
            let helped = sheet.header.enumerated().filter { sheet.lists[$0.element] != nil || sheet.notes[$0.element] != nil }
            guard !helped.isEmpty else { return }
            try w.element("dataValidations", ["count": "\(helped.count)"]) {
                for (index, name) in helped {
                    let letters = CSVTable.letters(index)
                    var attributes = [("allowBlank", "1")]
                    if sheet.lists[name] != nil {
                        attributes = [("type", "list")] + attributes + [("showErrorMessage", "1")]
                    }
                    if let note = sheet.notes[name] {
                        attributes += [("showInputMessage", "1"), ("promptTitle", note.title), ("prompt", note.text)]
                    }
                    if sheet.lists[name] != nil {
                        attributes += [
                            ("errorTitle", "Not in the list"),
                            ("error", "Choose a value from the list: the report accepts only these (see the codes sheet)."),
                        ]
                    }
                    attributes.append(("sqref", "\(letters)2:\(letters)\(lastRow)"))
                    try w.element("dataValidation", attributes: attributes) {
                        if let list = sheet.lists[name] { try w.element("formula1", text: list.formula) }
                    }
                }
            }
        }
        return Array(try w.finish().utf8)
    }

    /// Each column's width in characters: its longest value or header, plus room
    /// for the drop-down arrow, from 8 to 60 (a longer text wraps in the cell when edited).
    static func widths(_ sheet: Sheet) -> [Int] {
        sheet.header.enumerated().map { index, name in
            let longest = sheet.rows.reduce(name.count) { longest, cells in
                guard index < cells.count else { return longest }
                return max(longest, cells[index].csvText.count)
            }
            return min(max(longest + 3, 8), 60)
        }
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
