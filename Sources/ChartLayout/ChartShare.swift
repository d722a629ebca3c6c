import CohortStatistics

/// How charts print a count with its share, using the report's one rounding rule
/// (``CohortStatistics/Share``: whole percent, half up).
public enum ChartShare {
    /// What a withheld count (and its share) is printed as: the Government
    /// Statistical Service's symbol for a confidential value.
    public static let suppressedSymbol = "[c]"

    /// The sentence a text alternative ends with when a chart withholds numbers.
    public static let suppressedNote = "[c] marks a number withheld to protect confidentiality; it is not drawn to scale."

    /// A count with its share, or `[c]` when the count is withheld (its share would reveal it).
    public static func label(_ count: Int, of total: Int, suppressed: Bool) -> String {
        suppressed ? suppressedSymbol : label(count, of: total)
    }

    /// A count with its share, as printed on charts: `19 (83%)`. Counts are
    /// never negative here: a spec with a negative value is refused before layout.
    public static func label(_ count: Int, of total: Int) -> String {
        "\(count) (\(Share(max(0, count), of: max(0, total)).wholePercent)%)"
    }
}
