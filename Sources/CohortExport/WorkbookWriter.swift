import CaseLoading
import Foundation
import XMLWriter
import ZIPFoundation

/// The cohort as an Office Open XML workbook: a `cases` sheet and, when the cohort
/// records learning points, a `learning` sheet, laid out like the CSV files.
///
/// The small parts are written through ``XMLWriter`` (kind `.xml`), never by joining
/// strings. A sheet, which holds every cell of the cohort (171 MB of XML for 100,000
/// cases), is written by ``SheetXML`` straight into bytes, a few rows at a time as
/// ZIPFoundation asks for them, so that it is never held whole: the same bytes
/// XMLWriter would write, by the same rules (line breaks normalised, a forbidden
/// character refused with XMLWriter's own error, `&`, `<`, `>` and `"` escaped as
/// libxml2 escapes them), without a libxml2 call, a check of names and a string per
/// element. All is zipped with ZIPFoundation in memory. Text cells are inline strings,
/// numbers and booleans are typed cells, the header row is bold and frozen. The
/// archive is the same bytes for the same cohort (fixed entry dates).
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
            ("xl/_rels/workbook.xml.rels", Array(try relationships(
                sheets.indices.map { ("rId\($0 + 1)", "\(officeRelationships)/worksheet", "worksheets/sheet\($0 + 1).xml") }
                + [("rId\(sheets.count + 1)", "\(officeRelationships)/styles", "styles.xml")]).utf8)),
            ("xl/styles.xml", Array(try stylesPart().utf8)),
        ]
        let archive = try Archive(data: Data(), accessMode: .create)
        // A fixed date, so that the same cohort gives the same bytes.
        let date = Date(timeIntervalSince1970: 946_684_800)
        for (path, bytes) in small {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: date,
                                 compressionMethod: .deflate) { position, size in
                Data(bytes[Int(position)..<(Int(position) + size)])
            }
        }
        for (index, sheet) in sheets.enumerated() {
            // The sheet's XML is made as ZIPFoundation asks for it, a chunk at a time,
            // never held whole; its length is counted first (the zip entry states it).
            let source = SheetSource(header: sheet.header, rows: sheet.rows)
            let size = try source.count()
            try archive.addEntry(with: "xl/worksheets/sheet\(index + 1).xml", type: .file, uncompressedSize: Int64(size),
                                 modificationDate: date, compressionMethod: .deflate, bufferSize: 256 * 1024) { position, size in
                try source.chunk(at: Int(position), size: size)
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
            try w.element("Override", ["PartName": "/xl/workbook.xml",
                                       "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"])
            for index in 1...sheetCount {
                try w.element("Override", ["PartName": "/xl/worksheets/sheet\(index).xml",
                                           "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"])
            }
            try w.element("Override", ["PartName": "/xl/styles.xml",
                                       "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"])
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
                try w.element("font") { try w.element("sz", ["val": "11"]); try w.element("name", ["val": "Calibri"]) }
                try w.element("font") { try w.element("b"); try w.element("sz", ["val": "11"]); try w.element("name", ["val": "Calibri"]) }
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

    /// A sheet's XML: the start, one piece per row, the end.
    final class SheetSource {
        let header: [String]
        let rows: [[SheetValue]]
        /// The next piece to make: -1 the start, 0 the header row, n data row n, rows.count + 1 the end.
        private var next = -1
        private var pending = SheetXML()
        /// Where in the part `pending` begins.
        private var handedOut = 0

        init(header: [String], rows: [[SheetValue]]) {
            self.header = header
            self.rows = rows
        }

        private var isFinished: Bool { next > rows.count + 1 }

        /// Appends the next piece to `xml`.
        private func makeNext(into xml: inout SheetXML) throws(XMLWriterError) {
            switch next {
            case -1:
                xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"")
                xml.append(WorkbookWriter.main)
                xml.append("\"><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><sheetData>")
            case 0:
                try xml.row(1, header.map { SheetValue.text($0) }, bold: true)
            case rows.count + 1:
                xml.append("</sheetData></worksheet>\n")
            default:
                try xml.row(next + 1, rows[next - 1], bold: false)
            }
            next += 1
        }

        /// The length of the whole part, made once and thrown away (and checked: a
        /// character XMLWriter refuses is refused here, before the archive is begun).
        func count() throws(XMLWriterError) -> Int {
            var total = 0
            var scratch = SheetXML()
            next = -1
            while !isFinished {
                try makeNext(into: &scratch)
                total += scratch.bytes.count
                scratch.removeAll()
            }
            next = -1
            return total
        }

        /// The part's bytes from `position`, `size` of them; asked for in order.
        func chunk(at position: Int, size: Int) throws -> Data {
            guard position == handedOut else { throw CohortExport.Refusal("the workbook could not be assembled in memory") }
            while pending.bytes.count < size, !isFinished { try makeNext(into: &pending) }
            let taken = min(size, pending.bytes.count)
            let chunk = pending.bytes.withUnsafeBufferPointer { Data(buffer: UnsafeBufferPointer(rebasing: $0[..<taken])) }
            pending.removeFirst(taken)
            handedOut += taken
            return chunk
        }
    }

    /// The whole sheet at once (for the tests).
    static func sheetPart(_ header: [String], _ rows: [[SheetValue]]) throws -> [UInt8] {
        let source = SheetSource(header: header, rows: rows)
        let size = try source.count()
        return [UInt8](try source.chunk(at: 0, size: size))
    }
}

