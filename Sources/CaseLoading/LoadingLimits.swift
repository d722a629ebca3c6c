/// Bounds that keep hostile or broken input from exhausting time or memory.
///
/// Every limit, when exceeded, yields a diagnostic and the file is refused; nothing
/// is read past the limit.
public struct LoadingLimits: Hashable, Sendable {
    /// Largest file read, in bytes: checked on the size the file system reports
    /// before reading, and on the bytes actually read (never more than one past it).
    public var maxFileBytes: Int
    /// Most values a YAML document may expand to, counting every alias expansion.
    public var maxYAMLValues: Int
    /// Deepest nesting of YAML lists and mappings.
    public var maxYAMLDepth: Int
    /// Most columns a spreadsheet row may have.
    public var maxCSVColumns: Int
    /// Largest spreadsheet cell, in bytes.
    public var maxCSVCellBytes: Int
    /// Most case rows in a spreadsheet (not counting the header).
    public var maxCSVRows: Int
    /// Most files read from `cases/`.
    public var maxCaseFiles: Int
    /// Most learning-point rows in `learning.csv` or a workbook's `learning` sheet.
    public var maxLearningRows: Int
    /// Largest part of a workbook once expanded (a zip bomb is refused past it), in bytes.
    public var maxWorkbookPartBytes: Int
    /// Most cells, empty ones included, in one sheet of a workbook.
    public var maxWorkbookCells: Int
    /// Most entries in a workbook's shared-strings table.
    public var maxSharedStrings: Int

    public init(maxFileBytes: Int = 10 * 1024 * 1024, maxYAMLValues: Int = 100_000, maxYAMLDepth: Int = 64,
                maxCSVColumns: Int = 1_000, maxCSVCellBytes: Int = 1024 * 1024, maxCSVRows: Int = 10_000,
                maxCaseFiles: Int = 10_000, maxLearningRows: Int = 100_000,
                maxWorkbookPartBytes: Int = 64 * 1024 * 1024, maxWorkbookCells: Int = 2_000_000,
                maxSharedStrings: Int = 1_000_000) {
        self.maxFileBytes = maxFileBytes
        self.maxYAMLValues = maxYAMLValues
        self.maxYAMLDepth = maxYAMLDepth
        self.maxCSVColumns = maxCSVColumns
        self.maxCSVCellBytes = maxCSVCellBytes
        self.maxCSVRows = maxCSVRows
        self.maxCaseFiles = maxCaseFiles
        self.maxLearningRows = maxLearningRows
        self.maxWorkbookPartBytes = maxWorkbookPartBytes
        self.maxWorkbookCells = maxWorkbookCells
        self.maxSharedStrings = maxSharedStrings
    }

    /// The limits the program uses.
    public static let standard = LoadingLimits()
}
