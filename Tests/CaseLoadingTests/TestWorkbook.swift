import CaseLoading
import Foundation
import ZIPFoundation

/// Workbooks made in the tests, part by part, the way a spreadsheet saves them:
/// shared strings for text, typed number and boolean cells, a styles part whose cell
/// format 1 is a built-in date and 2 a custom date, and any extra part or sheet.
///
/// The parts are written as text on purpose (this is the hostile side: the tests
/// need DOCTYPEs, lies and malformed XML that no writer would produce).
enum TestWorkbook {
    enum Cell: Hashable {
        case text(String)
        case inline(String)
        case number(String)
        case boolean(Bool)
        /// A number in cell format `style` (1: built-in date, 2: custom dd/mm/yyyy).
        case styled(String, style: Int)
        case formula(String, cached: String?)
        case error(String)
    }

    typealias Sheet = (name: String, rows: [[Cell?]])

    /// A cell as Excel would type what a CSV holds: digits as a number, true/false as a boolean, the rest as text.
    static func typed(_ text: String) -> Cell? {
        if text.isEmpty { return nil }
        if text.allSatisfy(\.isNumber), text.unicodeScalars.allSatisfy(\.isASCII) { return .number(text) }
        if text == "true" || text == "false" { return .boolean(text == "true") }
        return .text(text)
    }

    /// The rows of a CSV text, typed.
    static func rows(csv: String) -> [[Cell?]] {
        let (table, _) = CSVReader.read(csv, file: "fixture.csv")
        guard let table else { return [] }
        return [table.header.map(typed)] + table.rows.map { $0.cells.map(typed) }
    }

    /// The test cohort's workbook: its cases sheet, a learning sheet and a sheet to ignore.
    static var cohortSheets: [Sheet] {
        [
            ("cases", rows(csv: TestCohort.csv)), ("learning", rows(csv: TestCohort.learningCSV)),
            ("Notes", [[.text("Anything may go here")]]),
        ]
    }

    /// The test cohort's shared files plus `cases.xlsx` made of `sheets`.
    static func cohortFiles(_ sheets: [Sheet] = cohortSheets) -> [String: [UInt8]] {
        var files = TestCohort.base.mapValues { Array($0.utf8) }
        files["Inputs/cases.xlsx"] = bytes(sheets)
        return files
    }

    /// The cohort's sheets with one cell replaced (`column` 0-based, `row` 1-based as shown).
    static func cohortSheets(setting sheet: String = "cases", column: Int, row: Int, to cell: Cell?) -> [Sheet] {
        var sheets = cohortSheets
        let index = sheets.firstIndex { $0.name == sheet }!
        while sheets[index].rows.count < row { sheets[index].rows.append([]) }
        while sheets[index].rows[row - 1].count <= column { sheets[index].rows[row - 1].append(nil) }
        sheets[index].rows[row - 1][column] = cell
        return sheets
    }