/// One sheet's XML as bytes: what ``XMLWriter`` writes for the same elements, built
/// without it (see ``WorkbookWriter``). The tests compare the two on awkward text.
struct SheetXML {
    private(set) var bytes: [UInt8] = []

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func removeFirst(_ count: Int) { bytes.removeFirst(count) }

    mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A whole number's digits, as `String(number)` writes them.
    mutating func append(_ number: Int) {
        guard number >= 0 else { return append(String(number)) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits
        var count = 0
        var rest = number
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            bytes.append(contentsOf: buffer[(24 - count)...])
        }
    }

    /// The column letters of the first columns, made once.
    private static let letters: [[UInt8]] = (0..<64).map { Array(CSVTable.letters($0).utf8) }

    mutating func appendLetters(_ column: Int) {
        if column < Self.letters.count { bytes.append(contentsOf: Self.letters[column]) } else { append(CSVTable.letters(column)) }
    }

    /// `<row r="n">` and its cells, or `<row r="n"/>` when none holds anything.
    mutating func row(_ number: Int, _ cells: [SheetValue], bold: Bool) throws(XMLWriterError) {
        append("<row r=\"")
        append(number)
        append("\"")
        var open = true
        for (column, value) in cells.enumerated() {
            if case .empty = value { continue }
            if open {
                append(">")
                open = false
            }
            append("<c r=\"")
            appendLetters(column)
            append(number)
            append(bold ? "\" s=\"1\"" : "\"")
            switch value {
            case .empty:
                continue
            case .text(let text):
                append(" t=\"inlineStr\"><is><t xml:space=\"preserve\"")
                // A literal "_x" is written "_x005F_x", so that text such as "_x0041_"
                // is not read back as the escape of another character.
                try self.text(Self.hasEscapeLookalike(text) ? text.replacingOccurrences(of: "_x", with: "_x005F_x") : text,
                              then: "</t></is></c>", empty: "/></is></c>")
            case .number(let number):
                append("><v>")
                append(number)
                append("</v></c>")
            case .boolean(let flag):
                append(flag ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>")
            }
        }
        append(open ? "/>" : "</row>")
    }

    private static func hasEscapeLookalike(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: "_") && byte == UInt8(ascii: "x") { return true }
            previous = byte
        }
        return false
    }

    /// `>`, the escaped text and `end`; or `empty` when the text is empty (XMLWriter
    /// then closes the element as `<t …/>`). Line breaks become `\n`, as XMLWriter
    /// makes them, and a character it refuses is refused with its error.
    private mutating func text(_ text: String, then end: StaticString, empty: StaticString) throws(XMLWriterError) {
        if text.isEmpty {
            append(empty)
            return
        }
        // Plain text (printable ASCII, tabs and line feeds, nothing to escape) goes as it is.
        var plain = true
        for byte in text.utf8 where byte >= 0x7F || (byte < 0x20 && byte != 0x09 && byte != 0x0A)
            || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") {
            plain = false
            break
        }
        if plain {
            append(">")
            append(text)
            append(end)
            return
        }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 16)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                escaped.append(0x0A)
                previousWasCR = true
                continue
            }
            defer { previousWasCR = false }
            if scalar == "\n" && previousWasCR { continue }
            if XMLWriter.refuses(scalar) {
                throw .illegalCharacter(scalar, place: .text, path: "/worksheet/sheetData/row/c/is/t")
            }
            switch scalar {
            case "&": escaped += Array("&amp;".utf8)
            case "<": escaped += Array("&lt;".utf8)
            case ">": escaped += Array("&gt;".utf8)
            case "\"": escaped += Array("&quot;".utf8)
            default: escaped.append(contentsOf: String(scalar).utf8)
            }
        }
        if escaped.isEmpty {
            append(empty)
            return
        }
        append(">")
        bytes.append(contentsOf: escaped)
        append(end)
    }
}
