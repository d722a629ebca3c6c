/// Divides a range into equal bands for `count` ordinal categories (d3 `scaleBand`).
///
/// The step is the distance between the starts of neighbouring bands; the bandwidth is
/// the step less the inner padding. Outer padding is in steps before the first and after
/// the last band, and `align` shares out any leftover space (0.5 centres the bands).
public struct BandScale: Equatable, Sendable {
    /// Number of bands.
    public let count: Int
    /// Start of the range.
    public let rangeStart: Double
    /// End of the range.
    public let rangeEnd: Double
    /// Inner padding as a fraction of the step (0…1).
    public let paddingInner: Double
    /// Outer padding in steps.
    public let paddingOuter: Double
    /// Where leftover space goes (0 = all after, 1 = all before).
    public let align: Double

    /// Distance between the starts of neighbouring bands.
    public let step: Double
    /// Width of each band.
    public let bandwidth: Double
    private let first: Double

    /// Makes a band scale over `count` categories.
    public init(
        count: Int, range: (Double, Double), paddingInner: Double = 0, paddingOuter: Double = 0, align: Double = 0.5
    ) {
        self.count = max(0, count)
        self.rangeStart = range.0
        self.rangeEnd = range.1
        let inner = min(1, max(0, paddingInner))
        self.paddingInner = inner
        self.paddingOuter = max(0, paddingOuter)
        self.align = min(1, max(0, align))
        let reverse = range.1 < range.0
        let start = reverse ? range.1 : range.0
        let stop = reverse ? range.0 : range.1
        let n = Double(self.count)
        let step = (stop - start) / max(1, n - inner + self.paddingOuter * 2)
        self.step = step
        self.bandwidth = step * (1 - inner)
        let offset = start + (stop - start - step * (n - inner)) * self.align
        // Reversed ranges list bands from the far end, as d3 does.
        self.first = reverse ? offset + step * (n - 1) : offset
        self.reversed = reverse
    }

    private let reversed: Bool

    /// Start of the band at `index`.
    public func position(at index: Int) -> Double {
        reversed ? first - step * Double(index) : first + step * Double(index)
    }

    /// Centre of the band at `index`.
    public func centre(at index: Int) -> Double {
        position(at: index) + bandwidth / 2
    }
}
