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

    public init(maxFileBytes: Int = 10 * 1024 * 1024, maxYAMLValues: Int = 100_000, maxYAMLDepth: Int = 64,
                maxCSVColumns: Int = 1_000, maxCSVCellBytes: Int = 1024 * 1024, maxCSVRows: Int = 10_000,
                maxCaseFiles: Int = 10_000) {
        self.maxFileBytes = maxFileBytes
        self.maxYAMLValues = maxYAMLValues
        self.maxYAMLDepth = maxYAMLDepth
        self.maxCSVColumns = maxCSVColumns
        self.maxCSVCellBytes = maxCSVCellBytes
        self.maxCSVRows = maxCSVRows
        self.maxCaseFiles = maxCaseFiles
    }

    /// The limits the program uses.
    public static let standard = LoadingLimits()
}
