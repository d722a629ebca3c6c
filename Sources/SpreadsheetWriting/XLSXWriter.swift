import XMLWriter

/// A ``Spreadsheet`` as an Office Open XML workbook (`.xlsx`): every part written
/// through ``XMLWriter``, zipped by ``ZipPackage``.
///
/// Each table is a table part (`xl/tables/tableN.xml`) named after its sheet, whose
/// columns are named by the header row; text is in the shared strings, numbers are
/// numeric cells; links in the contents are internal hyperlinks to a sheet's A1.
/// The document properties carry the title, the publisher and the publication date
/// (as both created and modified), and nothing else.
public enum XLSXWriter {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let contentTypes = "http://schemas.openxmlformats.org/package/2006/content-types"
    static let spreadsheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml"

    /// Cell formats (`cellXfs`): 0 plain, 1 bold (a header), 2 a sheet's title, 3 a link.
    enum Style: Int {
        case plain = 0
        case header, title, link
    }

    public static func data(_ book: Spreadsheet) throws -> [UInt8] {
        try book.check()
        var strings = SharedStrings()
        var sheetParts: [[UInt8]] = []
        for sheet in book.sheets { sheetParts.append(try sheetPart(sheet, strings: &strings)) }
        let tabled = book.sheets.enumerated().filter { $0.element.table != nil }.map(\.offset)
        var parts: [(path: String, bytes: [UInt8])] = [
            ("[Content_Types].xml", try contentTypesPart(book, tabled: tabled)),
            (
                "_rels/.rels",
                try relationships([
                    ("rId1", "\(officeRelationships)/officeDocument", "xl/workbook.xml"),
                    ("rId2", "\(packageRelationships)/metadata/core-properties", "docProps/core.xml"),
                    ("rId3", "\(officeRelationships)/extended-properties", "docProps/app.xml"),
                ])
            ),
            ("docProps/core.xml", try corePart(book)),
            ("docProps/app.xml", try appPart()),
            ("xl/workbook.xml", try workbookPart(book)),
            (
                "xl/_rels/workbook.xml.rels",
                try relationships(
                    book.sheets.indices.map { ("rId\($0 + 1)", "\(officeRelationships)/worksheet", "worksheets/sheet\($0 + 1).xml") }
                        + [
                            ("rId\(book.sheets.count + 1)", "\(officeRelationships)/styles", "styles.xml"),
                            ("rId\(book.sheets.count + 2)", "\(officeRelationships)/sharedStrings", "sharedStrings.xml"),
                        ])
            ),
            ("xl/styles.xml", try stylesPart()),
        ]
        for (index, bytes) in sheetParts.enumerated() { parts.append(("xl/worksheets/sheet\(index + 1).xml", bytes)) }
        for (number, index) in tabled.enumerated() {
            parts.append(
                (
                    "xl/worksheets/_rels/sheet\(index + 1).xml.rels",
                    try relationships([("rId1", "\(officeRelationships)/table", "../tables/table\(number + 1).xml")])
                ))
            parts.append(("xl/tables/table\(number + 1).xml", try tablePart(book.sheets[index], id: number + 1)))
        }
        parts.append(("xl/sharedStrings.xml", try strings.part()))
        return try ZipPackage.archive(parts)
    }

    /// Text cells' strings, each once, in order of first use.
    struct SharedStrings {
        var list: [String] = []
        var index: [String: Int] = [:]
        var uses = 0
        mutating func id(_ text: String) -> Int {
            uses += 1
            if let id = index[text] { return id }
            index[text] = list.count
            list.append(text)
            return list.count - 1
        }
        func part() throws -> [UInt8] {
            let w = try XMLWriter(kind: .xml(root: "sst"))
            try w.element("sst", ["xmlns": main, "count": "\(uses)", "uniqueCount": "\(list.count)"]) {
                for text in list {
                    try w.element("si") { try w.element("t", ["xml:space": "preserve"], text: XLSXWriter.escaped(text)) }
                }
            }
            return Array(try w.finish().utf8)
        }
    }

    /// A literal "_x" is written "_x005F_x", so that text such as "_x0041_" is not
    /// read back as the escape of another character.
    static func escaped(_ text: String) -> String { text.replacingOccurrences(of: "_x", with: "_x005F_x") }

