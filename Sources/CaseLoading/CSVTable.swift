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
    /// A sheet's hidden rows that hold a value (the header's, 1, among them), in order.
    public var hiddenRows: [Int] = []
    /// A sheet's hidden columns within the header's width (0 for A), in order.
    public var hiddenColumns: [Int] = []

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
    /// Decoding reads rows in place (``RowTree``) and builds no tree; this is what a
    /// row reads as, for tests and for a reader that wants the whole row.
    public func tree(for row: Row, columns: [Int]) -> LocatedValue {
        RowTree(plan: TreePlan(header: header, columns: columns), row: row, in: self).tree()
    }

    /// The dotted header paths of the columns a reader uses, split once for a whole
    /// file: where each of a row's cells sits in the row's mapping (see ``RowTree``).
    public struct TreePlan: Sendable {
        /// A path's step: one per distinct dotted prefix of the columns' paths.
        fileprivate struct Node: Sendable {
            var key: String
            /// The node it is a key of; the row's own mapping is -1.
            var parent: Int
            /// The nodes whose parent it is, in the order they were made.
            var children: [Int] = []
        }

        fileprivate struct Column: Sendable {
            var index: Int
            /// The nodes of its path, outermost first.
            var path: [Int]
        }

        fileprivate private(set) var nodes: [Node] = []
        fileprivate private(set) var columns: [Column] = []
        /// The nodes of the row's own mapping, in the order they were made.
        private var rootChildren: [Int] = []

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
                        nodes.append(Node(key: key, parent: parent))
                        if parent < 0 { rootChildren.append(nodes.count - 1) } else { nodes[parent].children.append(nodes.count - 1) }
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

        /// The nodes whose parent is `parent` (-1 for the row's own mapping), in the order they were made.
        fileprivate func children(of parent: Int) -> [Int] {
            parent < 0 ? rootChildren : nodes[parent].children
        }

        /// Counts the header paths split while it is set: a test's way to see that a
        /// file's paths are split once for the file, not once a row.
        @TaskLocal static var splits: SplitCounter?

        final class SplitCounter: @unchecked Sendable {
            var count = 0
        }
    }

    /// One row seen as the tree of a ``TreePlan`` (see ``tree(for:columns:)``), with
    /// what each node holds looked up in place rather than built: a reader that takes
    /// the row apart key by key makes only the values it reads. ``tree()`` builds the
    /// whole tree from it.
    public final class RowTree: Sendable {
        /// What the row has at a node of the plan.
        public enum Content: Sendable {
            /// The keys of a dotted prefix (`child` of `child.sex`), a node of the plan.
            case mapping(node: Int)
            /// The text of the cell in a column.
            case cell(column: Int)
        }

        /// One key of a mapping, in the order the tree has it.
        public struct Entry: Sendable {
            public var key: String
            public var content: Content
        }

        /// The row's own mapping, as a node.
        public static let root = -1

        private let plan: TreePlan
        private let cells: [String]
        private let number: Int
        private let table: CSVTable
        /// For each node of the plan, what the row put there: nothing (-2), a mapping
        /// (-1) or the cell of a column (its index).
        private let slot: [Int]
        /// The nodes in the order they were first put.
        private let order: [Int]

        /// Row `number`'s `cells` by `plan`, its places those of `table` (a CSV file or a sheet).
        public init(plan: TreePlan, cells: [String], number: Int, in table: CSVTable) {
            self.plan = plan
            self.cells = cells
            self.number = number
            self.table = table
            var slot = [Int](repeating: -2, count: plan.nodes.count)
            var order: [Int] = []
            order.reserveCapacity(plan.nodes.count)
            for column in plan.columns where column.index < cells.count {
                if cells[column.index].isBlankText { continue }
                let last = column.path.count - 1
                for (depth, node) in column.path.enumerated() {
                    let filled = slot[node]
                    if depth == last {
                        // A key already there (a value or a mapping) keeps what it has.
                        if filled == -2 {
                            slot[node] = column.index
                            order.append(node)
                        }
                        break
                    }
                    // A value cannot hold keys: the column clashes with an earlier one.
                    if filled >= 0 { break }
                    if filled == -2 {
                        slot[node] = -1
                        order.append(node)
                    }
                }
            }
            self.slot = slot
            self.order = order
        }

        /// `row` by `plan`, its places those of `table`.
        public convenience init(plan: TreePlan, row: Row, in table: CSVTable) {
            self.init(plan: plan, cells: row.cells, number: row.number, in: table)
        }

        /// Where the row is: the place of each of its mappings.
        public var location: SourceLocation { table.rowLocation(number) }

        /// What the mapping at `node` has for `key`, if anything.
        public func content(_ key: String, of node: Int) -> Content? {
            for child in plan.children(of: node) where plan.nodes[child].key.isSameKey(as: key) {
                return content(at: child)
            }
            return nil
        }

        /// The keys of the mapping at `node` (those whose key `include` takes), in the order the tree has them.
        public func entries(of node: Int, where include: (String) -> Bool = { _ in true }) -> [Entry] {
            order.compactMap { child in
                guard plan.nodes[child].parent == node, include(plan.nodes[child].key),
                    let content = content(at: child)
                else { return nil }
                return Entry(key: plan.nodes[child].key, content: content)
            }
        }

        /// Where the key holding `content` is: a cell's own place, or the row's for a mapping.
        public func location(of content: Content) -> SourceLocation {
            switch content {
            case .mapping: location
            case .cell(let column): table.cellLocation(row: number, column: column)
            }
        }

        /// The value of the cell in `column`, at its place.
        public func cell(_ column: Int) -> LocatedValue {
            LocatedValue(.scalar(cells[column], .cell), at: table.cellLocation(row: number, column: column))
        }

        /// The row's whole tree.
        public func tree() -> LocatedValue {
            value(of: .mapping(node: Self.root))
        }

        private func content(at node: Int) -> Content? {
            switch slot[node] {
            case -2: nil
            case -1: .mapping(node: node)
            case let column: .cell(column: column)
            }
        }

        private func value(of content: Content) -> LocatedValue {
            switch content {
            case .cell(let column):
                return cell(column)
            case .mapping(let node):
                let location = self.location
                return LocatedValue(
                    .mapping(
                        entries(of: node).map { entry in
                            LocatedValue.Entry(
                                key: entry.key, keyLocation: self.location(of: entry.content), value: value(of: entry.content))
                        }), at: location)
            }
        }
    }
}
