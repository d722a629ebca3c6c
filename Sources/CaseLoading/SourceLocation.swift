import CaseModel

/// Where a value or a problem comes from: a file, and a place in it.
///
/// Printed the way editors and spreadsheets show places:
/// `Inputs/cases/C07.yaml:12:14`, `Inputs/cases.csv:row 8, column harm.outcome`,
/// `Inputs/cases.xlsx: sheet cases, cell F7 (child.age_months)`.
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
        /// A sheet of a workbook as a whole.
        case sheet(String)
        /// A row of a workbook's sheet, with the letters of each named column, so that
        /// a field missing from the row can be blamed on its (empty) cell.
        case sheetRow(sheet: String, row: Int, columns: SheetColumns)
        /// A cell of a workbook's sheet: its reference (`F7`) and the header of its column.
        case sheetCell(sheet: String, cell: String, column: String)
    }

    /// The file path as the caller gave it, joined with "/".
    public var file: String
    public var position: Position
    /// The id of the case whose row this place is in, when a spreadsheet row is
    /// about one case and its id could be read: a cell reference alone does not
    /// say which case a person should look at.
    public var caseID: String?

    public init(file: String, position: Position = .file) {
        self.file = file
        self.position = position
    }

    public init(file: String, line: Int, column: Int) {
        self.init(file: file, position: .lineColumn(line: line, column: column))
    }

    public var description: String {
        caseID.map { place + ", case \($0.excerptForDiagnostic)" } ?? place
    }

    /// The file and the place in it, without the case.
    private var place: String {
        switch position {
        case .file: file
        case .line(let line): "\(file):\(line)"
        case .lineColumn(let line, let column): "\(file):\(line):\(column)"
        case .csvRow(let row): "\(file):row \(row)"
        case .csvCell(let row, let column): "\(file):row \(row), column \(column.excerptForDiagnostic)"
        case .sheet(let sheet): "\(file): sheet \(sheet.excerptForDiagnostic)"
        case .sheetRow(let sheet, let row, _): "\(file): sheet \(sheet.excerptForDiagnostic), row \(row)"
        case .sheetCell(let sheet, let cell, let column):
            "\(file): sheet \(sheet.excerptForDiagnostic), cell \(cell)" + (column.isEmpty ? "" : " (\(column.excerptForDiagnostic))")
        }
    }

    /// The place to blame for a field that is missing from the mapping found here:
    /// the mapping itself in YAML, the field's own (empty) cell in a spreadsheet row.
    public func forMissingField(_ fieldPath: String) -> SourceLocation {
        switch position {
        case .csvRow(let row):
            return SourceLocation(file: file, position: .csvCell(row: row, column: fieldPath))
        case .sheetRow(let sheet, let row, let columns):
            guard let letters = columns.letters[fieldPath] else { return self }
            return SourceLocation(file: file, position: .sheetCell(sheet: sheet, cell: letters + String(row), column: fieldPath))
        default:
            return self
        }
    }

    /// The spreadsheet row this place is in (the header is row 1), or `nil` when it is not a row or cell.
    public var row: Int? {
        switch position {
        case .csvRow(let row), .csvCell(let row, _), .sheetRow(_, let row, _): row
        case .sheetCell(_, let cell, _): Self.rowAndColumn(of: cell)?.row
        default: nil
        }
    }

    /// A key for sorting diagnostics: the sheet, then line or row, then column.
    var sortKey: (String, Int, Int) {
        switch position {
        case .file: ("", 0, 0)
        case .line(let line): ("", line, 0)
        case .lineColumn(let line, let column): ("", line, column)
        case .csvRow(let row): ("", row, 0)
        case .csvCell(let row, _): ("", row, 1)
        case .sheet(let sheet): (sheet, 0, 0)
        case .sheetRow(let sheet, let row, _): (sheet, row, 0)
        case .sheetCell(let sheet, let cell, _):
            Self.rowAndColumn(of: cell).map { (sheet, $0.row, $0.column + 1) } ?? (sheet, 0, 0)
        }
    }

    /// The row and 0-based column of a reference such as `AA12`.
    private static func rowAndColumn(of cell: String) -> (row: Int, column: Int)? {
        var column = 0, row = 0
        for byte in cell.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): column = column * 26 + Int(byte - 64)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): row = row * 10 + Int(byte - 48)
            default: return nil
            }
            if row > 10_000_000 || column > 100_000 { return nil }
        }
        return (row, column - 1)
    }
}

/// The column letters of a sheet's named columns (`child.age_months` → `F`).
public struct SheetColumns: Hashable, Sendable {
    public var letters: [String: String]
    public init(letters: [String: String]) {
        self.letters = letters
    }
}

extension SourceLocation {
    /// The workbook sheet this place is in, if it is in one.
    public var sheetName: String? {
        switch position {
        case .sheet(let sheet), .sheetRow(let sheet, _, _), .sheetCell(let sheet, _, _): sheet
        default: nil
        }
    }
}
