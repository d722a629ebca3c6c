import ChartLayout
import CohortStatistics

/// The numbers behind a chart as one table, in the chart's order: the one source of its
/// data table on the page, its CSV file and its sheet in the workbooks, each of which
/// only writes it (``FigureData``, ``FigureWriter``, ``ReportTables``). A row's first
/// cell is its label; a withheld number is ``Cell/withheld`` wherever it stands.
public struct FigureTable: Equatable, Sendable {
    public struct Column: Equatable, Sendable {
        /// As the page and the workbook head it ("Share of 23").
        public let heading: String
        /// As the CSV file heads it ("percent").
        public let csvName: String
        public let kind: Kind

        public enum Kind: Equatable, Sendable {
            /// The rows' labels (the first column).
            case label
            case count
            /// A share, as a whole percent.
            case percent
            /// Words that are not a number.
            case text
        }
    }

    public enum Cell: Equatable, Sendable {
        case text(String)
        case count(Int)
        case percent(Share)
        /// A number withheld by disclosure control: `[c]`, with no number behind it.
        case withheld
    }

    public let columns: [Column]
    public let rows: [[Cell]]

    /// The table of `spec`: a row a category, its label, its count (a count a series,
    /// then their total, for a stacked or grouped chart), its share of the chart's total
    /// and, as the spec asks, each count's share of its row or column. The first column
    /// is headed `categoryHeading`.
    ///
    /// A chart of combinations (``ChartSpec/sets``) adds, after its combinations, a row
    /// a set ("Mental health, in any combination") with its size and share, and a last
    /// column, `counted`, that says which rows count each case by its exact combination
    /// (they add up to the total) and which by set, in any combination (they overlap).
    public init(_ spec: ChartSpec, categoryHeading: String = "Category") {
        let unit = spec.unit.prefix(1).uppercased() + spec.unit.dropFirst()
        var columns = [Column(heading: categoryHeading, csvName: "category", kind: .label)]
        if spec.kind.hasSeries {
            columns += spec.series.map { Column(heading: $0, csvName: ReportValues.slug($0), kind: .count) }
            columns.append(Column(heading: "All \(spec.unit)", csvName: "count", kind: .count))
        } else {
            columns.append(Column(heading: unit, csvName: "count", kind: .count))
        }
        let total = spec.totalSuppressed ? ChartShare.suppressedSymbol : String(spec.total)
        columns.append(Column(heading: "Share of \(total)", csvName: "percent", kind: .percent))
        // A share of a withheld total would give the total back.
        func share(_ count: Int) -> Cell { spec.totalSuppressed ? .withheld : .percent(Share(count, of: spec.total)) }
        if spec.kind.hasSeries && spec.shareBase != .total {
            let of = spec.shareBase == .category ? "row" : "column"
            columns += spec.series.map {
                Column(heading: "\($0), share of \(of)", csvName: ReportValues.slug($0) + "-percent-of-\(of)", kind: .percent)
            }
        }
        let combinations = !spec.sets.isEmpty
        if combinations { columns.append(Column(heading: "Counted", csvName: "counted", kind: .text)) }
        self.columns = columns
        var rows = spec.categories.map { category in
            var cells: [Cell] = [.text(category.label)]
            if spec.kind.hasSeries {
                cells += category.values.enumerated().map { category.suppressedValues.contains($0.offset) ? .withheld : .count($0.element) }
            }
            cells +=
                category.suppressedSum ? [.withheld, .withheld] : [.count(category.sum), share(category.sum)]
            if spec.kind.hasSeries {
                cells += Self.cellShares(spec, category).map { $0.map(Cell.percent) ?? .withheld }
            }
            if combinations { cells.append(.text(Self.exactly)) }
            return cells
        }
        for set in spec.sets {
            rows.append(
                [.text("\(set.label), in any combination")]
                    + (set.suppressed ? [.withheld, .withheld] : [.count(set.size), share(set.size)])
                    + [.text(Self.bySet)])
        }
        self.rows = rows
    }

    /// The `counted` column's words. A combination's row, the other combinations' and
    /// none's count each case once, in its exact combination, and add up to the total; a
    /// set's row counts every case with the set, whatever else it has, so sets overlap.
    /// ("Counted by exact combination" reads true of "Other combinations" and "None of
    /// these" too, as "exactly this combination" would not.)
    static let exactly = "by exact combination"
    static let bySet = "by set in any combination"

    /// Each count of a category as a share of its ``ChartSpec/ShareBase``, nil where the
    /// count or its base is withheld; empty when the spec gives only shares of the whole.
    static func cellShares(_ spec: ChartSpec, _ category: ChartCategory) -> [Share?] {
        guard spec.shareBase != .total, let totals = spec.categories.last else { return [] }
        return category.values.indices.map { index -> Share? in
            guard !category.suppressedValues.contains(index) else { return nil }
            switch spec.shareBase {
            case .total: return nil
            case .category: return category.suppressedSum ? nil : Share(category.values[index], of: category.sum)
            case .series:
                return totals.suppressedValues.contains(index) ? nil : Share(category.values[index], of: totals.values[index])
            }
        }
    }

    /// Whether any number of the table is withheld.
    public var withholds: Bool { rows.contains { $0.contains(.withheld) } }

    /// A row's label (its first cell).
    public static func label(_ row: [Cell]) -> String {
        if case .text(let label)? = row.first { label } else { "" }
    }
}
