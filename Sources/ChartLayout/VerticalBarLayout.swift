/// Lays out vertical bars for ordered categories (such as age in months): zero-based value
/// axis with gridlines, a count on every bar (zeros included) and a label under each.
/// A withheld count is not drawn: a short empty outline stands on the baseline,
/// labelled `[c]`, and the scale ignores it.
enum VerticalBarLayout {
    /// The height of the outline that stands for a withheld count.
    static let markerHeight = 10.0

    static let plotHeight = 240.0
    /// Narrow enough that twelve months fit a chart drawn 340 px wide for phones, whose
    /// ticks would otherwise be shrunk below 10 px in a 320 px window.
    static let minimumStep = 24.0

    static func layout(_ spec: ChartSpec, top: Double, width: Double) -> LaidOutBody {
        let margin = LayoutStyle.margin
        let labelSize = LayoutStyle.labelSize, tickSize = LayoutStyle.tickSize
        let values = spec.categories.map(\.drawnSum)
        let valueTexts = spec.categories.map { $0.suppressedSum ? ChartShare.suppressedSymbol : String($0.sum) }
        let valueHeight = LayoutStyle.height(["0"], size: labelSize)

        // Axis title above the plot, then room for a count above the tallest bar.
        let axisTitle = LayoutStyle.text(
            ["Number of \(spec.unit)"], x: margin, top: top, anchor: .start, size: labelSize, role: .axisTitle)
        let plotTop = top + valueHeight + 4 + valueHeight + 8
        let plotBottom = plotTop + plotHeight

        let provisional = ValueAxis(
            maxValue: values.max() ?? 0, range: (plotBottom, plotTop), maxTicks: Int((plotHeight / 30).rounded(.down)))
        let tickTexts = provisional.ticks.map(ValueAxis.label)
        let plotLeft = margin + LayoutStyle.width(tickTexts, size: tickSize) + 8
        // Grow the chart rather than squeeze a count wider than its bar's step.
        let widestValue = LayoutStyle.width(valueTexts, size: labelSize)
        let step = max(minimumStep, widestValue + 6)
        let plotRight = max(width - margin, plotLeft + step * Double(values.count))
        let axis = provisional
        let band = BandScale(count: values.count, range: (plotLeft, plotRight), paddingInner: 0.2, paddingOuter: 0.1)

        var primitives: [ScenePrimitive] = [.text(axisTitle)]
        for (tick, text) in zip(axis.ticks, tickTexts) {
            let y = axis.scale(tick)
            if tick != 0 {
                primitives.append(
                    .line(
                        SceneLine(
                            x1: plotLeft, y1: y, x2: plotRight, y2: y, stroke: Palette.gridline, strokeWidth: 1, role: .gridline)))
            }
            primitives.append(
                .text(
                    LayoutStyle.text(
                        [text], x: plotLeft - 6, centreY: y, anchor: .end, size: tickSize, role: .tickLabel)))
        }

        var labels: [ScenePrimitive] = []
        var categoryBottom = plotBottom
        for (index, category) in spec.categories.enumerated() {
            let x = band.position(at: index), barWidth = band.bandwidth
            let withheld = category.suppressedSum
            let barTop = withheld ? plotBottom - markerHeight : axis.scale(Double(values[index]))
            let barHeight = plotBottom - barTop
            if withheld {
                primitives.append(
                    .rect(
                        SceneRect(
                            x: x, y: barTop, width: barWidth, height: barHeight, fill: Palette.white,
                            stroke: Palette.axis, strokeWidth: 1, role: .suppressedMarker)))
            }
            if barHeight > 0, !withheld {
                primitives.append(
                    .rect(
                        SceneRect(
                            x: x, y: barTop, width: barWidth, height: barHeight, fill: Palette.singleSeries, role: .bar)))
            }
            let textWidth = LayoutStyle.width([valueTexts[index]], size: labelSize)
            let fitsInside = !withheld && barHeight >= valueHeight + 8 && textWidth <= barWidth - 4
            labels.append(
                .text(
                    LayoutStyle.text(
                        [valueTexts[index]], x: band.centre(at: index),
                        top: fitsInside ? barTop + 4 : barTop - 4 - valueHeight, anchor: .middle, size: labelSize,
                        fill: fitsInside ? Palette.textColour(on: Palette.singleSeries) : Palette.text, role: .valueLabel)))
            let lines = TextMetrics.wrap(category.label, maxWidth: band.step - 4, fontSize: labelSize)
            labels.append(
                .text(
                    LayoutStyle.text(
                        lines, x: band.centre(at: index), top: plotBottom + 6, anchor: .middle, size: labelSize,
                        role: .categoryLabel)))
            categoryBottom = max(categoryBottom, plotBottom + 6 + LayoutStyle.height(lines, size: labelSize))
        }
        primitives.append(
            .line(
                SceneLine(
                    x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: Palette.axis, strokeWidth: 1, role: .axis)))
        primitives.append(contentsOf: labels)

        var bottom = categoryBottom
        if let title = spec.categoryAxisTitle, !title.allSatisfy(\.isWhitespace) {
            let lines = TextMetrics.wrap(title, maxWidth: plotRight - plotLeft, fontSize: labelSize)
            primitives.append(
                .text(
                    LayoutStyle.text(
                        lines, x: (plotLeft + plotRight) / 2, top: bottom + 10, anchor: .middle, size: labelSize, role: .axisTitle)))
            bottom += 10 + LayoutStyle.height(lines, size: labelSize)
        }
        return LaidOutBody(primitives: primitives, bottom: bottom, right: plotRight)
    }
}
