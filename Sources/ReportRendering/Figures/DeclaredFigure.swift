import CaseModel
import ChartLayout
import CohortStatistics

/// A declared analysis counted over a cohort: its figure, and the counts it
/// publishes under placeholder names, each with its ``CellDefinition``.
///
/// Placeholder names (documented in `docs/templates.md`):
/// - a cross-tabulation `ID`: `crosstab.ID.ROW.COLUMN` for a cell, `crosstab.ID.ROW.all`
///   and `crosstab.ID.all.COLUMN` for the totals of a row and of a column, and
///   `crosstab.ID.all` for every case counted; a cell is a share of its row's total
///   (`shares: by-row`) or of its column's (`by-column`);
/// - a co-occurrence figure `ID`: `together.ID.A.B` for the cases with exactly the
///   sets A and B (in the declared order) and `together.ID.all` for the cases with
///   every set, each when the figure shows it on its own (at least the declared
///   minimum); `together.ID.none` for those with none, `together.ID.other` for every
///   other combination (fewer cases than the minimum, or none), `together.ID.set.A`
///   for every case with A, and `together.ID.cases` for every case counted.
///
/// `ROW`, `COLUMN`, `A` are each group's key: a value's key (`yes`/`no` for a yes/no
/// field), or a feature's (the last part of a yes/no field's name, or a list item).
struct DeclaredFigure: Sendable {
    let declaration: FigureDeclaration
    let result: Counted

    enum Counted: Sendable {
        case crosstab(CrossTab)
        case combinations(Combinations)
    }

    init(_ declaration: FigureDeclaration, cases: [Case], fields: [CodedField]) {
        self.declaration = declaration
        let reader = CaseFieldReader(fields)
        switch declaration.kind {
        case .crosstab(let c):
            result = .crosstab(CrossTab(cases, fields: reader, rows: c.rows, columns: c.columns, filter: declaration.filter))
        case .coOccurrence(let c):
            result = .combinations(Combinations(cases, fields: reader, sets: c.sets, filter: declaration.filter))
        }
    }

    var id: String { declaration.id }

    /// The figure as the registry holds it, built-in figures' equal.
    var definition: FigureDefinition {
        let figure = self
        switch declaration.kind {
        case .crosstab(let c):
            return FigureDefinition(
                id: id, shows: declaration.title, categoryHeading: c.rowsHeading, valuePrefix: "crosstab.\(id)",
                order: .natural("the rows in the order the declaration's field or list gives them"),
                source: .chart { figure.chart($0) }, declaredIn: declaration.file)
        case .coOccurrence:
            return FigureDefinition(
                id: id, shows: declaration.title, categoryHeading: "Combination", valuePrefix: "together.\(id)",
                order: .byValue,
                source: .chart { figure.chart($0) }, declaredIn: declaration.file)
        }
    }

    // MARK: - Names

    func cellName(_ row: String, _ column: String) -> String { "crosstab.\(id).\(row).\(column)" }
    var totalName: String {
        switch result {
        case .crosstab: "crosstab.\(id).all"
        case .combinations: "together.\(id).cases"
        }
    }
    func combinationName(_ sets: Combinations, _ members: [Int]) -> String {
        members.count == sets.sets.count
            ? "together.\(id).all" : "together.\(id)." + members.map { sets.sets[$0].key }.joined(separator: ".")
    }
    var noneName: String { "together.\(id).none" }
    var otherName: String { "together.\(id).other" }
    func setName(_ set: CaseGroup) -> String { "together.\(id).set.\(set.key)" }

    /// The combinations shown on their own (at least the declared minimum) and those
    /// grouped as "other combinations".
    func partition(_ sets: Combinations) -> (shown: [Combinations.Combination], other: [Combinations.Combination]) {
        guard case .coOccurrence(let c) = declaration.kind else { return ([], []) }
        return (sets.combinations.filter { $0.count.count >= c.minimum }, sets.combinations.filter { $0.count.count < c.minimum })
    }

    // MARK: - Values