    private static func contentTypesPart(_ book: Spreadsheet, tabled: [Int]) throws -> [UInt8] {
        let w = try XMLWriter(kind: .xml(root: "Types"))
        try w.element("Types", ["xmlns": contentTypes]) {
            try w.element("Default", ["Extension": "rels", "ContentType": "application/vnd.openxmlformats-package.relationships+xml"])
            try w.element("Default", ["Extension": "xml", "ContentType": "application/xml"])
            func override(_ part: String, _ type: String) throws { try w.element("Override", ["PartName": part, "ContentType": type]) }
            try override("/xl/workbook.xml", "\(spreadsheetType).sheet.main+xml")
            for index in book.sheets.indices { try override("/xl/worksheets/sheet\(index + 1).xml", "\(spreadsheetType).worksheet+xml") }
            for number in tabled.indices { try override("/xl/tables/table\(number + 1).xml", "\(spreadsheetType).table+xml") }
            try override("/xl/styles.xml", "\(spreadsheetType).styles+xml")
            try override("/xl/sharedStrings.xml", "\(spreadsheetType).sharedStrings+xml")
            try override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
            try override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
        }
        return Array(try w.finish().utf8)
    }

    private static func relationships(_ items: [(id: String, type: String, target: String)]) throws -> [UInt8] {
        let w = try XMLWriter(kind: .xml(root: "Relationships"))
        try w.element("Relationships", ["xmlns": packageRelationships]) {
            for item in items { try w.element("Relationship", ["Id": item.id, "Type": item.type, "Target": item.target]) }
        }
        return Array(try w.finish().utf8)
    }

