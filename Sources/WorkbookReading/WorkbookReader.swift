/// Reads the sheets of an Office Open XML workbook (.xlsx) held in memory.
///
/// Only the parts needed are expanded: the package and workbook relationships, the
/// workbook's sheet list, the shared strings, the styles (to tell dates from numbers)
/// and the sheets asked for. Formulas are never evaluated: a formula cell's saved
/// result is used. Every part is bounded by ``WorkbookLimits``.
public enum WorkbookReader {
    /// The sheets named in `sheets` (matched without regard to letter case), as far as
    /// the workbook has them; a sheet it does not have is simply absent from the result.
    public static func read(_ bytes: [UInt8], sheets wanted: [String],
                            limits: WorkbookLimits = .standard) throws(WorkbookError) -> Workbook {
        let zip = try ZipParts(bytes, limits: limits)
        let workbookPath = try officeDocument(zip)
        guard let workbookXML = try zip.part(workbookPath) else {
            throw WorkbookError("is not an .xlsx workbook: it has no workbook part (\(workbookPath)); save it from the spreadsheet as \"Excel Workbook (.xlsx)\"")
        }
        let declared = try sheetList(workbookXML, part: workbookPath)
        let relationships = try relations(zip, of: workbookPath)

        let sharedStringsPath = relationships.first { $0.type.hasSuffix("/sharedStrings") }?.target
        let stylesPath = relationships.first { $0.type.hasSuffix("/styles") }?.target
        var shared: [String]? = nil
        var styles = Styles()

        var result: [String: Workbook.Sheet] = [:]
        for name in wanted {
            guard let sheet = declared.first(where: { $0.name.lowercased() == name.lowercased() }) else { continue }
            guard let target = relationships.first(where: { $0.id == sheet.relationship })?.target,
                  let xml = try zip.part(target) else {
                throw WorkbookError(sheet: sheet.name, "the sheet is listed in the workbook but its part is missing; save the workbook again from the spreadsheet")
            }
            if shared == nil {
                shared = try sharedStringsPath.flatMap { path throws(WorkbookError) in try zip.part(path) }
                    .map { bytes throws(WorkbookError) in try sharedStrings(bytes, part: sharedStringsPath ?? "", limits: limits) } ?? []
                styles = try stylesPath.flatMap { path throws(WorkbookError) in try zip.part(path) }
                    .map { bytes throws(WorkbookError) in try Styles(bytes, part: stylesPath ?? "") } ?? Styles()
            }
            var reader = SheetReader(name: sheet.name, shared: shared ?? [], styles: styles, limits: limits)
            result[name] = try reader.read(xml, part: target)
        }
        return Workbook(sheetNames: declared.map(\.name), sheets: result)
    }

    // MARK: - Package structure

    struct Relationship {
        var id: String
        var type: String
        /// The part's path inside the archive.
        var target: String
    }

    /// The workbook part named by the package relationships (normally `xl/workbook.xml`).
    private static func officeDocument(_ zip: ZipParts) throws(WorkbookError) -> String {
        let fallback = "xl/workbook.xml"
        guard let bytes = try zip.part("_rels/.rels") else { return fallback }
        let found = try relationships(bytes, part: "_rels/.rels", base: "")
        return found.first { $0.type.hasSuffix("/officeDocument") }?.target ?? fallback
    }

    private static func relations(_ zip: ZipParts, of part: String) throws(WorkbookError) -> [Relationship] {
        let folder = part.split(separator: "/").dropLast().joined(separator: "/")
        let name = part.split(separator: "/").last.map(String.init) ?? part
        let path = (folder.isEmpty ? "" : folder + "/") + "_rels/" + name + ".rels"
        guard let bytes = try zip.part(path) else {
            throw WorkbookError("is not a complete .xlsx workbook: it has no \(path); save it again from the spreadsheet")
        }
        return try relationships(bytes, part: path, base: folder)
    }

    private static func relationships(_ bytes: [UInt8], part: String, base: String) throws(WorkbookError) -> [Relationship] {
        let xml = try XMLStream(bytes, part: part)
        var found: [Relationship] = []
        while let node = try xml.next() {
            guard case .start("Relationship", _) = node else { continue }
            let attributes = xml.attributes()
            guard let id = attributes["Id"], let target = attributes["Target"], attributes["TargetMode"] != "External" else { continue }
            found.append(Relationship(id: id, type: attributes["Type"] ?? "", target: resolve(target, from: base)))
        }
        return found
    }