    /// Publishes every count: cells, totals, combinations, each with its definition.
    func publish(into values: inout ReportValues) {
        let title = declaration.title
        switch result {
        case .crosstab(let t):
            guard case .crosstab(let c) = declaration.kind else { return }
            let grand = totalName
            values.declare(grand, t.total, of: declaration.filter.isEmpty ? nil : "cases", title: "\(title): every case counted")
            let exclusiveRows = !t.rows.overlapping && !t.rows.partial
            let exclusiveColumns = !t.columns.overlapping && !t.columns.partial
            for (r, row) in t.rows.groups.enumerated() {
                values.declare(cellName(row.key, "all"), t.rowTotals[r], of: grand, title: "\(title): \(row.label)")
            }
            for (k, column) in t.columns.groups.enumerated() {
                values.declare(cellName("all", column.key), t.columnTotals[k], of: grand, title: "\(title): \(column.label)")
            }
            for (r, row) in t.rows.groups.enumerated() {
                for (k, column) in t.columns.groups.enumerated() {
                    let base = c.shares == .byRow ? cellName(row.key, "all") : cellName("all", column.key)
                    values.declare(cellName(row.key, column.key), t.cells[r][k], of: base, title: "\(title): \(row.label), \(column.label)")
                }
                values.family(
                    "crosstab.\(id).row.\(row.key)", names: t.columns.groups.map { cellName(row.key, $0.key) },
                    labels: t.columns.groups.map(\.label), exclusive: exclusiveColumns, total: cellName(row.key, "all"))
            }
            for column in t.columns.groups {
                values.family(
                    "crosstab.\(id).column.\(column.key)", names: t.rows.groups.map { cellName($0.key, column.key) },
                    labels: t.rows.groups.map(\.label), exclusive: exclusiveRows, total: cellName("all", column.key))
            }
            values.family(
                "crosstab.\(id).rows", names: t.rows.groups.map { cellName($0.key, "all") }, labels: t.rows.groups.map(\.label),
                exclusive: exclusiveRows, total: grand)
            values.family(
                "crosstab.\(id).columns", names: t.columns.groups.map { cellName("all", $0.key) },
                labels: t.columns.groups.map(\.label), exclusive: exclusiveColumns, total: grand)
        case .combinations(let sets):
            let total = totalName
            values.declare(total, sets.total, of: declaration.filter.isEmpty ? nil : "cases", title: "\(title): every case counted")
            for set in sets.sets.indices {
                values.declare(
                    setName(sets.sets[set]), sets.setSizes[set], of: total, title: "\(title): \(sets.sets[set].label), in any combination")
            }
            guard case .coOccurrence(let c) = declaration.kind else { return }
            let shown = Set(partition(sets).shown.map(\.members))
            var members: [(name: String, label: String)] = []
            var parts: [String] = []
            var other = 0
            for pattern in Self.patterns(sets.sets.count) {
                let name = combinationName(sets, pattern)
                let count =
                    sets.combination(pattern)?.count
                    ?? CrossTab.Count(count: 0, caseIDs: [], definition: sets.definition(of: pattern))
                if shown.contains(pattern) {
                    values.declare(name, count, of: total, title: "\(title): \(label(sets, pattern))")
                    members.append((name, label(sets, pattern)))
                    // Shown on its own, withheld or not: a reader knows it has at least the minimum.
                    values.bounds[name] = (c.minimum, nil)
                } else {
                    // Every other combination, those no case has included, is counted with
                    // "other combinations" and has no name: were the empty ones published as
                    // 0, a reader would know that each combination left out has from 1 to
                    // the minimum less one. "Other" is a disjunction of exact combinations,
                    // which no one definition describes: it is published as their sum, and
                    // each one's definition and count are recorded (not published) so that
                    // disclosure control can model it as that sum.
                    values.recordUnpublished(name, count, atMost: c.minimum - 1)
                    parts.append(name)
                    other += count.count
                }
            }
            values.declareSum(otherName, other, of: total, parts: parts, title: "\(title): other combinations")
            values.declare(noneName, sets.none, of: total, title: "\(title): none of them")
            values.family(
                "together.\(id)", names: members.map(\.name) + [otherName, noneName],
                labels: members.map(\.label) + ["Other combinations", "None of these"], exclusive: true, total: total)
        }
    }

    /// Every non-empty combination of `n` sets, as positions, in a stable order.
    static func patterns(_ n: Int) -> [[Int]] {
        (1..<(1 << n)).map { bits in (0..<n).filter { bits & (1 << $0) != 0 } }
    }

