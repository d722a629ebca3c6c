/// A spreadsheet export read into rows of text cells, numbered as a spreadsheet shows them.
public struct CSVTable: Hashable, Sendable {
    /// One case row.
    public struct Row: Hashable, Sendable {
        /// The spreadsheet row number: the header is row 1, the first case row 2.
        public var number: Int
        /// One cell per header column, in header order.
        public var cells: [String]
        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }

    public var file: String
    /// The header cells, trimmed of surrounding spaces.
    public var header: [String]
    /// The rows with as many cells as the header; blank rows are left out.
    public var rows: [Row]
    /// Every non-blank row after the header, including rows refused for their cell count.
    public var dataRowCount: Int

    public init(file: String, header: [String], rows: [Row], dataRowCount: Int) {
        self.file = file
        self.header = header
        self.rows = rows
        self.dataRowCount = dataRowCount
    }

    /// The row as a mapping built from the dotted header paths of `columns` (indices
    /// into the header): `child.sex` becomes `child: {sex: …}`. An empty cell is an
    /// absent key. A column whose path clashes with an earlier one is skipped.
    public func tree(for row: Row, columns: [Int]) -> LocatedValue {
        let rowLocation = SourceLocation(file: file, position: .csvRow(row.number))
        var root = LocatedValue(.mapping([]), at: rowLocation)
        for index in columns where index < row.cells.count && index < header.count {
            let cell = row.cells[index]
            if cell.allSatisfy({ $0.isWhitespace }) { continue }
            let cellLocation = SourceLocation(file: file, position: .csvCell(row: row.number, column: header[index]))
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
