/// Lays out horizontal bars for categories with long labels, plain or stacked.
///
/// Plain bars carry their count at the bar end (inside in white when it fits, else just
/// outside). Stacked bars get a legend, each segment's count inside it when wide enough,
/// and an end label with the bar's total plus, in words, any non-empty segment too narrow
/// to label (an empty segment has no bar to label; the text alternative still states it).
/// A withheld count is not drawn: an empty outline stands at the end of what is drawn,
/// and the end label says `[c]` (the sum, or the withheld segment by its series).
enum HorizontalBarLayout {
    /// The width of the outline that stands for a withheld count.
    static let markerWidth = 10.0

    static let minimumRow = 32.0
    static let labelColumnShare = 0.4
    /// The width of a set's column in a chart of combinations, and the radius of its dots.
    static let matrixColumn = 18.0
    static let dotRadius = 5.0

    /// A dot: filled for a set the combination has, pale for one it has not.
    static func dot(x: Double, y: Double, filled: Bool) -> ScenePrimitive {
        let r = dotRadius
        return .path(
            ScenePath(
                commands: [
                    .move(to: ScenePoint(x: x - r, y: y)), .arc(radius: r, largeArc: true, sweep: true, to: ScenePoint(x: x + r, y: y)),
                    .arc(radius: r, largeArc: true, sweep: true, to: ScenePoint(x: x - r, y: y)), .close,
                ],
                fill: filled ? Palette.singleSeries : Palette.white, stroke: filled ? Palette.singleSeries : Palette.axis,
                strokeWidth: 1, role: .bar))
    }

    /// A combination's row of the matrix: a dot a set, those it has joined by a line.
    static func matrixRow(_ members: [Int], sets: Int, left: Double, centreY: Double) -> [ScenePrimitive] {
        func x(_ column: Int) -> Double { left + matrixColumn * (Double(column) + 0.5) }
        var row: [ScenePrimitive] = []
        if let first = members.min(), let last = members.max(), first != last {
            row.append(
                .line(
                    SceneLine(x1: x(first), y1: centreY, x2: x(last), y2: centreY, stroke: Palette.singleSeries, strokeWidth: 2, role: .bar)
                ))
        }
        for column in 0..<sets { row.append(dot(x: x(column), y: centreY, filled: members.contains(column))) }
        return row
    }

    /// The key above a matrix: a line a set, its dot in its column and its name with
    /// its size ("Mental health: 19") beside the bars.
    static func matrixKey(
        _ spec: ChartSpec, left: Double, textLeft: Double, right: Double, top: Double
    ) -> (body: LaidOutBody, centres: [Double]) {
        let size = LayoutStyle.labelSize
        var primitives: [ScenePrimitive] = []
        var centres: [Double] = []
        var y = top
        for (column, set) in spec.sets.enumerated() {
            let lines = TextMetrics.wrap(
                "\(set.label): \(set.suppressed ? ChartShare.suppressedSymbol : String(set.size))", maxWidth: right - textLeft,
                fontSize: size)
            let height = max(2 * dotRadius + 6, LayoutStyle.height(lines, size: size) + 4)
            let centreY = y + height / 2
            centres.append(centreY)
            let x = left + matrixColumn * (Double(column) + 0.5)
            primitives.append(
                .line(
                    SceneLine(x1: x, y1: centreY, x2: textLeft - 4, y2: centreY, stroke: Palette.gridline, strokeWidth: 1, role: .gridline))
            )
            primitives.append(dot(x: x, y: centreY, filled: true))
            primitives.append(.text(LayoutStyle.text(lines, x: textLeft, centreY: centreY, anchor: .start, size: size, role: .legendLabel)))
            y += height
        }
        return (LaidOutBody(primitives: primitives, bottom: y, right: right), centres)
    }

