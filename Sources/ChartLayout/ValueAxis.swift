/// The value axis shared by the bar layouts: a nice scale from zero and its ticks.
struct ValueAxis {
    let scale: LinearScale
    let ticks: [Double]

    /// A scale from zero to a nice bound at or above the largest value.
    ///
    /// Counts are whole numbers, so never ask for more ticks than the maximum: that keeps
    /// the step at 1 or more and no tick reads 0.5 of a baby. `maxTicks` caps the count
    /// so tick labels on a short axis do not collide.
    init(maxValue: Int, range: (Double, Double), maxTicks: Int = 5) {
        let top = max(1, maxValue)
        let count = max(1, min(5, top, maxTicks))
        let scale = LinearScale(domain: (0, Double(top)), range: range).nice(count: count)
        self.scale = scale
        self.ticks = scale.ticks(count: count)
    }

    /// A tick's printed form (ticks are whole numbers here).
    static func label(_ tick: Double) -> String {
        tick == tick.rounded() ? String(Int(tick)) : SceneNumber.format(tick)
    }
}
