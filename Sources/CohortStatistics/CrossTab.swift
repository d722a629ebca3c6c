import CaseModel

/// A two-way table of cases: the cases (of those that pass a filter) in each row
/// group and column group, with the totals of each row and each column.
///
/// Each count carries its ``CellDefinition``: the filter's conditions, the row's
/// and the column's. When rows or columns overlap (a list field, a list of
/// features), a case is counted once in each group it is in, so cells need not
/// add up to their margin; the margins are counted from the cases, not summed.
public struct CrossTab: Sendable, Hashable {
    public let rows: CaseSplit
    public let columns: CaseSplit
    /// The conditions every counted case meets (the declaration's `filter:`).
    public let filter: [CellDefinition.Condition]
    /// `cells[row][column]`: the cases in both.
    public let cells: [[Count]]
    /// The cases in each row (of any column).
    public let rowTotals: [Count]
    /// The cases in each column (of any row).
    public let columnTotals: [Count]
    /// The cases that pass the filter.
    public let total: Count

    /// A number of cases, the ids of those cases (in cohort order) and what they are.
    public struct Count: Sendable, Hashable {
        public let count: Int
        public let caseIDs: [String]
        public let definition: CellDefinition
        public init(count: Int, caseIDs: [String], definition: CellDefinition) {
            self.count = count
            self.caseIDs = caseIDs
            self.definition = definition
        }
    }

    public init(_ cases: [Case], fields: CaseFieldReader, rows: CaseSplit, columns: CaseSplit, filter: [CellDefinition.Condition]) {
        self.rows = rows
        self.columns = columns
        self.filter = filter
        func count(_ conditions: [CellDefinition.Condition]) -> Count {
            let all = filter + conditions
            let ids = cases.filter { fields.meets($0, all) }.map(\.id)
            return Count(count: ids.count, caseIDs: ids, definition: CellDefinition(.cases, all))
        }
        cells = rows.groups.map { row in columns.groups.map { column in count(row.conditions + column.conditions) } }
        rowTotals = rows.groups.map { count($0.conditions) }
        columnTotals = columns.groups.map { count($0.conditions) }
        total = count([])
    }
}