    /// Title, creator, language and the fixed date; no user name, no editing time.
    private static func corePart(_ book: Spreadsheet) throws -> [UInt8] {
        let w = try XMLWriter(kind: .xml(root: "cp:coreProperties"))
        try w.element(
            "cp:coreProperties",
            [
                "xmlns:cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
                "xmlns:dc": "http://purl.org/dc/elements/1.1/", "xmlns:dcterms": "http://purl.org/dc/terms/",
                "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            ]
        ) {
            try w.element("dc:title", text: book.title)
            try w.element("dc:creator", text: book.creator)
            try w.element("dc:language", text: "en-GB")
            try w.element("dcterms:created", ["xsi:type": "dcterms:W3CDTF"], text: "\(book.date)T00:00:00Z")
            try w.element("dcterms:modified", ["xsi:type": "dcterms:W3CDTF"], text: "\(book.date)T00:00:00Z")
        }
        return Array(try w.finish().utf8)
    }

    private static func appPart() throws -> [UInt8] {
        let w = try XMLWriter(kind: .xml(root: "Properties"))
        try w.element("Properties", ["xmlns": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"]) {
            try w.element("Application", text: "panel-report")
        }
        return Array(try w.finish().utf8)
    }

    private static func workbookPart(_ book: Spreadsheet) throws -> [UInt8] {
        let w = try XMLWriter(kind: .xml(root: "workbook"))
        try w.element("workbook", ["xmlns": main, "xmlns:r": officeRelationships]) {
            try w.element("sheets") {
                for (index, sheet) in book.sheets.enumerated() {
                    try w.element("sheet", ["name": sheet.name, "sheetId": "\(index + 1)", "r:id": "rId\(index + 1)"])
                }
            }
        }
        return Array(try w.finish().utf8)
    }

    /// Fonts: 0 plain, 1 bold, 2 bold and larger (titles), 3 underlined (links, which
    /// are also blue: the underline, not the colour, says it is a link).
    private static func stylesPart() throws -> [UInt8] {
        let w = try XMLWriter(kind: .xml(root: "styleSheet"))
        try w.element("styleSheet", ["xmlns": main]) {
            try w.element("fonts", ["count": "4"]) {
                func font(bold: Bool = false, size: String = "12", underline: Bool = false) throws {
                    try w.element("font") {
                        if bold { try w.element("b") }
                        if underline {
                            try w.element("u")
                            try w.element("color", ["rgb": "FF1D70B8"])
                        }
                        try w.element("sz", ["val": size])
                        try w.element("name", ["val": "Arial"])
                    }
                }
                try font()
                try font(bold: true)
                try font(bold: true, size: "16")
                try font(underline: true)
            }
            try w.element("fills", ["count": "2"]) {
                try w.element("fill") { try w.element("patternFill", ["patternType": "none"]) }
                try w.element("fill") { try w.element("patternFill", ["patternType": "gray125"]) }
            }
            try w.element("borders", ["count": "1"]) { try w.element("border") }
            try w.element("cellStyleXfs", ["count": "1"]) {
                try w.element("xf", ["numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0"])
            }
            try w.element("cellXfs", ["count": "4"]) {
                for font in 0..<4 {
                    try w.element(
                        "xf",
                        attributes: [("numFmtId", "0"), ("fontId", "\(font)"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0")]
                            + (font == 0 ? [] : [("applyFont", "1")]))
                }
            }
            try w.element("cellStyles", ["count": "1"]) { try w.element("cellStyle", ["name": "Normal", "xfId": "0", "builtinId": "0"]) }
        }
        return Array(try w.finish().utf8)
    }

    /// A sheet: its columns' widths, the title in A1, the lines, the table; then the
    /// contents' hyperlinks and the table part.
    private static func sheetPart(_ sheet: Spreadsheet.Sheet, strings: inout SharedStrings) throws -> [UInt8] {
        var links: [(cell: String, sheet: String, text: String)] = []
        let w = try XMLWriter(kind: .xml(root: "worksheet"))
        try w.element("worksheet", ["xmlns": main, "xmlns:r": officeRelationships]) {
            try w.element("cols") {
                for (index, width) in sheet.columnWidths.enumerated() {
                    try w.element("col", ["min": "\(index + 1)", "max": "\(index + 1)", "width": "\(width)", "customWidth": "1"])
                }
            }
            try w.element("sheetData") {
                func row(_ number: Int, _ cells: [Spreadsheet.Cell], style: Style) throws {
                    try w.element("row", ["r": "\(number)"]) {
                        for (column, cell) in cells.enumerated() {
                            let reference = Spreadsheet.letters(column) + "\(number)"
                            switch cell {
                            case .number(let n):
                                try w.element("c", ["r": reference, "s": "\(style.rawValue)"]) { try w.element("v", text: String(n)) }
                            case .text(let text):
                                let id = strings.id(text)
                                try w.element("c", ["r": reference, "s": "\(style.rawValue)", "t": "s"]) {
                                    try w.element("v", text: "\(id)")
                                }
                            case .link(let text, let target):
                                links.append((reference, target, text))
                                let id = strings.id(text)
                                try w.element("c", ["r": reference, "s": "\(Style.link.rawValue)", "t": "s"]) {
                                    try w.element("v", text: "\(id)")
                                }
                            }
                        }
                    }
                }
                try row(1, [.text(sheet.heading)], style: .title)
                for (index, line) in sheet.lines.enumerated() { try row(index + 2, [line], style: .plain) }
                if let table = sheet.table {
                    try row(sheet.headerRow, table.header.map(Spreadsheet.Cell.text), style: .header)
                    for (index, cells) in table.rows.enumerated() { try row(sheet.headerRow + 1 + index, cells, style: .plain) }
                }
            }
            if !links.isEmpty {
                try w.element("hyperlinks") {
                    for link in links {
                        try w.element("hyperlink", ["ref": link.cell, "location": "'\(link.sheet)'!A1", "display": link.text])
                    }
                }
            }
            if sheet.table != nil { try w.element("tableParts", ["count": "1"]) { try w.element("tablePart", ["r:id": "rId1"]) } }
        }
        return Array(try w.finish().utf8)
    }

    /// The table part: named after the sheet, its range from the header to the last
    /// row, its columns named as the header cells are.
    private static func tablePart(_ sheet: Spreadsheet.Sheet, id: Int) throws -> [UInt8] {
        let table = sheet.table!
        let range = "A\(sheet.headerRow):\(Spreadsheet.letters(table.header.count - 1))\(sheet.headerRow + table.rows.count)"
        let w = try XMLWriter(kind: .xml(root: "table"))
        try w.element(
            "table",
            [
                "xmlns": main, "id": "\(id)", "name": sheet.name, "displayName": sheet.name, "ref": range,
                "headerRowCount": "1", "totalsRowShown": "0",
            ]
        ) {
            try w.element("tableColumns", ["count": "\(table.header.count)"]) {
                for (index, name) in table.header.enumerated() { try w.element("tableColumn", ["id": "\(index + 1)", "name": name]) }
            }
            try w.element(
                "tableStyleInfo",
                [
                    "name": "TableStyleLight1", "showFirstColumn": "0", "showLastColumn": "0", "showRowStripes": "0",
                    "showColumnStripes": "0",
                ])
        }
        return Array(try w.finish().utf8)
    }
}
