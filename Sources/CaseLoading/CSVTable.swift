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
    /// (To build many rows' trees, make one ``TreePlan`` and keep it.)
    public func tree(for row: Row, columns: [Int]) -> LocatedValue {
        TreePlan(header: header, columns: columns).tree(for: row, in: self)
    }

    /// The dotted header paths of the columns a reader uses, split once for a whole
    /// file, and how each row's cells become a tree by them (see ``tree(for:columns:)``).
    public struct TreePlan: Sendable {
        /// A path's step: one per distinct dotted prefix of the columns' paths.
        private struct Node: Sendable {
            var key: String
            /// The node it is a key of; the row's own mapping is -1.
            var parent: Int
            /// How many keys its mapping may have, at most.
            var width: Int
        }

        private struct Column: Sendable {
            var index: Int
            /// The nodes of its path, outermost first.
            var path: [Int]
        }

        private var nodes: [Node] = []
        private var columns: [Column] = []
        /// How many keys the row's own mapping may have, at most.
        private var rootWidth = 0

        /// The plan for the header's `columns`, in that order (those past the header's end are left out).
        public init(header: [String], columns indices: [Int]) {
            var index: [Pair: Int] = [:]
            for column in indices where column < header.count {
                let steps = header[column].split(separator: ".", omittingEmptySubsequences: false)
                TreePlan.splits?.count += 1
                var parent = -1
                var path: [Int] = []
                for step in steps {
                    let key = String(step)
                    if let known = index[Pair(parent: parent, key: key)] {
                        parent = known
                    } else {
                        nodes.append(Node(key: key, parent: parent, width: 0))
                        if parent < 0 { rootWidth += 1 } else { nodes[parent].width += 1 }
                        index[Pair(parent: parent, key: key)] = nodes.count - 1
                        parent = nodes.count - 1
                    }
                    path.append(parent)
                }
                columns.append(Column(index: column, path: path))
            }
        }

        private struct Pair: Hashable {
            var parent: Int
            var key: String
        }

        /// The row's tree, its places those of `table` (a CSV file or a sheet).
        public func tree(for row: Row, in table: CSVTable) -> LocatedValue {
            tree(cells: row.cells, number: row.number, in: table)
        }

        /// The tree of row `number`'s `cells`, its places those of `table`.
        public func tree(cells: [String], number: Int, in table: CSVTable) -> LocatedValue {
            let rowLocation = table.rowLocation(number)
            let count = nodes.count
            // For each node, what the row put there: nothing (-2), a mapping (-1) or the
            // cell of a column (its index); then the nodes in the order they were first put.
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: max(2 * count, 1)) { scratch in
                let slot = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
                let order = UnsafeMutableBufferPointer(rebasing: scratch[count..<(2 * count)])
                slot.initialize(repeating: -2)
                var placed = 0
                for column in columns where column.index < cells.count {
                    if cells[column.index].isBlankText { continue }
                    let last = column.path.count - 1
                    for (depth, node) in column.path.enumerated() {
                        let filled = slot[node]
                        if depth == last {
                            // A key already there (a value or a mapping) keeps what it has.
                            if filled == -2 {
                                slot[node] = column.index
                                order[placed] = node
                                placed += 1
                            }
                            break
                        }
                        // A value cannot hold keys: the column clashes with an earlier one.
                        if filled >= 0 { break }
                        if filled == -2 {
                            slot[node] = -1
                            order[placed] = node
                            placed += 1
                        }
                    }
                }
                func entries(of parent: Int, width: Int) -> [LocatedValue.Entry] {
                    var made: [LocatedValue.Entry] = []
                    made.reserveCapacity(width)
                    for k in 0..<placed {
                        let node = order[k]
                        guard nodes[node].parent == parent else { continue }
                        let filled = slot[node]
                        if filled >= 0 {
                            let location = table.cellLocation(row: number, column: filled)
                            made.append(LocatedValue.Entry(key: nodes[node].key, keyLocation: location,
                                                              value: LocatedValue(.scalar(cells[filled], .cell), at: location)))
                        } else {
                            made.append(LocatedValue.Entry(key: nodes[node].key, keyLocation: rowLocation,
                                                              value: LocatedValue(.mapping(entries(of: node, width: nodes[node].width)), at: rowLocation)))
                        }
                    }
                    return made
                }
                return LocatedValue(.mapping(entries(of: -1, width: rootWidth)), at: rowLocation)
            }
        }

        /// Counts the header paths split while it is set: a test's way to see that a
        /// file's paths are split once for the file, not once a row.
        @TaskLocal static var splits: SplitCounter?

        final class SplitCounter: @unchecked Sendable {
            var count = 0
        }
    }
}