    static func layout(_ spec: ChartSpec, top: Double, width: Double) -> LaidOutBody {
        let margin = LayoutStyle.margin
        let size = LayoutStyle.labelSize
        let stacked = spec.kind == .stackedHorizontalBar
        let colours = stacked ? spec.series.indices.map(Palette.categorical) : [Palette.singleSeries]
        var primitives: [ScenePrimitive] = []
        var y = top

        if stacked {
            let legend = legendPrimitives(spec.series, colours: colours, top: y, left: margin, right: width - margin)
            primitives.append(contentsOf: legend.primitives)
            y = legend.bottom + 12
        }

        // Category label column: as wide as the longest label, up to a share of the width.
        // A chart of combinations draws a dot matrix there instead, a column a set, under
        // a key that names each set with its size (the key's lines end at the right margin).
        let inner = width - 2 * margin
        let matrix = !spec.sets.isEmpty
        let widestLabel = LayoutStyle.width(spec.categories.map(\.label), size: size)
        let labelWidth = matrix ? Double(spec.sets.count) * matrixColumn : min(widestLabel, inner * labelColumnShare)
        let labelLines = spec.categories.map {
            matrix && $0.members != nil ? [] : TextMetrics.wrap($0.label, maxWidth: labelWidth, fontSize: size)
        }
        var keyCentres: [Double] = []
        if matrix {
            let key = matrixKey(spec, left: margin, textLeft: margin + labelWidth + 10, right: width - margin, top: y)
            primitives.append(contentsOf: key.body.primitives)
            keyCentres = key.centres
            y = key.body.bottom + 8
        }
        var row = max(minimumRow, (labelLines.map { LayoutStyle.height($0, size: size) }.max() ?? 0) + 10)
        let plotLeft = margin + labelWidth + 10
        let plotTop = y
        // Withheld counts play no part in the scale: the axis must not hint at them.
        let maxValue = spec.categories.map(\.drawnSum).max() ?? 0
        let endWidth = min(200, inner * 0.3)

        // The end labels need room on the right, and which segments get inside labels
        // depends on the scale, which depends on that room: widen until it settles. Rows
        // grow if a wrapped end label is taller than the row.
        func band(_ row: Double) -> BandScale {
            BandScale(
                count: spec.categories.count, range: (plotTop, plotTop + row * Double(spec.categories.count)),
                paddingInner: 0.3, paddingOuter: 0.15)
        }
        func settle(_ row: Double) -> BarPlan {
            var reserve = LayoutStyle.width(spec.categories.map { BarPlan.sumText($0) }, size: size) + 8
            var plan = BarPlan(spec: spec, band: band(row), reserve: reserve, plotLeft: plotLeft, right: width - margin, endWidth: endWidth)
            for _ in 0..<6 where plan.neededReserve > reserve {
                reserve = plan.neededReserve
                plan = BarPlan(spec: spec, band: band(row), reserve: reserve, plotLeft: plotLeft, right: width - margin, endWidth: endWidth)
            }
            if plan.neededReserve > reserve {
                plan = BarPlan(
                    spec: spec, band: band(row), reserve: plan.worstReserve, plotLeft: plotLeft, right: width - margin, endWidth: endWidth)
            }
            return plan
        }
        var plan = settle(row)
        if plan.tallestEndLabel + 10 > row {
            row = plan.tallestEndLabel + 10
            plan = settle(row)
        }
        let band = band(row)
        let plotBottom = plotTop + row * Double(spec.categories.count)
        let axis = ValueAxis(
            maxValue: maxValue, range: (plotLeft, plan.plotRight),
            maxTicks: Int(((plan.plotRight - plotLeft) / 40).rounded(.down)))

        // The matrix's columns run down from each set's line of the key to the last row,
        // under everything else.
        if matrix {
            let guides = spec.sets.indices.map { column -> ScenePrimitive in
                let x = margin + matrixColumn * (Double(column) + 0.5)
                return .line(
                    SceneLine(
                        x1: x, y1: keyCentres[column], x2: x, y2: plotTop + row * Double(spec.categories.count), stroke: Palette.gridline,
                        strokeWidth: 1, role: .gridline))
            }
            primitives.insert(contentsOf: guides, at: 0)
        }

        primitives.append(contentsOf: axis.gridlines(top: plotTop, bottom: plotBottom))

        var labels: [ScenePrimitive] = []
        for (index, category) in spec.categories.enumerated() {
            let barTop = band.position(at: index), barHeight = band.bandwidth
            let centreY = band.centre(at: index)
            if matrix, let members = category.members {
                primitives.append(contentsOf: matrixRow(members, sets: spec.sets.count, left: margin, centreY: centreY))
            } else {
                labels.append(
                    .text(
                        LayoutStyle.text(
                            labelLines[index], x: margin + labelWidth, centreY: centreY, anchor: .end, size: size,
                            role: .categoryLabel)))
            }
            var x = plotLeft
            for (s, value) in category.drawnValues.enumerated() {
                let segmentWidth = axis.scale(Double(value)) - plotLeft
                if segmentWidth > 0 {
                    primitives.append(
                        .rect(
                            SceneRect(
                                x: x, y: barTop, width: segmentWidth, height: barHeight, fill: colours[s], role: .bar)))
                }
                if stacked, plan.labelledInside[index][s] {
                    labels.append(
                        .text(
                            LayoutStyle.text(
                                [String(value)], x: x + segmentWidth / 2, centreY: centreY, anchor: .middle, size: size,
                                fill: Palette.textColour(on: colours[s]), role: .valueLabel)))
                }
                x += segmentWidth
            }
            let end = plan.endLabels[index]
            if category.isSuppressed {
                primitives.append(
                    .rect(
                        SceneRect(
                            x: x, y: barTop, width: markerWidth, height: barHeight, fill: Palette.white,
                            stroke: Palette.axis, strokeWidth: 1, role: .suppressedMarker)))
                x += markerWidth
            }
            if !stacked, plan.labelledInside[index][0] {
                labels.append(
                    .text(
                        LayoutStyle.text(
                            end, x: x - 4, centreY: centreY, anchor: .end, size: size,
                            fill: Palette.textColour(on: colours[0]), role: .valueLabel)))
            } else {
                labels.append(
                    .text(
                        LayoutStyle.text(
                            end, x: x + 4, centreY: centreY, anchor: .start, size: size, role: .valueLabel)))
            }
        }
        primitives.append(
            .line(
                SceneLine(
                    x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, stroke: Palette.axis, strokeWidth: 1, role: .axis)))
        primitives.append(contentsOf: labels)

        let below = axis.labelsBelow(left: plotLeft, right: plan.plotRight, plotBottom: plotBottom, unit: spec.unit)
        primitives.append(contentsOf: below.primitives)
        return LaidOutBody(primitives: primitives, bottom: below.bottom, right: width - margin)
    }

