import Testing

@testable import ChartLayout

/// Grouped horizontal bars: a cluster a category, a bar a series in the legend's order
/// and colour, each count at its bar's end; withheld counts drawn as fixed outlines.
@Suite struct GroupedBarTests {
    static let spec = Fixtures.themesByOutcome

    static func rects(_ scene: Scene, _ role: SceneRole) -> [SceneRect] {
        scene.flattened.compactMap { if case .rect(let r) = $0, r.role == role { r } else { nil } }
    }

    static func axis(_ scene: Scene) throws -> SceneLine {
        try #require(scene.flattened.compactMap { if case .line(let l) = $0, l.role == .axis { l } else { nil } }.first)
    }

    /// The bar (or outline) of each count, by category and series: clusters top to bottom.
    static func bars(_ scene: Scene, _ spec: ChartSpec) -> [[SceneRect]] {
        let drawn = (rects(scene, .bar) + rects(scene, .suppressedMarker)).sorted { $0.y < $1.y }
        return stride(from: 0, to: drawn.count, by: spec.series.count).map { Array(drawn[$0..<min(drawn.count, $0 + spec.series.count)]) }
    }

    @Test(arguments: [640.0, 340.0])
    func eachCategoryIsAClusterOfABarASeriesInTheLegendsOrderAndColour(width: Double) throws {
        let spec = Self.spec
        // The empty count (Died, third theme) has no bar: give it one to find the cluster's shape.
        var full = spec
        full.categories[0].values[2] = 1
        let scene = try ChartLayoutEngine.layout(full, options: ChartLayoutOptions(width: width))
        #expect(scene.width == width)
        #expect(SceneChecks.texts(scene, role: .legendLabel).flatMap(\.lines).joined(separator: " ") == spec.series.joined(separator: " "))
        #expect(Self.rects(scene, .legendSwatch).map(\.fill) == Array(Palette.categorical.prefix(4)))
        let clusters = Self.bars(scene, full)
        #expect(clusters.count == spec.categories.count)
        let axis = try Self.axis(scene)
        let labels = SceneChecks.texts(scene, role: .categoryLabel)
        for (index, cluster) in clusters.enumerated() {
            #expect(cluster.map(\.fill) == Array(Palette.categorical.prefix(4)), "bars in the legend's colours, top to bottom")
            #expect(cluster.allSatisfy { $0.x == axis.x1 && $0.height == GroupedBarLayout.barHeight })
            for (upper, lower) in zip(cluster, cluster.dropFirst()) {
                #expect(lower.y - (upper.y + upper.height) == GroupedBarLayout.barGap)
            }
            // The label stands beside the middle of its own cluster.
            let middle = (cluster.first!.y + cluster.last!.y + cluster.last!.height) / 2
            let label = try #require(labels.first { $0.lines.joined(separator: " ") == full.categories[index].label })
            #expect(abs(SceneChecks.centreY(label) - middle) < 1)
            #expect(SceneGeometry.box(of: label).maxX <= axis.x1)
        }
        // Clusters stand apart, each within the plot.
        for (upper, lower) in zip(clusters, clusters.dropFirst()) {
            #expect(lower.first!.y - (upper.last!.y + upper.last!.height) >= GroupedBarLayout.clusterGap - 0.01)
        }
        #expect(clusters.first!.first!.y >= axis.y1 && clusters.last!.last!.y + GroupedBarLayout.barHeight <= axis.y2)
        #expect(SceneChecks.overlappingTexts(scene).isEmpty)
        #expect(SceneChecks.outOfBounds(scene).isEmpty)
    }

    /// Bars are drawn to one scale: each bar's length over its count is the same (within
    /// the rounding of coordinates to hundredths, times the count).
    @Test func barsAreToScaleAndEachCountIsWrittenJustPastItsBar() throws {
        let spec = Self.spec
        let scene = try ChartLayoutEngine.layout(spec)
        let axis = try Self.axis(scene)
        let values = SceneChecks.texts(scene, role: .valueLabel)
        let bars = Self.rects(scene, .bar)
        // Every count but the one zero has a bar.
        #expect(bars.count == spec.categories.flatMap(\.values).filter { $0 > 0 }.count)
        let scale = try #require(bars.first.map { $0.width / Double(spec.categories[0].values[0]) })
        var seen = 0
        for category in spec.categories {
            for value in category.values where value > 0 {
                #expect(bars.contains { abs($0.width - scale * Double(value)) < 0.01 * Double(value) }, "\(category.label) \(value)")
            }
        }
        for bar in bars {
            let label = try #require(values.first { abs(SceneChecks.centreY($0) - (bar.y + bar.height / 2)) < 0.5 })
            #expect(abs(label.x - (bar.x + bar.width + 4)) < 0.02)
            #expect(Int(label.text).map { abs(Double($0) * scale - bar.width) < 0.01 * Double($0) } == true)
            seen += 1
        }
        #expect(seen == bars.count)
        // The zero count is written at the axis, with no bar.
        #expect(values.filter { $0.text == "0" && abs($0.x - (axis.x1 + 4)) < 0.02 }.count == 1)
        #expect(values.count == spec.categories.count * spec.series.count)
        // The largest count sets the axis: a tick at or beyond it, none far beyond.
        let ticks = SceneChecks.texts(scene, role: .tickLabel).compactMap { Int($0.text) }
        #expect(ticks.max()! >= 8 && ticks.max()! < 16)
    }

