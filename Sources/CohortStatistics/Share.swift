/// A share of a whole, kept as an exact fraction of two counts.
///
/// Shares are never stored as floating point: the report rounds only when it
/// formats, to a whole percent, half up (so 1/8 = 12.5% prints as 13%). The one
/// rounding rule lives in ``wholePercent``.
public struct Share: Hashable, Sendable, Encodable {
    public let count: Int
    public let total: Int

    public init(_ count: Int, of total: Int) {
        precondition(count >= 0 && total >= 0, "a share is of non-negative counts")
        self.count = count
        self.total = total
    }

    /// The share as a whole percent, rounded half up; 0 when the total is 0.
    public var wholePercent: Int {
        guard total > 0 else { return 0 }
        return (200 * count + total) / (2 * total)
    }

    /// The exact value, for comparisons and charts (not for printing).
    public var value: Double { total == 0 ? 0 : Double(count) / Double(total) }

    enum CodingKeys: String, CodingKey { case count, total, percent }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(count, forKey: .count)
        try c.encode(total, forKey: .total)
        try c.encode(wholePercent, forKey: .percent)
    }
}
