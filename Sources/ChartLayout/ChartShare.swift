import CohortStatistics

/// How charts print a count with its share, using the report's one rounding rule
/// (``CohortStatistics/Share``: whole percent, half up).
public enum ChartShare {
    /// A count with its share, as printed on charts: `19 (83%)`. Counts are
    /// never negative here: a spec with a negative value is refused before layout.
    public static func label(_ count: Int, of total: Int) -> String {
        "\(count) (\(Share(max(0, count), of: max(0, total)).wholePercent)%)"
    }
}