    /// A withheld count is an outline of fixed width at the axis, labelled [c]; the axis is
    /// scaled to published counts only, so the picture does not change with a withheld count.
    @Test func aWithheldCountIsAFixedOutlineAndTheSceneDoesNotDependOnIt() throws {
        var spec = Self.spec
        // The largest count, which alone would set the axis, and a small one.
        spec.categories[2] = spec.categories[2].suppressing([1], sum: false)
        spec.categories[0] = spec.categories[0].suppressing([0], sum: true)
        let scene = try ChartLayoutEngine.layout(spec)
        let markers = Self.rects(scene, .suppressedMarker)
        let axis = try Self.axis(scene)
        #expect(markers.count == 2)
        #expect(markers.allSatisfy { $0.x == axis.x1 && $0.width == HorizontalBarLayout.markerWidth && $0.fill == Palette.white })
        let values = SceneChecks.texts(scene, role: .valueLabel)
        for marker in markers {
            let label = try #require(values.first { abs(SceneChecks.centreY($0) - (marker.y + marker.height / 2)) < 0.5 })
            #expect(label.text == "[c]" && abs(label.x - (marker.x + marker.width + 4)) < 0.02)
        }
        #expect(!values.contains { $0.text == "8" })
        let ticks = SceneChecks.texts(scene, role: .tickLabel).compactMap { Int($0.text) }
        #expect(ticks.max()! < 8, "the axis reaches for the withheld 8: \(ticks)")
        // Any other withheld values, and any other total for the category whose total is withheld: the same scene.
        var other = spec
        other.categories[2].values[1] = 13
        other.categories[0].values[0] = 2
        other.categories[0].statedSum = 3
        #expect(try ChartLayoutEngine.layout(other) == scene)
        #expect(
            try ChartLayoutEngine.layout(other, options: ChartLayoutOptions(width: 340))
                == ChartLayoutEngine.layout(spec, options: ChartLayoutOptions(width: 340)))
        #expect(scene.description.contains("All infants: Families leaving early help too soon 5 (36%), Frequent moves between homes [c],"))
        #expect(scene.description.hasSuffix(ChartShare.suppressedNote))
    }

    @Test func theTextAlternativeGivesEveryCountBySeries() {
        #expect(
            Self.spec.textAlternative()
                == "Of 14 infants: Died: Families leaving early help too soon 1 (7%), Frequent moves between homes 2 (14%), "
                + "Drug and alcohol use by a carer 0 (0%), Fathers never met by services 1 (7%); "
                + "Seriously harmed: Families leaving early help too soon 4 (29%), Frequent moves between homes 6 (43%), "
                + "Drug and alcohol use by a carer 5 (36%), Fathers never met by services 3 (21%); "
                + "All infants: Families leaving early help too soon 5 (36%), Frequent moves between homes 8 (57%), "
                + "Drug and alcohol use by a carer 5 (36%), Fathers never met by services 4 (29%).")
    }

    /// Long labels wrap, and a cluster grows to hold its label.
    @Test func aLabelTallerThanItsClusterMakesRoomForItself() throws {
        var spec = Self.spec
        spec.series = ["Yes", "No"]
        spec.categories = [
            ChartCategory(label: "A category whose name is long enough to wrap over several lines at phone width", values: [3, 1]),
            ChartCategory(label: "Short", values: [2, 2]),
        ]
        let scene = try ChartLayoutEngine.layout(spec, options: ChartLayoutOptions(width: 340))
        #expect(scene.width == 340)
        let label = try #require(SceneChecks.texts(scene, role: .categoryLabel).first { $0.lines.count > 2 })
        let clusters = Self.bars(scene, spec)
        let box = SceneGeometry.box(of: label)
        #expect(box.maxY < clusters[1].first!.y, "the long label runs into the next cluster")
        #expect(SceneChecks.overlappingTexts(scene).isEmpty && SceneChecks.outOfBounds(scene).isEmpty)
    }

    /// The rules a grouped chart keeps, and the one only it may break.
    @Test func aGroupedChartMayStateATotalItsCountsDoNotAddUpToButNoCountAboveIt() throws {
        #expect(throws: Never.self) { try Self.spec.validate() }
        var stacked = Self.spec
        stacked.kind = .stackedHorizontalBar
        #expect(throws: ChartSpecError.sumIsNotItsParts(label: "Died", parts: 4, sum: 2)) { try stacked.validate() }
        var over = Self.spec
        over.categories[1].statedSum = 5
        #expect(
            throws: ChartSpecError.partExceedsSum(label: "Seriously harmed", series: "Frequent moves between homes", value: 6, sum: 5)
        ) { try over.validate() }
        var many = Self.spec
        many.series = (1...7).map { "Series \($0)" }
        many.categories = [ChartCategory(label: "Row", values: Array(repeating: 1, count: 7))]
        #expect(throws: ChartSpecError.tooManySeries(found: 7, most: 6)) { try ChartLayoutEngine.layout(many) }
        var one = Self.spec
        one.series = ["Only"]
        one.categories = [ChartCategory(label: "Row", values: [1])]
        #expect(throws: ChartSpecError.invalidSeries(found: 1)) { try one.validate() }
    }
}
