/// Reads the sheets of an Office Open XML workbook (.xlsx) held in memory.
///
/// Only the parts needed are expanded: the package and workbook relationships, the
/// workbook's sheet list, the shared strings, the styles (to tell dates from numbers)
/// and the sheets asked for. Each part is parsed as it is expanded, a chunk at a time,
/// and a sheet's rows handed over one by one, so that neither its XML nor its cells
/// are held whole. Formulas are never evaluated: a formula cell's saved result is used.
/// Every part is bounded by ``WorkbookLimits``.
public enum WorkbookReader {
    /// The sheets named in `sheets` (matched without regard to letter case), as far as
    /// the workbook has them; a sheet it does not have is simply absent from the result.
    public static func read(
        _ bytes: [UInt8], sheets wanted: [String],
        limits: WorkbookLimits = .standard
    ) throws(WorkbookError) -> Workbook {
        try read(bytes, sheets: wanted, limits: limits, chunkSize: 64 * 1024)
    }

    static func read(
        _ bytes: [UInt8], sheets wanted: [String], limits: WorkbookLimits,
        chunkSize: Int
    ) throws(WorkbookError) -> Workbook {
        var result: [String: Workbook.Sheet] = [:]
        var current: String? = nil
        let names = try read(
            bytes, sheets: wanted, limits: limits, chunkSize: chunkSize,
            sheet: { wanted, name in
                result[wanted] = Workbook.Sheet(name: name, rows: [])
                current = wanted
            },
            row: { row in
                if let current { result[current]?.rows.append(row) }
            },
            layout: { wanted, layout in result[wanted]?.layout = layout })
        return Workbook(sheetNames: names, sheets: result)
    }

    /// Reads the sheets named in `sheets` (matched without regard to letter case) that
    /// the workbook has, in that order, handing over each one's rows as they are read:
    /// `sheet` is told the name asked for and the name as the workbook spells it, then
    /// `row` is given each row that holds a value, in order.
    ///
    /// What was handed over stands only if this returns: when it throws, the workbook
    /// is refused as a whole, whatever rows came before. Returns every sheet's name,
    /// in the workbook's order. `layout` is told what each sheet hides and merges
    /// (by the name asked for) once its rows have all been handed over.
    public static func read(
        _ bytes: [UInt8], sheets wanted: [String], limits: WorkbookLimits = .standard,
        sheet: (_ wanted: String, _ name: String) -> Void,
        row: (Workbook.Row) -> Void,
        layout: (_ wanted: String, Workbook.Layout) -> Void = { _, _ in }
    ) throws(WorkbookError) -> [String] {
        try read(bytes, sheets: wanted, limits: limits, chunkSize: 64 * 1024, sheet: sheet, row: row, layout: layout)
    }

    /// The same, expanding and parsing `chunkSize` bytes at a time (the tests try small ones).
    static func read(
        _ bytes: [UInt8], sheets wanted: [String], limits: WorkbookLimits, chunkSize: Int,
        sheet: (_ wanted: String, _ name: String) -> Void,
        row: (Workbook.Row) -> Void,
        layout: (_ wanted: String, Workbook.Layout) -> Void = { _, _ in }
    ) throws(WorkbookError) -> [String] {
        let zip = try ZipParts(bytes, limits: limits, chunkSize: chunkSize)
        let workbookPath = try officeDocument(zip)
        let sheetList = SheetListReader()
        guard try parse(zip, part: workbookPath, with: sheetList) else {
            throw WorkbookError(
                "is not an .xlsx workbook: it has no workbook part (\(workbookPath)); save it from the spreadsheet as \"Excel Workbook (.xlsx)\""
            )
        }
        let declared = sheetList.sheets
        let relationships = try relations(zip, of: workbookPath)

        let sharedStringsPath = relationships.first { $0.type.hasSuffix("/sharedStrings") }?.target
        let stylesPath = relationships.first { $0.type.hasSuffix("/styles") }?.target
        var shared: [String]? = nil
        var styles = Styles()

        for name in wanted {
            guard let found = declared.first(where: { $0.name.lowercased() == name.lowercased() }) else { continue }
            guard let target = relationships.first(where: { $0.id == found.relationship })?.target, zip.has(target) else {
                throw WorkbookError(
                    sheet: found.name,
                    "the sheet is listed in the workbook but its part is missing; save the workbook again from the spreadsheet")
            }
            if shared == nil {
                let strings = SharedStringsReader(limits: limits)
                if let sharedStringsPath { _ = try parse(zip, part: sharedStringsPath, with: strings) }
                shared = strings.strings
                let formats = Styles.Reader()
                if let stylesPath, try parse(zip, part: stylesPath, with: formats) { styles = Styles(formats) }
            }
            sheet(name, found.name)
            try withoutActuallyEscaping(row) { row throws(WorkbookError) in
                let reader = SheetReader(name: found.name, shared: shared ?? [], styles: styles, limits: limits, row: row)
                _ = try parse(zip, part: target, with: reader)
                try reader.finish()
                layout(name, reader.layout)
            }
        }
        return declared.map(\.name)
    }

