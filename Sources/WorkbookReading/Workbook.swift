/// What a workbook's sheets hold, as the workbook saved them: rows of cells, each
/// with its reference (`F7`) and its value. Nothing is interpreted here beyond what
/// the file format says (shared strings resolved, booleans and numbers told apart,
/// a number in a date format marked as a date); what a value means is for the caller.
public struct Workbook: Hashable, Sendable {
    /// Every sheet's name, in the workbook's order.
    public var sheetNames: [String]
    /// The sheets that were asked for and exist, by the name asked for.
    public var sheets: [String: Sheet]

    public init(sheetNames: [String], sheets: [String: Sheet]) {
        self.sheetNames = sheetNames
        self.sheets = sheets
    }

    public struct Sheet: Hashable, Sendable {
        /// The name as the workbook spells it.
        public var name: String
        /// The rows that hold at least one value, in order; empty cells are left out.
        public var rows: [Row]
        /// What the sheet hides and merges, which its rows do not show.
        public var layout: Layout

        public init(name: String, rows: [Row], layout: Layout = Layout()) {
            self.name = name
            self.rows = rows
            self.layout = layout
        }
    }

    /// What a sheet hides and merges: a person looking at the sheet does not see
    /// what a hidden row or column holds, and sees a merged range as one cell.
    public struct Layout: Hashable, Sendable {
        /// The numbers of the rows with a value that are hidden, in order.
        public var hiddenRows: [Int]
        /// The hidden columns (0 for A), as the sheet lists them: ranges, in its order.
        public var hiddenColumns: [ClosedRange<Int>]
        /// The merged ranges, each from its top-left cell to its bottom-right one.
        public var merged: [MergedRange]

        public init(hiddenRows: [Int] = [], hiddenColumns: [ClosedRange<Int>] = [], merged: [MergedRange] = []) {
            self.hiddenRows = hiddenRows
            self.hiddenColumns = hiddenColumns
            self.merged = merged
        }
    }

    /// Cells merged into one (`D3:E3`): only the top-left one holds a value.
    public struct MergedRange: Hashable, Sendable {
        public var columns: ClosedRange<Int>
        public var rows: ClosedRange<Int>

        public init(columns: ClosedRange<Int>, rows: ClosedRange<Int>) {
            self.columns = columns
            self.rows = rows
        }

        /// The top-left cell's reference: `D3`.
        public var first: String { CellReference.letters(columns.lowerBound) + String(rows.lowerBound) }

        /// The range as a spreadsheet writes it: `D3:E3`.
        public var reference: String { first + ":" + CellReference.letters(columns.upperBound) + String(rows.upperBound) }
    }

    public struct Row: Hashable, Sendable {
        /// The row number as the spreadsheet shows it (1-based).
        public var number: Int
        /// The cells that hold something, left to right.
        public var cells: [Cell]

        public init(number: Int, cells: [Cell]) {
            self.number = number
            self.cells = cells
        }
    }

    public struct Cell: Hashable, Sendable {
        /// The column, 0 for A.
        public var column: Int
        /// The row number as the spreadsheet shows it (1-based).
        public var row: Int
        public var value: Value

        public init(column: Int, row: Int, value: Value) {
            self.column = column
            self.row = row
            self.value = value
        }

        /// The cell's reference as a spreadsheet shows it: `F7`. Made when asked
        /// for (a message needs it), not for each of a sheet's millions of cells.
        public var reference: String { CellReference.letters(column) + String(row) }
    }

    /// A cell's value as saved.
    public enum Value: Hashable, Sendable {
        /// Text: a shared string, an inline string, or a formula's text result.
        case text(String)
        /// A number as written in the file (`3`, `3.5`, `4.5E-2`). `dateFormat` is set
        /// when the cell is formatted as a date or time, so the number stands for one.
        case number(String, dateFormat: Bool)
        case boolean(Bool)
        /// A date written as text in ISO form (`t="d"` cells).
        case date(String)
        /// A spreadsheet error such as `#N/A` or `#DIV/0!`.
        case error(String)
        /// A formula whose result was never saved (the file was not written by a
        /// spreadsheet that calculates, or calculation was off).
        case formulaWithoutValue(formula: String)
    }
}

/// Column letters and cell references.
public enum CellReference {
    /// The letters of the first 1,000 columns, made once: every cell needs its own.
    private static let common: [String] = (0..<1_000).map(makeLetters)

    /// `A` for 0, `Z` for 25, `AA` for 26.
    public static func letters(_ column: Int) -> String {
        column >= 0 && column < common.count ? common[column] : makeLetters(column)
    }

    private static func makeLetters(_ column: Int) -> String {
        var n = column + 1
        var scalars: [Unicode.Scalar] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(65 + remainder)))
            n = (n - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// The 0-based column and 1-based row of a reference such as `F7` (`$F$7` too),
    /// or `nil` when it is not one.
    public static func parse(_ reference: String) -> (column: Int, row: Int)? {
        parse(utf8: reference.utf8)
    }

    /// The same, from the reference's UTF-8 bytes.
    static func parse(_ reference: UnsafeBufferPointer<UInt8>) -> (column: Int, row: Int)? {
        parse(utf8: reference)
    }

    private static func parse(utf8 reference: some Sequence<UInt8>) -> (column: Int, row: Int)? {
        var column = 0, row = 0, letters = 0, digits = 0
        for byte in reference {
            switch byte {
            case UInt8(ascii: "$"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 4 else { return nil }
                column = column * 26 + Int((byte & 0xDF) - 64)
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 8 else { return nil }
                row = row * 10 + Int(byte - 48)
                digits += 1
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, row > 0 else { return nil }
        return (column - 1, row)
    }
}
