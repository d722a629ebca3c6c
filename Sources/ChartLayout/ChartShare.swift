/// Whole-number percentages computed from exact integers.
public enum ChartShare {
    /// `count` as a whole percent of `total`, halves rounded up: 1 of 8 is 13 (12.5 → 13).
    ///
    /// Integer arithmetic only, so there is no binary rounding surprise. A non-positive
    /// total gives 0.
    public static func percent(_ count: Int, of total: Int) -> Int {
        guard total > 0 else { return 0 }
        // floor((200·count + total) / (2·total)) = floor(100·count/total + 1/2).
        let numerator = 200 * count + total
        let denominator = 2 * total
        let quotient = numerator / denominator
        // Swift division truncates toward zero; floor it for negative counts.
        return (numerator % denominator != 0 && numerator < 0) ? quotient - 1 : quotient
    }

    /// A count with its share, as printed on charts: `19 (83%)`.
    public static func label(_ count: Int, of total: Int) -> String {
        "\(count) (\(percent(count, of: total))%)"
    }
}