    /// Parses the part at `path` as it is expanded; `false` when the archive has none.
    /// The part's own faults (too large, damaged) come first: what a damaged part
    /// seems to say is not worth reporting. Then the first fault of its XML or content.
    private static func parse(_ zip: ZipParts, part path: String, with handler: XMLHandler) throws(WorkbookError) -> Bool {
        let stream = XMLStream(part: path, handler: handler, maxDepth: zip.limits.maxDepth)
        defer { WorkbookWork.current?.add(path, elements: stream.elements) }
        guard try zip.stream(path, { stream.feed($0) }) else { return false }
        try stream.finish()
        return true
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
        let reader = RelationshipReader(base: "")
        guard try parse(zip, part: "_rels/.rels", with: reader) else { return fallback }
        return reader.found.first { $0.type.hasSuffix("/officeDocument") }?.target ?? fallback
    }

    private static func relations(_ zip: ZipParts, of part: String) throws(WorkbookError) -> [Relationship] {
        let folder = part.split(separator: "/").dropLast().joined(separator: "/")
        let name = part.split(separator: "/").last.map(String.init) ?? part
        let path = (folder.isEmpty ? "" : folder + "/") + "_rels/" + name + ".rels"
        let reader = RelationshipReader(base: folder)
        guard try parse(zip, part: path, with: reader) else {
            throw WorkbookError("is not a complete .xlsx workbook: it has no \(path); save it again from the spreadsheet")
        }
        return reader.found
    }

    private final class RelationshipReader: XMLHandler {
        let base: String
        var found: [Relationship] = []
        init(base: String) { self.base = base }

        override func start(_ name: XMLName, _ attributes: XMLAttributes) {
            guard name == "Relationship" else { return }
            guard let id = attributes.string("Id"), let target = attributes.string("Target"),
                attributes.string("TargetMode") != "External"
            else { return }
            found.append(Relationship(id: id, type: attributes.string("Type") ?? "", target: resolve(target, from: base)))
        }
    }

    /// A relationship target made into an archive path: absolute (`/xl/…`) or relative to `base`.
    static func resolve(_ target: String, from base: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    private final class SheetListReader: XMLHandler {
        var sheets: [(name: String, relationship: String)] = []

        override func start(_ name: XMLName, _ attributes: XMLAttributes) {
            guard name == "sheet" else { return }
            if let sheet = attributes.string("name"), let id = attributes.string("id") { sheets.append((sheet, id)) }
        }
    }

    // MARK: - Shared strings

    private final class SharedStringsReader: XMLHandler {
        let limits: WorkbookLimits
        var strings: [String] = []
        private var current: [UInt8] = []
        private var inItem = false, inText = false, phonetic = 0

        init(limits: WorkbookLimits) { self.limits = limits }

        override func start(_ name: XMLName, _ attributes: XMLAttributes) throws(WorkbookError) {
            if name == "si" {
                if strings.count >= limits.maxSharedStrings {
                    throw WorkbookError(
                        "the shared-strings table holds more than \(limits.maxSharedStrings) entries; the workbook is refused")
                }
                inItem = true
                current.removeAll(keepingCapacity: true)
            } else if name == "t" {
                inText = inItem && phonetic == 0
            } else if name == "rPh" {
                phonetic += 1
            }
        }

        override func end(_ name: XMLName) {
            if name == "si" {
                strings.append(String(decoding: current, as: UTF8.self).decodingOOXMLEscapes())
                inItem = false
            } else if name == "t" {
                inText = false
            } else if name == "rPh" {
                phonetic -= 1
            }
        }

        override func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(WorkbookError) {
            guard inText else { return }
            current.append(contentsOf: bytes)
            if current.count > limits.maxCellBytes {
                throw WorkbookError(
                    "shared string \(strings.count + 1) is larger than \(limits.maxCellBytes) bytes; the workbook is refused")
            }
        }
    }

}

/// Which cell formats (`s` attributes) are dates or times.
struct Styles {
    /// For each cell format, in order, whether its number format shows a date or time.
    private var dateFormats: [Bool] = []

    init() {}

    final class Reader: XMLHandler {
        var custom: [Int: String] = [:]
        var formatIDs: [Int] = []
        private var inCellFormats = false

        override func start(_ name: XMLName, _ attributes: XMLAttributes) {
            if name == "numFmt" {
                if let id = attributes.string("numFmtId").flatMap({ Int($0) }) { custom[id] = attributes.string("formatCode") ?? "" }
            } else if name == "cellXfs" {
                inCellFormats = true
            } else if name == "xf", inCellFormats {
                formatIDs.append(attributes.string("numFmtId").flatMap { Int($0) } ?? 0)
            }
        }

        override func end(_ name: XMLName) {
            if name == "cellXfs" { inCellFormats = false }
        }
    }

    init(_ reader: Reader) {
        dateFormats = reader.formatIDs.map { id in
            if let code = reader.custom[id] { return Self.isDateFormat(code) }
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
            if escaped {
                escaped = false
                continue
            }
            if inQuotes {
                if character == "\"" { inQuotes = false }
                continue
            }
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
            case "[":
                inBracket = true
                bracket = ""
            case ";": return false  // the first section decides
            case "d", "m", "y", "h", "s": return true
            default: continue
            }
        }
        return false
    }
}
