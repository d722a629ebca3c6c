import XMLWriter

/// A ``Spreadsheet`` as an OpenDocument spreadsheet (`.ods`, ODF 1.3): every part
/// written through ``XMLWriter``, zipped by ``ZipPackage`` with `mimetype` first and
/// stored, as the standard requires.
///
/// Each table is a named database range (`table:database-range`, named after its
/// sheet, with a header row); numbers are `float` cells; links in the contents are
/// `text:a` links to a sheet's A1. `meta.xml` carries the title, the publisher and
/// the publication date, and nothing else.
public enum ODSWriter {
    static let mimeType = "application/vnd.oasis.opendocument.spreadsheet"
    static let namespaces: KeyValuePairs<String, String> = [
        "xmlns:office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "xmlns:style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
        "xmlns:text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "xmlns:table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "xmlns:fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
        "xmlns:xlink": "http://www.w3.org/1999/xlink",
        "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        "xmlns:meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
        "office:version": "1.3",
    ]

    public static func data(_ book: Spreadsheet) throws -> [UInt8] {
        try book.check()
        return try ZipPackage.archive(
            [
                ("mimetype", Array(mimeType.utf8)),
                ("META-INF/manifest.xml", try manifestPart()),
                ("meta.xml", try metaPart(book)),
                ("styles.xml", try stylesPart()),
                ("content.xml", try contentPart(book)),
            ], stored: ["mimetype"])
    }

    private static func manifestPart() throws -> [UInt8] {
        let w = try XMLWriter(kind: .xml(root: "manifest:manifest"))
        try w.element(
            "manifest:manifest", ["xmlns:manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0", "manifest:version": "1.3"]
        ) {
            try w.element("manifest:file-entry", ["manifest:full-path": "/", "manifest:version": "1.3", "manifest:media-type": mimeType])
            for part in ["meta.xml", "styles.xml", "content.xml"] {
                try w.element("manifest:file-entry", ["manifest:full-path": part, "manifest:media-type": "text/xml"])
            }
        }
        return Array(try w.finish().utf8)
    }

    private static func metaPart(_ book: Spreadsheet) throws -> [UInt8] {
        let w = try XMLWriter(kind: .xml(root: "office:document-meta"))
        try w.element("office:document-meta", namespaces) {
            try w.element("office:meta") {
                try w.element("meta:generator", text: "panel-report")
                try w.element("dc:title", text: book.title)
                try w.element("dc:creator", text: book.creator)
                try w.element("dc:language", text: "en-GB")
                try w.element("meta:creation-date", text: "\(book.date)T00:00:00")
                try w.element("dc:date", text: "\(book.date)T00:00:00")
            }
        }
        return Array(try w.finish().utf8)
    }

    /// The default cell style: Arial 12 pt, as the xlsx file uses.
    private static func stylesPart() throws -> [UInt8] {
        let w = try XMLWriter(kind: .xml(root: "office:document-styles"))
        try w.element("office:document-styles", namespaces) {
            try w.element("office:styles") {
                try w.element("style:default-style", ["style:family": "table-cell"]) {
                    try w.element("style:text-properties", ["style:font-name": "Arial", "fo:font-family": "Arial", "fo:font-size": "12pt"])
                }
            }
        }
        return Array(try w.finish().utf8)
    }

    /// Cell styles (`header` bold, `title` bold and larger) and a column style for
    /// every width used, named by its width (`w24`), so that the same book gives the same styles.
    private static func contentPart(_ book: Spreadsheet) throws -> [UInt8] {
        let widths = Set(book.sheets.flatMap(\.columnWidths)).sorted()
        let w = try XMLWriter(kind: .xml(root: "office:document-content"))
        try w.element("office:document-content", namespaces) {
            try w.element("office:automatic-styles") {
                for width in widths {
                    try w.element("style:style", ["style:name": "w\(width)", "style:family": "table-column"]) {
                        // A character of 12 pt Arial is about 0.22 cm wide on average.
                        try w.element("style:table-column-properties", ["style:column-width": centimetres(width)])
                    }
                }
                try w.element("style:style", ["style:name": "header", "style:family": "table-cell"]) {
                    try w.element("style:text-properties", ["fo:font-weight": "bold"])
                }
                try w.element("style:style", ["style:name": "title", "style:family": "table-cell"]) {
                    try w.element("style:text-properties", ["fo:font-weight": "bold", "fo:font-size": "16pt"])
                }
            }
            try w.element("office:body") {
                try w.element("office:spreadsheet") {
                    for sheet in book.sheets { try table(sheet, w) }
                    try w.element("table:database-ranges") {
                        for sheet in book.sheets {
                            guard let table = sheet.table else { continue }
                            let last = "\(Spreadsheet.letters(table.header.count - 1))\(sheet.headerRow + table.rows.count)"
                            try w.element(
                                "table:database-range",
                                [
                                    "table:name": sheet.name,
                                    "table:target-range-address": "\(sheet.name).A\(sheet.headerRow):\(sheet.name).\(last)",
                                    "table:contains-header": "true",
                                ])
                        }
                    }
                }
            }
        }
        return Array(try w.finish().utf8)
    }

    /// `n` characters as a column width in centimetres, to three decimals.
    static func centimetres(_ characters: Int) -> String {
        let thousandths = characters * 220 + 200
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction + "cm"
    }

    private static func table(_ sheet: Spreadsheet.Sheet, _ w: XMLWriter) throws {
        try w.element("table:table", ["table:name": sheet.name]) {
            for width in sheet.columnWidths { try w.element("table:table-column", ["table:style-name": "w\(width)"]) }
            func row(_ cells: [Spreadsheet.Cell], style: String?) throws {
                try w.element("table:table-row") {
                    for cell in cells {
                        var attributes: [(String, String)] = []
                        if let style { attributes.append(("table:style-name", style)) }
                        switch cell {
                        case .number(let n):
                            try w.element(
                                "table:table-cell", attributes: attributes + [("office:value-type", "float"), ("office:value", String(n))]
                            ) { try w.element("text:p", text: String(n)) }
                        case .text(let text):
                            try w.element("table:table-cell", attributes: attributes + [("office:value-type", "string")]) {
                                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                                    try w.element("text:p", text: String(line))
                                }
                            }
                        case .link(let text, let target):
                            try w.element("table:table-cell", attributes: attributes + [("office:value-type", "string")]) {
                                try w.element("text:p") {
                                    try w.element("text:a", ["xlink:type": "simple", "xlink:href": "#\(target).A1"], text: text)
                                }
                            }
                        }
                    }
                }
            }
            try row([.text(sheet.heading)], style: "title")
            for line in sheet.lines { try row([line], style: nil) }
            if let table = sheet.table {
                try row(table.header.map(Spreadsheet.Cell.text), style: "header")
                for cells in table.rows { try row(cells, style: nil) }
            }
        }
    }
}
