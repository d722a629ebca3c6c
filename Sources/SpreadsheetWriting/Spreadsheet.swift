/// A workbook of accessible tables, in the shape the Government Analysis Function's
/// "Releasing statistics in spreadsheets" asks for (as gptables and aftables write it):
/// a cover, a contents table, a notes table, then one table per sheet.
///
/// One model for both formats: ``ODSWriter`` and ``XLSXWriter`` each write it, and
/// neither decides anything about content. Every sheet starts with its title in A1,
/// then lines of text, then (on every sheet but the cover) one table with exactly one
/// header row. Nothing is merged, nothing is hidden, and there are no formulas.
public struct Spreadsheet: Sendable, Equatable {
    /// The document's title (its properties, and the cover's A1).
    public var title: String
    /// Who publishes it (the properties' creator).
    public var creator: String
    /// The fixed date the properties carry, `YYYY-MM-DD` (the publication date):
    /// the same inputs give the same bytes.
    public var date: String
    public var sheets: [Sheet]

    public init(title: String, creator: String, date: String, sheets: [Sheet]) {
        self.title = title
        self.creator = creator
        self.date = date
        self.sheets = sheets
    }

    /// One sheet: its title (A1), lines of text under it, then its table, if any.
    public struct Sheet: Sendable, Equatable {
        /// Short and meaningful, at most 31 characters, letters, digits and `_` only
        /// (so it is also a valid table name and needs no quoting in a reference).
        public var name: String
        public var title: String
        /// The notes the sheet refers to (`[note 1]`), written after its title in A1.
        public var notes: [String]
        /// Rows of text under the title, one cell each (column A).
        public var lines: [Cell]
        public var table: Table?

        public init(name: String, title: String, notes: [String] = [], lines: [Cell] = [], table: Table? = nil) {
            self.name = name
            self.title = title
            self.notes = notes
            self.lines = lines
            self.table = table
        }

        /// A1: the title, then the notes it refers to.
        public var heading: String { ([title] + notes).joined(separator: " ") }

        /// The 1-based row of the table's header: after the title and the lines.
        public var headerRow: Int { 2 + lines.count }

        /// Each column's width in characters: the widest of its table cells (the
        /// title and lines may run on), at least 8 and at most 80.
        public var columnWidths: [Int] {
            guard let table else { return [min(80, max(8, lines.map(\.width).max() ?? 8))] }
            let rows = [table.header.map(Cell.text)] + table.rows
            return table.header.indices.map { column in
                let widest = rows.map { column < $0.count ? $0[column].width : 0 }.max() ?? 0
                return min(80, max(8, widest + 2))
            }
        }
    }

    /// A table: one header row of unique, non-empty column names, then its rows,
    /// each as wide as the header. Its name is the sheet's.
    public struct Table: Sendable, Equatable {
        public var header: [String]
        public var rows: [[Cell]]
        public init(header: [String], rows: [[Cell]]) {
            self.header = header
            self.rows = rows
        }
    }

    /// A cell's value: text, a number (stored as a number) or a link to another sheet's A1.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Int)
        /// Text that links to the named sheet.
        case link(String, sheet: String)

        /// The text a reader sees.
        public var shown: String {
            switch self {
            case .text(let text), .link(let text, _): text
            case .number(let n): String(n)
            }
        }

        var width: Int { shown.split(separator: "\n").map(\.count).max() ?? 0 }
    }

    /// Why a model cannot be written: a broken sheet name, a table that is not a table.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Checks what both formats rely on: unique, valid sheet names; tables with a
    /// unique, non-empty header and rows as wide as it; links to sheets that exist.
    public func check() throws(Problem) {
        var seen = Set<String>()
        let names = Set(sheets.map(\.name))
        for sheet in sheets {
            let name = sheet.name
            guard (1...31).contains(name.count), name.first!.isASCII, name.first!.isLetter,
                name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            else { throw Problem(description: "sheet name \"\(name)\" is not 1 to 31 letters, digits or _ starting with a letter") }
            guard seen.insert(name.lowercased()).inserted else { throw Problem(description: "two sheets are named \"\(name)\"") }
            guard let table = sheet.table else { continue }
            guard !table.header.isEmpty, !table.header.contains(where: \.isEmpty),
                Set(table.header.map { $0.lowercased() }).count == table.header.count
            else { throw Problem(description: "the table on sheet \"\(name)\" needs unique, non-empty column names") }
            guard !table.rows.isEmpty else { throw Problem(description: "the table on sheet \"\(name)\" has no rows") }
            for row in table.rows where row.count != table.header.count || row.contains(where: { $0.shown.isEmpty }) {
                throw Problem(description: "a row of the table on sheet \"\(name)\" has a blank cell or is not as wide as its header")
            }
            for case .link(_, let target) in table.rows.joined() where !names.contains(target) {
                throw Problem(description: "sheet \"\(name)\" links to a sheet \"\(target)\" that does not exist")
            }
        }
    }

    /// `A`, `B`, … `Z`, `AA`: a 0-based column's letters.
    static func letters(_ column: Int) -> String {
        var n = column + 1
        var result = ""
        while n > 0 {
            let r = (n - 1) % 26
            result = String(UnicodeScalar(UInt8(65 + r))) + result
            n = (n - 1) / 26
        }
        return result
    }
}
