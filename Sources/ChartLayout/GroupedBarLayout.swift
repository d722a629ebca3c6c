/// Lays out grouped horizontal bars: each category a cluster of one bar per series, in
/// the legend's order from the top, each bar's count written just past its end.
///
/// A grouped chart shows what a stacked one cannot: series a case may be in several of,
/// or none (a cross-tabulation's columns that are a list field), whose counts need not
/// add up to the category's total. Colours follow the legend, as in a stacked chart.
///
/// A withheld count is not drawn: an empty outline of fixed width stands at the axis in
/// its bar's place, labelled `[c]`. The value axis and the room for labels are worked out
/// from published counts and from `[c]` alone, so a scene whose withheld counts change,
/// and nothing else, is the same scene.
enum GroupedBarLayout {
    /// Each bar's height: room for a 14 px count beside it.
    static let barHeight = 18.0
    /// The space between the bars of one cluster.
    static let barGap = 2.0
    /// The space between two clusters, and above the first and below the last.
    static let clusterGap = 16.0

    static func layout(_ spec: ChartSpec, top: Double, width: Double) -> LaidOutBody {
        let margin = LayoutStyle.margin, size = LayoutStyle.labelSize
        let colours = spec.series.indices.map(Palette.categorical)
        var primitives: [ScenePrimitive] = []

        let legend = HorizontalBarLayout.legendPrimitives(spec.series, colours: colours, top: top, left: margin, right: width - margin)
        primitives.append(contentsOf: legend.primitives)
        let plotTop = legend.bottom + 12

        // The category label column, as wide as the longest label up to a share of the width.
        let inner = width - 2 * margin
        let labelWidth = min(LayoutStyle.width(spec.categories.map(\.label), size: size), inner * HorizontalBarLayout.labelColumnShare)
        let labelLines = spec.categories.map { TextMetrics.wrap($0.label, maxWidth: labelWidth, fontSize: size) }
        let plotLeft = margin + labelWidth + 10

        // Room on the right for the longest bar's count: every count's text is a number
        // that is published or `[c]`, so withheld counts leave it as it is.
        let texts = spec.categories.map { category in category.values.indices.map { BarPlan.valueText(category, $0) } }
        let reserve = LayoutStyle.width(texts.flatMap { $0 }, size: size) + 8
        let plotRight = max(plotLeft + 40, width - margin - reserve)
        let axis = ValueAxis(
            maxValue: spec.categories.flatMap(\.drawnValues).max() ?? 0, range: (plotLeft, plotRight),
            maxTicks: Int(((plotRight - plotLeft) / 40).rounded(.down)))

        // Each cluster is as tall as its bars, or as its label if that is taller.
        let count = Double(spec.series.count)
        let clusterHeight = count * barHeight + (count - 1) * barGap
        var rows: [(top: Double, height: Double)] = []
        var y = plotTop + clusterGap / 2
        for lines in labelLines {
            let height = max(clusterHeight, LayoutStyle.height(lines, size: size))
            rows.append((y, height))
            y += height + clusterGap
        }
        let plotBottom = y - clusterGap / 2

        primitives.append(contentsOf: axis.gridlines(top: plotTop, bottom: plotBottom))
        var labels: [ScenePrimitive] = []
        for (index, category) in spec.categories.enumerated() {
            let row = rows[index]
            labels.append(
                .text(
                    LayoutStyle.text(
                        labelLines[index], x: margin + labelWidth, centreY: row.top + row.height / 2, anchor: .end, size: size,
                        role: .categoryLabel)))
            let clusterTop = row.top + (row.height - clusterHeight) / 2
            for (s, value) in category.values.enumerated() {
                let barTop = clusterTop + Double(s) * (barHeight + barGap)
                var end = plotLeft
                if category.suppressedValues.contains(s) {
                    primitives.append(
                        .rect(
                            SceneRect(
                                x: plotLeft, y: barTop, width: HorizontalBarLayout.markerWidth, height: barHeight, fill: Palette.white,
                                stroke: Palette.axis, strokeWidth: 1, role: .suppressedMarker)))
                    end += HorizontalBarLayout.markerWidth
                } else {
                    end = axis.scale(Double(value))
                    if end > plotLeft {
                        primitives.append(
                            .rect(SceneRect(x: plotLeft, y: barTop, width: end - plotLeft, height: barHeight, fill: colours[s], role: .bar))
                        )
                    }
                }
                labels.append(
                    .text(
                        LayoutStyle.text(
                            [texts[index][s]], x: end + 4, centreY: barTop + barHeight / 2, anchor: .start, size: size, role: .valueLabel)))
            }
        }
        primitives.append(
            .line(SceneLine(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, stroke: Palette.axis, strokeWidth: 1, role: .axis)))
        primitives.append(contentsOf: labels)

        let below = axis.labelsBelow(left: plotLeft, right: plotRight, plotBottom: plotBottom, unit: spec.unit)
        primitives.append(contentsOf: below.primitives)
        return LaidOutBody(primitives: primitives, bottom: below.bottom, right: width - margin)
    }
}