    /// A relationship target made into an archive path: absolute (`/xl/…`) or relative to `base`.
    static func resolve(_ target: String, from base: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    private static func sheetList(_ bytes: [UInt8], part: String) throws(WorkbookError) -> [(name: String, relationship: String)] {
        let xml = try XMLStream(bytes, part: part)
        var sheets: [(name: String, relationship: String)] = []
        while let node = try xml.next() {
            guard case .start("sheet", _) = node else { continue }
            let attributes = xml.attributes()
            if let name = attributes["name"], let id = attributes["id"] { sheets.append((name, id)) }
        }
        return sheets
    }

    // MARK: - Shared strings

    private static func sharedStrings(_ bytes: [UInt8], part: String, limits: WorkbookLimits) throws(WorkbookError) -> [String] {
        let xml = try XMLStream(bytes, part: part)
        var strings: [String] = []
        var current = ""
        var inItem = false, inText = false, phonetic = 0
        while let node = try xml.next() {
            switch node {
            case .start("si", let empty):
                if strings.count >= limits.maxSharedStrings {
                    throw WorkbookError("the shared-strings table holds more than \(limits.maxSharedStrings) entries; the workbook is refused")
                }
                if empty { strings.append("") } else { inItem = true; current = "" }
            case .end("si"):
                strings.append(current.decodingOOXMLEscapes())
                inItem = false
            case .start("rPh", let empty):
                if !empty { phonetic += 1 }
            case .end("rPh"):
                phonetic -= 1
            case .start("t", let empty):
                inText = inItem && !empty && phonetic == 0
            case .end("t"):
                inText = false
            case .text(let text) where inText:
                current += text
                if current.utf8.count > limits.maxCellBytes {
                    throw WorkbookError("shared string \(strings.count + 1) is larger than \(limits.maxCellBytes) bytes; the workbook is refused")
                }
            default:
                break
            }
        }
        return strings
    }
}

/// Which cell formats (`s` attributes) are dates or times.
struct Styles {
    /// For each cell format, in order, whether its number format shows a date or time.
    private var dateFormats: [Bool] = []

    init() {}

    init(_ bytes: [UInt8], part: String) throws(WorkbookError) {
        let xml = try XMLStream(bytes, part: part)
        var custom: [Int: String] = [:]
        var formatIDs: [Int] = []
        var inCellFormats = false
        while let node = try xml.next() {
            switch node {
            case .start("numFmt", _):
                let attributes = xml.attributes()
                if let id = attributes["numFmtId"].flatMap({ Int($0) }) { custom[id] = attributes["formatCode"] ?? "" }
            case .start("cellXfs", let empty):
                inCellFormats = !empty
            case .end("cellXfs"):
                inCellFormats = false
            case .start("xf", _) where inCellFormats:
                formatIDs.append(xml.attributes()["numFmtId"].flatMap { Int($0) } ?? 0)
            default:
                break
            }
        }
        dateFormats = formatIDs.map { id in
            if let code = custom[id] { return Self.isDateFormat(code) }
            return Self.builtInDateFormats.contains(id)
        }
    }

    /// Whether cells with format index `index` hold dates or times.
    func isDate(_ index: Int?) -> Bool {
        guard let index, index >= 0, index < dateFormats.count else { return false }
        return dateFormats[index]
    }

    /// The built-in number formats that show dates or times (ECMA-376 §18.8.30, with
    /// the locale-specific East Asian date formats).
    static let builtInDateFormats: Set<Int> = Set(14...22).union(45...47).union(27...36).union(50...58)

    /// Whether a format code shows a date or time: a d, m, y, h or s outside quotes,
    /// escapes and brackets (`[Red]`), or an elapsed-time bracket such as `[h]`.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuotes = false, inBracket = false, escaped = false
        var bracket = ""
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            if inQuotes { if character == "\"" { inQuotes = false }; continue }
            if inBracket {
                if character == "]" {
                    inBracket = false
                    if ["h", "hh", "m", "mm", "s", "ss"].contains(bracket) { return true }
                } else {
                    bracket.append(character)
                }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case "\\", "_", "*": escaped = true
            case "[": inBracket = true; bracket = ""
            case ";": return false  // the first section decides
            case "d", "m", "y", "h", "s": return true
            default: continue
            }
        }
        return false
    }
}