    func label(_ sets: Combinations, _ members: [Int]) -> String {
        ReportValues.list(members.map { sets.sets[$0].label })
    }

    // MARK: - Chart

    func chart(_ input: FigureInputs) -> ChartBody {
        let unit = input.words.unit ?? declaration.unit
        let title = input.words.title ?? declaration.title
        switch result {
        case .crosstab(let t):
            guard case .crosstab(let c) = declaration.kind else { fatalError("a crosstab's result is a cross-tabulation") }
            var places: [String] = []
            if t.rows.overlapping { places.append("several rows") }
            if t.columns.overlapping { places.append(t.columns.partial ? "several columns or none" : "several columns") }
            let several = places.isEmpty ? "" : "; a case can be counted in " + places.joined(separator: " and in ")
            // Each row's total is counted from the cases, as is every case counted: with a
            // list in the columns, a case may be in several or none, and its cells do not add up to it.
            var categories = t.rows.groups.indices.map { r in
                var row = ChartCategory(label: t.rows.groups[r].label, values: t.cells[r].map(\.count))
                row.statedSum = t.rowTotals[r].count
                return row
            }
            var all = ChartCategory(label: "All \(unit)", values: t.columnTotals.map(\.count))
            all.statedSum = t.total.count
            categories.append(all)
            func subtitle(_ total: String) -> String {
                "Number of \(unit) by \(c.rowsHeading.lowercased()) and \(c.columnsHeading.lowercased()), \(total) in all\(several)"
            }
            var spec = ChartSpec(
                kind: c.chart == .grouped ? .groupedHorizontalBar : .stackedHorizontalBar, id: id, title: title,
                subtitle: subtitle(String(t.total.count)),
                categories: categories, series: t.columns.groups.map(\.label), unit: unit, total: t.total.count,
                sourceNote: input.sourceNote)
            spec.shareBase = c.shares == .byRow ? .category : .series
            let rowNames = t.rows.groups.map { row in
                (values: t.columns.groups.map { cellName(row.key, $0.key) }, sum: cellName(row.key, "all"))
            }
            let totalNames = (values: t.columns.groups.map { cellName("all", $0.key) }, sum: totalName)
            var body = ChartBody(
                spec: spec,
                caseIDs: t.rows.groups.indices.map { (t.rows.groups[$0].label, t.rowTotals[$0].caseIDs) } + [
                    ("All \(unit)", t.total.caseIDs)
                ],
                valueNames: [], cellNames: rowNames + [totalNames])
            body.withheldTotal = (totalName, subtitle(Disclosure.symbol))
            return body
        case .combinations(let sets):
            let (shown, other) = partition(sets)
            var categories = shown.map { combination in
                var category = ChartCategory(label: label(sets, combination.members), value: combination.count.count)
                category.members = combination.members
                return category
            }
            var names = shown.map { combinationName(sets, $0.members) }
            var ids = shown.map { (label(sets, $0.members), $0.count.caseIDs) }
            if !other.isEmpty {
                categories.append(ChartCategory(label: "Other combinations", value: other.reduce(0) { $0 + $1.count.count }))
                names.append(otherName)
                ids.append(("Other combinations", other.flatMap(\.count.caseIDs)))
            }
            var none = ChartCategory(label: "None of these", value: sets.none.count)
            none.members = []
            categories.append(none)
            names.append(noneName)
            ids.append(("None of these", sets.none.caseIDs))
            func subtitle(_ total: String) -> String {
                "Number of \(unit) with exactly each combination of the sets (dots), \(total) in all"
            }
            var spec = ChartSpec(
                kind: .horizontalBar, id: id, title: title, subtitle: subtitle(String(sets.total.count)),
                categories: categories, unit: unit, total: sets.total.count, sourceNote: input.sourceNote)
            spec.sets = zip(sets.sets, sets.setSizes).map { ChartSet(label: $0.label, size: $1.count) }
            var body = ChartBody(spec: spec, caseIDs: ids, valueNames: names, setNames: sets.sets.map(setName))
            body.withheldTotal = (totalName, subtitle(Disclosure.symbol))
            return body
        }
    }
}
