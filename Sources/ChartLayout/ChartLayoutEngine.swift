/// Options for `ChartLayoutEngine`.
public struct ChartLayoutOptions: Equatable, Sendable {
    /// The natural width of the scene in pixels; a chart that needs more room grows.
    public var width: Double
    /// Whether the headline and subtitle are drawn in the scene (a standalone SVG wants
    /// them; a figure whose caption carries them may not).
    public var includesHeading: Bool
    /// Whether the source note is drawn under the chart.
    public var includesSource: Bool

    /// The defaults: 640 px wide, with heading and source.
    public init(width: Double = 640, includesHeading: Bool = true, includesSource: Bool = true) {
        self.width = width
        self.includesHeading = includesHeading
        self.includesSource = includesSource
    }
}

/// Turns a chart spec into a scene: the entry point of chart layout.
public enum ChartLayoutEngine {
    /// Checks `spec` against the chart rules and lays it out.
    ///
    /// The scene holds, top to bottom: headline, subtitle, legend (stacked and grouped bars), the plot
    /// with every value and category labelled, axis titles and the source note. Its
    /// `description` is `spec.textAlternative()`.
    public static func layout(
        _ spec: ChartSpec, options: ChartLayoutOptions = ChartLayoutOptions()
    ) throws(ChartSpecError) -> Scene {
        try spec.validate()
        let margin = LayoutStyle.margin
        let width = max(320, options.width)
        var primitives: [ScenePrimitive] = []
        var y = margin

        if options.includesHeading {
            let inner = width - 2 * margin
            let titleLines = TextMetrics.wrap(spec.title, maxWidth: inner, fontSize: LayoutStyle.titleSize, weight: .bold)
            if !titleLines.isEmpty {
                primitives.append(
                    .text(
                        LayoutStyle.text(
                            titleLines, x: margin, top: y, anchor: .start, size: LayoutStyle.titleSize, weight: .bold, role: .title)))
                y += LayoutStyle.height(titleLines, size: LayoutStyle.titleSize) + 6
            }
            let subtitleLines = TextMetrics.wrap(spec.subtitle, maxWidth: inner, fontSize: LayoutStyle.subtitleSize)
            if !subtitleLines.isEmpty {
                primitives.append(
                    .text(
                        LayoutStyle.text(
                            subtitleLines, x: margin, top: y, anchor: .start, size: LayoutStyle.subtitleSize, role: .subtitle)))
                y += LayoutStyle.height(subtitleLines, size: LayoutStyle.subtitleSize)
            }
            y += 16
        }

        let body: LaidOutBody
        switch spec.kind {
        case .pie:
            body = PieChartLayout.layout(spec, top: y, width: width)
        case .verticalBar:
            body = VerticalBarLayout.layout(spec, top: y, width: width)
        case .horizontalBar, .stackedHorizontalBar:
            body = HorizontalBarLayout.layout(spec, top: y, width: width)
        case .groupedHorizontalBar:
            body = GroupedBarLayout.layout(spec, top: y, width: width)
        }
        primitives.append(.group(SceneGroup(role: .group, children: body.primitives)))
        y = body.bottom
        let sceneWidth = max(width, body.right + margin)

        if options.includesSource, let line = LayoutStyle.sourceLine(spec.sourceNote, width: sceneWidth, below: &y) {
            primitives.append(line)
        }
        return Scene(
            width: sceneWidth, height: (y + margin).rounded(.up), title: spec.title,
            description: spec.textAlternative(), primitives: primitives)
    }
}