    // MARK: - Legend

    /// Swatches and names in rows, wrapping to a new row when one is full.
    static func legendPrimitives(
        _ names: [String], colours: [String], top: Double, left: Double, right: Double
    ) -> (primitives: [ScenePrimitive], bottom: Double) {
        let size = LayoutStyle.labelSize, swatch = 14.0
        let rowHeight = max(swatch, LayoutStyle.height(["X"], size: size))
        var primitives: [ScenePrimitive] = []
        var x = left, rowTop = top, rowBottom = top + rowHeight
        for (index, name) in names.enumerated() {
            let lines = TextMetrics.wrap(name, maxWidth: right - left - swatch - 6, fontSize: size)
            let itemWidth = swatch + 6 + LayoutStyle.width(lines, size: size)
            if x > left, x + itemWidth > right {
                x = left
                rowTop = rowBottom + 6
                rowBottom = rowTop + rowHeight
            }
            let centreY = rowTop + rowHeight / 2
            primitives.append(
                .rect(
                    SceneRect(
                        x: x, y: centreY - swatch / 2, width: swatch, height: swatch, fill: colours[index], role: .legendSwatch)))
            primitives.append(
                .text(
                    LayoutStyle.text(
                        lines, x: x + swatch + 6, top: centreY - LayoutStyle.height(["X"], size: size) / 2, anchor: .start,
                        size: size, role: .legendLabel)))
            rowBottom = max(rowBottom, centreY - LayoutStyle.height(["X"], size: size) / 2 + LayoutStyle.height(lines, size: size))
            x += itemWidth + 20
        }
        return (primitives, rowBottom)
    }
}

