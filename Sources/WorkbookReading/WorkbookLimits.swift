/// Bounds that keep a hostile or broken workbook from exhausting time or memory.
///
/// A workbook is a zip archive of XML parts, so a small file may expand to
/// gigabytes, hold a billion cells or a huge table of shared strings. Each limit,
/// when exceeded, stops the reading at once with a ``WorkbookError``.
public struct WorkbookLimits: Hashable, Sendable {
    /// Largest part (one XML file inside the archive) once expanded, in bytes. Checked
    /// against the archive's directory before expanding, and counted while expanding.
    public var maxPartBytes: Int
    /// Most cells (empty ones included) read from one sheet.
    public var maxCells: Int
    /// Most rows holding a value in one sheet, the header included.
    public var maxRows: Int
    /// Most columns: a value further right than this is refused.
    public var maxColumns: Int
    /// Largest text of one cell or shared string, in bytes.
    public var maxCellBytes: Int
    /// Most entries in the shared-strings table.
    public var maxSharedStrings: Int
    /// Deepest nesting of elements in a part. A sheet's deepest text is 7 levels down
    /// (worksheet, sheetData, row, c, is, r, t), and extensions (`extLst`) add a few;
    /// 64 leaves room for any writer while keeping each part's parser state small
    /// (libxml2 refuses only past 256).
    public var maxDepth: Int

    public init(
        maxPartBytes: Int = 64 * 1024 * 1024, maxCells: Int = 2_000_000, maxRows: Int = 100_001,
        maxColumns: Int = 1_000, maxCellBytes: Int = 1024 * 1024, maxSharedStrings: Int = 1_000_000,
        maxDepth: Int = 64
    ) {
        self.maxPartBytes = maxPartBytes
        self.maxCells = maxCells
        self.maxRows = maxRows
        self.maxColumns = maxColumns
        self.maxCellBytes = maxCellBytes
        self.maxSharedStrings = maxSharedStrings
        self.maxDepth = maxDepth
    }

    public static let standard = WorkbookLimits()
}

/// Why a workbook could not be read, and where: the part, sheet or cell when known.
public struct WorkbookError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The sheet the problem is in, when it is in one.
    public var sheet: String?
    /// The cell reference (`F7`), when the problem is in one cell.
    public var cell: String?
    /// What is wrong and what would be valid, as one sentence.
    public var message: String

    public init(sheet: String? = nil, cell: String? = nil, _ message: String) {
        self.sheet = sheet
        self.cell = cell
        self.message = message
    }

    public var description: String {
        var place: [String] = []
        if let sheet { place.append("sheet \(sheet)") }
        if let cell { place.append("cell \(cell)") }
        return place.isEmpty ? message : place.joined(separator: ", ") + ": " + message
    }
}
