/// One slice of a pie: the part it shows and where it sits.
public struct PieSlice: Equatable, Sendable {
    /// The part's position in the input.
    public let index: Int
    /// The part's value.
    public let value: Int
    /// Start angle in radians; −π/2 is 12 o'clock and angles grow clockwise on screen.
    public let startAngle: Double
    /// End angle in radians.
    public let endAngle: Double

    /// The angle halfway through the slice.
    public var midAngle: Double { (startAngle + endAngle) / 2 }
    /// The slice's sweep in radians.
    public var sweep: Double { endAngle - startAngle }
}

/// Angles for a pie (like d3-shape's `pie`): starts at 12 o'clock, runs clockwise, largest
/// part first, ties kept in input order.
///
/// Angles are in screen terms (y grows downwards), so a point on the rim at angle `a` is
/// `(cx + r·cos a, cy + r·sin a)`.
public enum PieLayout {
    /// The angle of 12 o'clock.
    public static let startAngle = -Double.pi / 2

    /// Input indices in drawing order: largest first, ties in input order.
    public static func drawingOrder(_ values: [Int]) -> [Int] {
        values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
    }

    /// The slices in drawing order; a zero part gets a zero-sweep slice. All-zero input
    /// gives zero-sweep slices at 12 o'clock.
    public static func slices(_ values: [Int]) -> [PieSlice] {
        let total = values.reduce(0) { $0 + max(0, $1) }
        var angle = startAngle
        var result: [PieSlice] = []
        var running = 0
        for index in drawingOrder(values) {
            let value = max(0, values[index])
            running += value
            // Each end angle comes from the running integer sum, so the last slice ends at
            // exactly start + 2π and no error accumulates.
            let end = total > 0 ? startAngle + 2 * Double.pi * Double(running) / Double(total) : startAngle
            result.append(PieSlice(index: index, value: values[index], startAngle: angle, endAngle: end))
            angle = end
        }
        return result
    }
}
