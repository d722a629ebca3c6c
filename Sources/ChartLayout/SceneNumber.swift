/// Fixed-precision numbers for scene coordinates, so two layouts are byte-identical.
///
/// Every coordinate a primitive stores has been through `round(_:)`; the drawing stage
/// should print numbers with `format(_:)` so it never shows binary noise like `0.30000000000000004`.
public enum SceneNumber {
    /// Decimal places kept in every coordinate.
    public static let decimals = 2
    private static let scale = 100.0

    /// Rounds to two decimals, halves away from zero; minus zero becomes zero.
    public static func round(_ value: Double) -> Double {
        guard value.isFinite else { return 0 }
        let rounded = (value * scale).rounded(.toNearestOrAwayFromZero) / scale
        return rounded == 0 ? 0 : rounded
    }

    /// Prints a number with at most two decimals and no trailing zeros: `12`, `12.5`, `-0.25`.
    public static func format(_ value: Double) -> String {
        let hundredths = Int((round(value) * scale).rounded(.toNearestOrAwayFromZero))
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return sign + String(whole) }
        if fraction % 10 == 0 { return sign + String(whole) + "." + String(fraction / 10) }
        let digits = fraction < 10 ? "0" + String(fraction) : String(fraction)
        return sign + String(whole) + "." + digits
    }
}
