import Foundation

/// Maps a continuous domain onto a range linearly, with d3-style nice ticks.
///
/// Follows d3-scale's `scaleLinear`: ticks step by 1, 2 or 5 × 10ᵏ, and `nice(count:)`
/// widens the domain to whole multiples of the tick step.
public struct LinearScale: Equatable, Sendable {
    /// The input interval (start, end).
    public let domain: (Double, Double)
    /// The output interval (start, end); may run backwards, as y axes do.
    public let range: (Double, Double)

    /// Makes a scale.
    public init(domain: (Double, Double), range: (Double, Double)) {
        self.domain = domain
        self.range = range
    }

    /// Equal when domain and range are equal.
    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.domain == b.domain && a.range == b.range
    }

    /// Maps a domain value to the range; a zero-width domain maps to the range's midpoint.
    public func callAsFunction(_ value: Double) -> Double {
        let (d0, d1) = domain, (r0, r1) = range
        guard d1 != d0 else { return (r0 + r1) / 2 }
        return r0 + (value - d0) / (d1 - d0) * (r1 - r0)
    }

    /// About `count` round values spanning the domain (d3 `ticks`).
    public func ticks(count: Int = 10) -> [Double] {
        Self.ticks(domain.0, domain.1, count: count)
    }

    /// The same scale with its domain widened to nice bounds (d3 `nice`).
    public func nice(count: Int = 10) -> LinearScale {
        var (start, stop) = domain
        let reversed = stop < start
        if reversed { swap(&start, &stop) }
        var previous: Double?
        for _ in 0..<10 {
            let step = Self.tickIncrement(start, stop, count: count)
            if step == previous { break }
            if step > 0 {
                start = (start / step).rounded(.down) * step
                stop = (stop / step).rounded(.up) * step
            } else if step < 0 {
                start = (start * step).rounded(.up) / step
                stop = (stop * step).rounded(.down) / step
            } else {
                break
            }
            previous = step
        }
        return LinearScale(domain: reversed ? (stop, start) : (start, stop), range: range)
    }

    /// Nice ticks: the domain made nice, then its ticks (the usual axis recipe).
    public func niceTicks(count: Int = 10) -> [Double] {
        nice(count: count).ticks(count: count)
    }

    // MARK: - d3-array ticks

    private static let e10 = 50.0.squareRoot(), e5 = 10.0.squareRoot(), e2 = 2.0.squareRoot()

    /// d3's `tickSpec`: integer bounds i1…i2 and an increment; a negative increment `-k`
    /// means a step of 1/k, which keeps small steps exact.
    private static func tickSpec(_ start: Double, _ stop: Double, _ count: Double) -> (Double, Double, Double) {
        let step = (stop - start) / max(0, count)
        let power = log10(step).rounded(.down)
        let error = step / pow(10, power)
        let factor: Double = error >= e10 ? 10 : error >= e5 ? 5 : error >= e2 ? 2 : 1
        var i1: Double, i2: Double, inc: Double
        if power < 0 {
            inc = pow(10, -power) / factor
            i1 = (start * inc).rounded()
            i2 = (stop * inc).rounded()
            if i1 / inc < start { i1 += 1 }
            if i2 / inc > stop { i2 -= 1 }
            inc = -inc
        } else {
            inc = pow(10, power) * factor
            i1 = (start / inc).rounded()
            i2 = (stop / inc).rounded()
            if i1 * inc < start { i1 += 1 }
            if i2 * inc > stop { i2 -= 1 }
        }
        if i2 < i1, count >= 0.5, count < 2 { return tickSpec(start, stop, count * 2) }
        return (i1, i2, inc)
    }

    /// d3's `tickIncrement` (positive: a step; negative: the reciprocal of a step).
    static func tickIncrement(_ start: Double, _ stop: Double, count: Int) -> Double {
        guard stop > start, count > 0 else { return 0 }
        return tickSpec(start, stop, Double(count)).2
    }

    /// d3's `ticks(start, stop, count)`.
    static func ticks(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        guard count > 0 else { return [] }
        if start == stop { return [start] }
        let reverse = stop < start
        let (lo, hi) = reverse ? (stop, start) : (start, stop)
        let (i1, i2, inc) = tickSpec(lo, hi, Double(count))
        guard i2 >= i1, i1.isFinite, i2.isFinite else { return [] }
        let n = Int(i2 - i1) + 1
        var values: [Double] = []
        values.reserveCapacity(n)
        for i in 0..<n {
            let k = i1 + Double(i)
            values.append(inc < 0 ? k / -inc : k * inc)
        }
        return reverse ? values.reversed() : values
    }
}