    static func letters(_ index: Int) -> String { CSVTable.letters(index) }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The parts of a workbook holding `sheets`, by path.
    static func parts(_ sheets: [Sheet]) -> [String: String] {
        var strings: [String] = []
        var index: [String: Int] = [:]
        func shared(_ text: String) -> Int {
            if let found = index[text] { return found }
            index[text] = strings.count
            strings.append(text)
            return strings.count - 1
        }
        var parts: [String: String] = [:]
        for (number, sheet) in sheets.enumerated() {
            var xml =
                #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
                + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>"#
            for (r, row) in sheet.rows.enumerated() where !row.allSatisfy({ $0 == nil }) {
                xml += #"<row r="\#(r + 1)">"#
                for (c, cell) in row.enumerated() {
                    guard let cell else { continue }
                    let ref = letters(c) + String(r + 1)
                    switch cell {
                    case .text(let text): xml += #"<c r="\#(ref)" t="s"><v>\#(shared(text))</v></c>"#
                    case .inline(let text): xml += #"<c r="\#(ref)" t="inlineStr"><is><t>\#(escaped(text))</t></is></c>"#
                    case .number(let n): xml += #"<c r="\#(ref)"><v>\#(n)</v></c>"#
                    case .boolean(let b): xml += #"<c r="\#(ref)" t="b"><v>\#(b ? 1 : 0)</v></c>"#
                    case .styled(let n, let style): xml += #"<c r="\#(ref)" s="\#(style)"><v>\#(n)</v></c>"#
                    case .formula(let f, let cached):
                        xml += #"<c r="\#(ref)"><f>\#(escaped(f))</f>"# + (cached.map { "<v>\($0)</v>" } ?? "") + "</c>"
                    case .error(let e): xml += #"<c r="\#(ref)" t="e"><v>\#(escaped(e))</v></c>"#
                    }
                }
                xml += "</row>"
            }
            parts["xl/worksheets/sheet\(number + 1).xml"] = xml + "</sheetData></worksheet>"
        }
        parts["xl/sharedStrings.xml"] =
            #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(strings.count)" uniqueCount="\#(strings.count)">"#
            + strings.map { "<si><t xml:space=\"preserve\">\(escaped($0))</t></si>" }.joined() + "</sst>"
        parts["xl/styles.xml"] =
            #"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#
        let sheetList = sheets.enumerated().map {
            #"<sheet name="\#(escaped($0.element.name))" sheetId="\#($0.offset + 1)" r:id="rId\#($0.offset + 1)"/>"#
        }.joined()
        parts["xl/workbook.xml"] =
            #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\#(sheetList)</sheets></workbook>"#
        let sheetRelations = sheets.indices.map {
            #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"#
        }.joined()
        parts["xl/_rels/workbook.xml.rels"] =
            #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(sheetRelations)<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/></Relationships>"#
        parts["_rels/.rels"] =
            #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        parts["[Content_Types].xml"] =
            #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#
        return parts
    }

    static func bytes(_ sheets: [Sheet], replacing replaced: [String: String] = [:]) -> [UInt8] {
        zip(parts(sheets).merging(replaced) { $1 }.mapValues { Data($0.utf8) })
    }

    /// A zip archive of the given files, deflated.
    static func zip(_ files: [String: Data]) -> [UInt8] {
        let archive = try! Archive(data: Data(), accessMode: .create)
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            try! archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](archive.data!)
    }

    /// The archive with every occurrence of the name `old` (in the local headers and
    /// the central directory) replaced by `new`, a name of the same length.
    static func renaming(_ bytes: [UInt8], _ old: String, to new: String) -> [UInt8] {
        let (old, new) = (Array(old.utf8), Array(new.utf8))
        precondition(old.count == new.count)
        var out = bytes
        var i = 0
        while i + old.count <= out.count {
            if out[i..<(i + old.count)].elementsEqual(old) { out.replaceSubrange(i..<(i + old.count), with: new) }
            i += 1
        }
        return out
    }

    /// The archive with a 4-byte field of every central-directory entry (at `offset`
    /// from its start) replaced by `value(old)`.
    static func patchingDirectory(_ bytes: [UInt8], offset: Int, _ value: (UInt32) -> UInt32) -> [UInt8] {
        var out = bytes
        var i = 0
        while i + 46 <= out.count {
            if out[i] == 0x50, out[i + 1] == 0x4B, out[i + 2] == 0x01, out[i + 3] == 0x02 {
                let old = out[(i + offset)..<(i + offset + 4)].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                out.replaceSubrange((i + offset)..<(i + offset + 4), with: withUnsafeBytes(of: value(old).littleEndian) { Array($0) })
            }
            i += 1
        }
        return out
    }

    /// The archive with the uncompressed size of every entry overwritten by `size`,
    /// in the local headers and the central directory: a zip that lies.
    static func lyingAboutSizes(_ bytes: [UInt8], size: UInt32) -> [UInt8] {
        var out = bytes
        let little = withUnsafeBytes(of: size.littleEndian) { Array($0) }
        var i = 0
        while i + 46 <= out.count {
            if out[i] == 0x50, out[i + 1] == 0x4B, out[i + 2] == 0x03, out[i + 3] == 0x04 {
                out.replaceSubrange((i + 22)..<(i + 26), with: little)
            } else if out[i] == 0x50, out[i + 1] == 0x4B, out[i + 2] == 0x01, out[i + 3] == 0x02 {
                out.replaceSubrange((i + 24)..<(i + 28), with: little)
            }
            i += 1
        }
        return out
    }
}