/// Which values go inside bars and what each end label says, for one value-axis width.
struct BarPlan {
    let plotRight: Double
    /// Per category, per series: whether the count is written inside the bar.
    let labelledInside: [[Bool]]
    /// Per category: the text at the bar end, wrapped.
    let endLabels: [[String]]
    /// Height of the tallest end label.
    let tallestEndLabel: Double
    /// Room the end labels need to the right of the plot.
    let neededReserve: Double
    /// Room needed if no segment were labelled inside (always enough).
    let worstReserve: Double

    init(spec: ChartSpec, band: BandScale, reserve: Double, plotLeft: Double, right: Double, endWidth: Double) {
        let size = LayoutStyle.labelSize
        let stacked = spec.kind == .stackedHorizontalBar
        let plotRight = max(plotLeft + 40, right - reserve)
        let axis = ValueAxis(
            maxValue: spec.categories.map(\.drawnSum).max() ?? 0, range: (plotLeft, plotRight),
            maxTicks: Int(((plotRight - plotLeft) / 40).rounded(.down)))
        let textHeight = LayoutStyle.height(["0"], size: size)
        var inside: [[Bool]] = []
        var ends: [[String]] = []
        var needed = 0.0, worst = 0.0, tallest = 0.0
        func wrapped(_ text: String) -> [String] { TextMetrics.wrap(text, maxWidth: endWidth, fontSize: size) }
        for category in spec.categories {
            var flags: [Bool] = []
            for value in category.drawnValues {
                let segment = axis.scale(Double(value)) - plotLeft
                let textWidth = LayoutStyle.width([String(value)], size: size)
                flags.append(value > 0 && segment >= textWidth + 8 && band.bandwidth >= textHeight + 2)
            }
            inside.append(flags)
            let marker = category.isSuppressed ? HorizontalBarLayout.markerWidth : 0
            if stacked {
                let texts = category.values.indices.map { Self.valueText(category, $0) }
                let missing = zip(spec.series, texts).enumerated()
                    .filter { !flags[$0.offset] && (category.values[$0.offset] > 0 || category.suppressedValues.contains($0.offset)) }
                    .map { "\($0.element.0) \($0.element.1)" }
                let sum = Self.sumText(category)
                let end = wrapped(missing.isEmpty ? sum : "\(sum) (" + missing.joined(separator: ", ") + ")")
                ends.append(end)
                let all = zip(spec.series, texts).map { "\($0) \($1)" }.joined(separator: ", ")
                worst = max(worst, LayoutStyle.width(wrapped("\(sum) (\(all))"), size: size) + 8 + marker)
                needed = max(needed, LayoutStyle.width(end, size: size) + 8 + marker)
                tallest = max(tallest, LayoutStyle.height(end, size: size))
            } else {
                ends.append([Self.sumText(category)])
                let width = LayoutStyle.width([Self.sumText(category)], size: size) + 8 + marker
                worst = max(worst, width)
                needed = max(needed, flags[0] ? 0 : width)
                tallest = max(tallest, LayoutStyle.height(["0"], size: size))
            }
        }
        self.plotRight = plotRight
        self.labelledInside = inside
        self.endLabels = ends
        self.tallestEndLabel = tallest
        self.neededReserve = needed
        self.worstReserve = worst
    }

    /// A category's sum as its end label prints it: `[c]` when withheld.
    static func sumText(_ category: ChartCategory) -> String {
        category.suppressedSum ? ChartShare.suppressedSymbol : String(category.sum)
    }

    /// One count of a category as labels print it: `[c]` when withheld.
    static func valueText(_ category: ChartCategory, _ position: Int) -> String {
        category.suppressedValues.contains(position) ? ChartShare.suppressedSymbol : String(category.values[position])
    }
}
