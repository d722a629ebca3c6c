import CaseModel

/// Where a value or a problem comes from: a file, and a place in it.
///
/// Printed the way editors and spreadsheets show places:
/// `Inputs/cases/C07.yaml:12:14`, `Inputs/cases.csv:row 8, column harm.outcome`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// A place inside a file.
    public enum Position: Hashable, Sendable {
        /// The file as a whole.
        case file
        /// A line of a text file (1-based), for problems found before parsing.
        case line(Int)
        /// A line and column (both 1-based; the column counts characters).
        case lineColumn(line: Int, column: Int)
        /// A spreadsheet row (the header is row 1).
        case csvRow(Int)
        /// A spreadsheet cell: its row and the header of its column.
        case csvCell(row: Int, column: String)
    }

    /// The file path as the caller gave it, joined with "/".
    public var file: String
    public var position: Position

    public init(file: String, position: Position = .file) {
        self.file = file
        self.position = position
    }

    public init(file: String, line: Int, column: Int) {
        self.init(file: file, position: .lineColumn(line: line, column: column))
    }

    public var description: String {
        switch position {
        case .file: file
        case .line(let line): "\(file):\(line)"
        case .lineColumn(let line, let column): "\(file):\(line):\(column)"
        case .csvRow(let row): "\(file):row \(row)"
        case .csvCell(let row, let column): "\(file):row \(row), column \(column.excerptForDiagnostic)"
        }
    }

    /// The place to blame for a field that is missing from the mapping found here:
    /// the mapping itself in YAML, the field's own (empty) cell in a spreadsheet row.
    public func forMissingField(_ fieldPath: String) -> SourceLocation {
        if case .csvRow(let row) = position {
            return SourceLocation(file: file, position: .csvCell(row: row, column: fieldPath))
        }
        return self
    }

    /// A key for sorting diagnostics: line or row first, then column.
    var sortKey: (Int, Int) {
        switch position {
        case .file: (0, 0)
        case .line(let line): (line, 0)
        case .lineColumn(let line, let column): (line, column)
        case .csvRow(let row): (row, 0)
        case .csvCell(let row, _): (row, 1)
        }
    }
}
