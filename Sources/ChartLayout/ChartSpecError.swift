/// A broken chart rule, found by `ChartSpec.validate()`.
public enum ChartSpecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The spec has no identifier.
    case emptyIdentifier
    /// The chart has no categories to draw.
    case noCategories
    /// A category's label is empty or only whitespace.
    case emptyLabel(index: Int)
    /// Two categories (or two series) share a label.
    case duplicateLabel(String)
    /// A count is negative; bars start at zero and slices cannot be negative.
    case negativeValue(label: String, value: Int)
    /// A category carries the wrong number of counts for the chart's series.
    case valueCountMismatch(label: String, expected: Int, found: Int)
    /// A pie needs between two and five parts.
    case pieNeedsTwoToFiveParts(found: Int)
    /// A pie's parts do not add up to its stated total.
    case pieDoesNotSumToTotal(sum: Int, total: Int)
    /// The total that shares are taken of must be positive.
    case nonPositiveTotal(Int)
    /// A category counts more than the whole it is a share of.
    case valueExceedsTotal(label: String, value: Int, total: Int)
    /// A stacked or grouped chart needs at least two named series; other kinds take none.
    case invalidSeries(found: Int)
    /// A stacked or grouped chart has more series than the palette has colours to tell apart.
    case tooManySeries(found: Int, most: Int)
    /// A category states a sum its counts do not add up to, in a chart that draws it as their sum.
    case sumIsNotItsParts(label: String, parts: Int, sum: Int)
    /// In a grouped chart, one count of a category is more than the category's total.
    case partExceedsSum(label: String, series: String, value: Int, sum: Int)
    /// Sets (a chart of combinations) on a chart other than plain horizontal bars, which draw their dots.
    case setsNeedHorizontalBars
    /// A set of a chart of combinations has an empty name.
    case emptySetLabel(index: Int)
    /// A series name is empty or only whitespace.
    case emptySeriesName(index: Int)
    /// A pie part is withheld: its angle would reveal it, so the pie cannot be drawn honestly.
    case pieWithSuppressedPart(label: String)

    /// A readable explanation.
    public var description: String {
        switch self {
        case .emptyIdentifier: return "the chart has no identifier"
        case .noCategories: return "the chart has no categories"
        case .emptyLabel(let index): return "category \(index + 1) has an empty label"
        case .duplicateLabel(let label): return "the label \"\(label)\" is used twice"
        case .negativeValue(let label, let value):
            return "\"\(label)\" has a negative count (\(value)); counts start at zero"
        case .valueCountMismatch(let label, let expected, let found):
            return "\"\(label)\" has \(found) counts but the chart has \(expected) series"
        case .pieNeedsTwoToFiveParts(let found): return "a pie needs 2 to 5 parts, not \(found); use a bar chart"
        case .pieDoesNotSumToTotal(let sum, let total): return "the pie's parts add up to \(sum), not the total \(total)"
        case .nonPositiveTotal(let total): return "the total must be positive, not \(total)"
        case .valueExceedsTotal(let label, let value, let total):
            return "\"\(label)\" counts \(value), more than the total \(total)"
        case .invalidSeries(let found):
            return "a stacked or grouped chart needs at least 2 series and other charts none; found \(found)"
        case .tooManySeries(let found, let most):
            return "a stacked or grouped chart tells its \(found) series apart by colour, and has \(most) colours; show at most \(most)"
        case .sumIsNotItsParts(let label, let parts, let sum):
            return "\"\(label)\" is drawn as the sum of its counts, \(parts), but its total is \(sum); draw grouped bars"
        case .partExceedsSum(let label, let series, let value, let sum):
            return "\"\(label)\" counts \(value) in \"\(series)\", more than its total \(sum)"
        case .setsNeedHorizontalBars:
            return "a chart of combinations is drawn as plain horizontal bars, the only kind with room for its dots"
        case .emptySetLabel(let index): return "set \(index + 1) has an empty name"
        case .emptySeriesName(let index): return "series \(index + 1) has an empty name"
        case .pieWithSuppressedPart(let label):
            return "the pie's part \"\(label)\" is withheld, and its angle would reveal it; show the data table instead"
        }
    }
}
