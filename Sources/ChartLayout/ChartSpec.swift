/// The kinds of chart the report draws.
public enum ChartKind: String, Equatable, Sendable, CaseIterable {
    /// Parts of a whole; 2 to 5 parts only.
    case pie
    /// Vertical bars, for ordered categories such as age in months.
    case verticalBar
    /// Horizontal bars, for categories with long labels.
    case horizontalBar
    /// Horizontal bars split into series, with a legend and direct labels.
    case stackedHorizontalBar
    /// Horizontal bars in clusters, a bar per series in each category, with a legend and
    /// each bar's count at its end: for series a case may be in several of, or none.
    case groupedHorizontalBar

    /// Whether each category carries a count per series (``ChartSpec/series``).
    public var hasSeries: Bool { self == .stackedHorizontalBar || self == .groupedHorizontalBar }
}

/// One category of a chart: its label and one count per series.
public struct ChartCategory: Equatable, Sendable {
    /// The category's name as printed beside its bar or slice.
    public var label: String
    /// One count per series (a single count for pies and plain bars).
    public var values: [Int]
    /// The positions in `values` of counts withheld by statistical disclosure control:
    /// they are printed as ``ChartShare/suppressedSymbol`` and never drawn to scale.
    public var suppressedValues: Set<Int> = []
    /// Whether the category's sum is withheld (for a single count, the count itself).
    public var suppressedSum = false
    /// In a chart of combinations (``ChartSpec/sets`` not empty): the positions of the
    /// sets this category is exactly, drawn as a row of dots instead of its label;
    /// nil for a category that is no one combination ("Other combinations"), labelled in words.
    public var members: [Int]? = nil
    /// The category's total when it is not the sum of its counts, counted on its own: in a
    /// grouped chart whose series overlap (a case in several) or leave cases out (in none).
    /// nil: the sum of `values`. Only a grouped chart may state a sum its counts do not add up to.
    public var statedSum: Int? = nil

    /// A category with one count per series.
    public init(label: String, values: [Int]) {
        self.label = label
        self.values = values
    }

    /// A category with a single count.
    public init(label: String, value: Int) {
        self.init(label: label, values: [value])
    }

    /// The category's total: its stated sum, or else the sum of its counts.
    public var sum: Int { statedSum ?? values.reduce(0, +) }

    /// Whether any of its numbers is withheld.
    public var isSuppressed: Bool { suppressedSum || !suppressedValues.isEmpty }

    /// Each count as drawn: a withheld count is not drawn at all, so 0.
    public var drawnValues: [Int] { values.enumerated().map { suppressedValues.contains($0.offset) ? 0 : $0.element } }

    /// The length the category's bar is drawn to: its counts that are not withheld.
    public var drawnSum: Int { drawnValues.reduce(0, +) }

    /// Withholds the count (plain charts), or the counts at `positions` and,
    /// when `sum` is true, the category's sum.
    public func suppressing(_ positions: Set<Int>, sum: Bool) -> ChartCategory {
        var copy = self
        copy.suppressedValues = positions
        copy.suppressedSum = sum
        return copy
    }
}

/// One set of a chart of combinations: its name and how many are in it, in any combination.
public struct ChartSet: Equatable, Sendable {
    public var label: String
    public var size: Int
    /// Whether its size is withheld by statistical disclosure control.
    public var suppressed = false
    public init(label: String, size: Int) {
        self.label = label
        self.size = size
    }
}

/// What a chart shows, separate from how it is laid out.
///
/// A spec says what to draw; `validate()` checks the chart rules and
/// `ChartLayoutEngine.layout(_:)` turns a valid spec into a `Scene`.
public struct ChartSpec: Equatable, Sendable {
    /// The kind of chart.
    public var kind: ChartKind
    /// A stable identifier such as `figure-1`, used for file and element names.
    public var id: String
    /// The headline (what the chart shows, in words).
    public var title: String
    /// The statistical subtitle (what was counted, and of how many).
    public var subtitle: String
    /// Categories in display order (pies are redrawn largest first).
    public var categories: [ChartCategory]
    /// Series names for a stacked or grouped chart (two to six: a colour each); empty for other kinds.
    public var series: [String]
    /// The plural noun being counted, such as `babies` or `cases`.
    public var unit: String
    /// The whole that shares are taken of (for example the 23 babies in the cohort).
    public var total: Int
    /// Whether `total` is withheld by statistical disclosure control (a declared
    /// figure's filtered cases, when few): then it is printed nowhere, nor any share of it.
    public var totalSuppressed = false
    /// Where the figures come from.
    public var sourceNote: String
    /// An optional title for the category axis, such as `Age in months`.
    public var categoryAxisTitle: String?
    /// The sets of a chart of exact combinations (an UpSet figure, Lex et al. 2014),
    /// with the size of each; empty for every other chart.
    public var sets: [ChartSet] = []

    /// What each count of a stacked or grouped chart is also given as a share of, in its data
    /// table: nothing more (`.total`, the default), its category's sum (a
    /// cross-tabulation's row), or its series' total.
    public var shareBase: ShareBase = .total

    /// What the counts of a stacked or grouped chart are shares of, besides the whole.
    public enum ShareBase: Equatable, Sendable {
        /// Each category's sum only, as a share of `total`.
        case total
        /// Each count also as a share of its category's sum ("% of the row").
        case category
        /// Each count also as a share of its series' total, which the last
        /// category holds (a cross-tabulation's row of column totals).
        case series
    }

    /// Makes a spec; nothing is checked until `validate()` or layout.
    public init(
        kind: ChartKind, id: String, title: String, subtitle: String, categories: [ChartCategory],
        series: [String] = [], unit: String, total: Int, sourceNote: String, categoryAxisTitle: String? = nil
    ) {
        self.kind = kind
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.categories = categories
        self.series = series
        self.unit = unit
        self.total = total
        self.sourceNote = sourceNote
        self.categoryAxisTitle = categoryAxisTitle
    }

    /// Whether any number of the chart is withheld by statistical disclosure control,
    /// a set's size included.
    public var hasSuppression: Bool {
        totalSuppressed || categories.contains(where: \.isSuppressed) || sets.contains(where: \.suppressed)
    }

    /// A count with its share of the total, `[c]` when it is withheld, and without
    /// its share when the total is withheld.
    func label(_ count: Int, suppressed: Bool) -> String {
        if totalSuppressed && !suppressed { return String(count) }
        return ChartShare.label(count, of: total, suppressed: suppressed)
    }

    /// How many counts each category must carry.
    public var valuesPerCategory: Int { kind.hasSeries ? series.count : 1 }
}
