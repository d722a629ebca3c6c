/// Bounds that keep hostile or broken input from exhausting time or memory.
///
/// Every limit, when exceeded, yields a diagnostic and the file is refused; nothing
/// is read past the limit. The counts admit 250,000 cases in every form (a
/// national review has hundreds), while a hostile input is refused after reading
/// no more than the limit: a folder of a billion files after 250,001 names, a
/// 10 GB spreadsheet by its size before a byte is read, a 10 GB cell after 1 MB.
public struct LoadingLimits: Hashable, Sendable {
    /// Largest file read, in bytes: checked on the size the file system reports
    /// before reading, and on the bytes actually read (never more than one past it).
    /// A YAML case file, review.yaml, areas.yaml, vocabulary.yaml.
    public var maxFileBytes: Int
    /// Largest spreadsheet (`cases.csv`, `learning.csv`, `cases.xlsx`), in bytes,
    /// checked the same way: one file holds every case, so it may be larger.
    public var maxSpreadsheetBytes: Int
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
    /// Most entries in `cases/` (case files, and anything else there, which is
    /// warned about): counted by name before any file is looked at.
    public var maxCaseFiles: Int
    /// Most learning-point rows in `learning.csv` or a workbook's `learning` sheet.
    public var maxLearningRows: Int
    /// Largest part of a workbook once expanded (a zip bomb is refused past it), in bytes.
    public var maxWorkbookPartBytes: Int
    /// Most cells, empty ones included, in one sheet of a workbook.
    public var maxWorkbookCells: Int
    /// Most entries in a workbook's shared-strings table.
    public var maxSharedStrings: Int

    public init(
        maxFileBytes: Int = 10 * 1024 * 1024, maxSpreadsheetBytes: Int = 256 * 1024 * 1024,
        maxYAMLValues: Int = 100_000, maxYAMLDepth: Int = 64,
        maxCSVColumns: Int = 1_000, maxCSVCellBytes: Int = 1024 * 1024, maxCSVRows: Int = 250_000,
        maxCaseFiles: Int = 250_000, maxLearningRows: Int = 1_000_000,
        maxWorkbookPartBytes: Int = 512 * 1024 * 1024, maxWorkbookCells: Int = 10_000_000,
        maxSharedStrings: Int = 4_000_000
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxSpreadsheetBytes = maxSpreadsheetBytes
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
