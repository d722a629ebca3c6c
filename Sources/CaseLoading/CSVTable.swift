/// A spreadsheet read into rows of text cells, numbered as a spreadsheet shows them:
/// a CSV file, or one sheet of a workbook (then ``sheet`` is set and places are cells
/// such as `F7`).
public struct CSVTable: Hashable, Sendable {
    /// One data row.
    public struct Row: Hashable, Sendable {
        /// The spreadsheet row number: the header is row 1, the first case row 2.
        public var number: Int
        /// One cell per header column, in header order.
        public var cells: [String]
        /// Columns whose cell was refused when it was read (a date, a spreadsheet
        /// error): already reported, so their field is not reported again as missing.
        public var refused: Set<Int>
        public init(number: Int, cells: [String], refused: Set<Int> = []) {
            self.number = number
            self.cells = cells
            self.refused = refused
        }
    }

    public var file: String
    /// The workbook sheet this table is, or `nil` for a CSV file.
    public var sheet: String?
    /// The header cells, trimmed of surrounding spaces.
    public var header: [String] { didSet { columns = Self.columns(of: header) } }
    /// The rows with as many cells as the header; blank rows are left out.
    public var rows: [Row]
    /// Every non-blank row after the header, including rows refused for their cell count.
    public var dataRowCount: Int

    public init(file: String, sheet: String? = nil, header: [String], rows: [Row], dataRowCount: Int) {
        self.file = file
        self.sheet = sheet
        self.header = header
        self.rows = rows
        self.dataRowCount = dataRowCount
        self.columns = Self.columns(of: header)
    }

    /// The column letters of a sheet (`A` for the first column).
    public static func letters(_ index: Int) -> String {
        var n = index + 1
        var scalars: [Unicode.Scalar] = []
        while n > 0 {
            scalars.append(Unicode.Scalar(UInt8(65 + (n - 1) % 26)))
            n = (n - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// Where the file or sheet as a whole is.
    public var location: SourceLocation {
        SourceLocation(file: file, position: sheet.map { .sheet($0) } ?? .file)
    }

    /// Where a whole row is: `row 7` in a CSV file, `sheet cases, row 7` in a workbook.
    public func rowLocation(_ number: Int) -> SourceLocation {
        guard let sheet else { return SourceLocation(file: file, position: .csvRow(number)) }
        return SourceLocation(file: file, position: .sheetRow(sheet: sheet, row: number, columns: columns))
    }

    /// Where the cell of row `number` in column `index` is.
    public func cellLocation(row number: Int, column index: Int) -> SourceLocation {
        let name = index < header.count ? header[index] : ""
        guard let sheet else {
            return SourceLocation(file: file, position: .csvCell(row: number, column: name.isEmpty ? "\(index + 1)" : name))
        }
        return SourceLocation(file: file, position: .sheetCell(sheet: sheet, cell: Self.letters(index) + String(number), column: name))
    }

    /// Where a header cell is (row 1).
    public func headerLocation(_ index: Int) -> SourceLocation {
        cellLocation(row: 1, column: index)
    }

    /// The column letters of each named column, for places in a sheet (kept with the header).
    private var columns: SheetColumns

    private static func columns(of header: [String]) -> SheetColumns {
        var letters: [String: String] = [:]
        for (index, name) in header.enumerated() where letters[name] == nil { letters[name] = Self.letters(index) }
        return SheetColumns(letters: letters)
    }

    /// The row as a mapping built from the dotted header paths of `columns` (indices
    /// into the header): `child.sex` becomes `child: {sex: …}`. An empty cell is an
    /// absent key. A column whose path clashes with an earlier one is skipped.
    public func tree(for row: Row, columns: [Int]) -> LocatedValue {
        let rowLocation = rowLocation(row.number)
        var root = LocatedValue(.mapping([]), at: rowLocation)
        for index in columns where index < row.cells.count && index < header.count {
            let cell = row.cells[index]
            if cell.allSatisfy({ $0.isWhitespace }) { continue }
            let cellLocation = cellLocation(row: row.number, column: index)
            let path = header[index].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            Self.insert(LocatedValue(.scalar(cell, .cell), at: cellLocation), at: path[...], into: &root, rowLocation: rowLocation)
        }
        return root
    }

    private static func insert(_ value: LocatedValue, at path: ArraySlice<String>, into node: inout LocatedValue,
                               rowLocation: SourceLocation) {
        guard let key = path.first, case .mapping(var entries) = node.kind else { return }
        if path.count == 1 {
            guard !entries.contains(where: { $0.key == key }) else { return }
            entries.append(LocatedValue.Entry(key: key, keyLocation: value.location, value: value))
        } else if let at = entries.firstIndex(where: { $0.key == key }) {
            insert(value, at: path.dropFirst(), into: &entries[at].value, rowLocation: rowLocation)
        } else {
            var child = LocatedValue(.mapping([]), at: rowLocation)
            insert(value, at: path.dropFirst(), into: &child, rowLocation: rowLocation)
            entries.append(LocatedValue.Entry(key: key, keyLocation: rowLocation, value: child))
        }
        node.kind = .mapping(entries)
    }
}
