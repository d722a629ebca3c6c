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

extension ValueAxis {
    /// A gridline across the plot at each tick but zero (the axis line stands there).
    func gridlines(top: Double, bottom: Double) -> [ScenePrimitive] {
        ticks.filter { $0 != 0 }.map { tick in
            let x = scale(tick)
            return .line(SceneLine(x1: x, y1: top, x2: x, y2: bottom, stroke: Palette.gridline, strokeWidth: 1, role: .gridline))
        }
    }

    /// Under a plot of horizontal bars from `left` to `right`: each tick's number, then
    /// the axis title ("Number of cases") centred under them; and the foot of the title.
    func labelsBelow(left: Double, right: Double, plotBottom: Double, unit: String) -> (primitives: [ScenePrimitive], bottom: Double) {
        let size = LayoutStyle.labelSize, tickSize = LayoutStyle.tickSize
        let tickTop = plotBottom + 4
        var primitives: [ScenePrimitive] = ticks.map { tick in
            .text(
                LayoutStyle.text(
                    [ValueAxis.label(tick)], x: scale(tick), top: tickTop, anchor: .middle, size: tickSize, role: .tickLabel))
        }
        let titleTop = tickTop + LayoutStyle.height(["0"], size: tickSize) + 8
        let title = TextMetrics.wrap("Number of \(unit)", maxWidth: right - left, fontSize: size)
        primitives.append(
            .text(LayoutStyle.text(title, x: (left + right) / 2, top: titleTop, anchor: .middle, size: size, role: .axisTitle)))
        return (primitives, titleTop + LayoutStyle.height(title, size: size))
    }
}
