import Testing

@testable import ChartLayout

@Suite("Chart scenes")
struct ChartSceneTests {
    static let ids = Fixtures.all.map(\.id)

    static func spec(_ id: String) -> ChartSpec {
        Fixtures.all.first { $0.id == id }!
    }

    @Test("No two text boxes overlap", arguments: ChartSceneTests.ids)
    func noTextOverlaps(id: String) throws {
        let scene = try ChartLayoutEngine.layout(Self.spec(id))
        let pairs = SceneChecks.overlappingTexts(scene)
        #expect(pairs.isEmpty, "\(pairs.map { ($0.0.text, $0.1.text) })")
    }

    @Test(
        "Everything lies inside the scene, on a two-decimal grid, in type of 12 px or more",
        arguments: ChartSceneTests.ids)
    func insideBounds(id: String) throws {
        let scene = try ChartLayoutEngine.layout(Self.spec(id))
        #expect(scene.width >= 640)
        #expect(SceneChecks.outOfBounds(scene).isEmpty, "\(SceneChecks.outOfBounds(scene))")
        #expect(SceneChecks.unroundedNumbers(scene).isEmpty)
        #expect(scene.texts.allSatisfy { $0.fontSize >= 12 })
    }

    @Test("Laying out the same spec twice gives equal scenes", arguments: ChartSceneTests.ids)
    func deterministic(id: String) throws {
        #expect(try ChartLayoutEngine.layout(Self.spec(id)) == ChartLayoutEngine.layout(Self.spec(id)))
    }

    @Test("Heading, source and description come from the spec")
    func headingAndSource() throws {
        let spec = Fixtures.figure1
        let scene = try ChartLayoutEngine.layout(spec)
        #expect(SceneChecks.texts(scene, role: .title).map(\.text) == [spec.title])
        #expect(SceneChecks.texts(scene, role: .subtitle).map(\.text) == [spec.subtitle])
        #expect(SceneChecks.texts(scene, role: .source).map(\.text) == [spec.sourceNote])
        #expect(scene.description == spec.textAlternative())
        let bare = try ChartLayoutEngine.layout(spec, options: ChartLayoutOptions(includesHeading: false, includesSource: false))
        #expect(SceneChecks.texts(bare, role: .title).isEmpty && SceneChecks.texts(bare, role: .source).isEmpty)
        #expect(bare.height < scene.height)
    }

    // MARK: - Pies

    static let pieIDs = Fixtures.all.filter { $0.kind == .pie }.map(\.id) + ["pie-nasty"]

    @Test(
        "Every slice carries its name, count and share; slices are separated in white",
        arguments: Fixtures.all.filter { $0.kind == .pie })
    func pieLabels(spec: ChartSpec) throws {
        let scene = try ChartLayoutEngine.layout(spec)
        let labels = SceneChecks.texts(scene, role: .sliceLabel)
        #expect(labels.count == spec.categories.count)
        for category in spec.categories {
            let matches = labels.filter {
                $0.lines.dropLast().joined(separator: " ") == category.label
                    && $0.lines.last == ChartShare.label(category.sum, of: spec.total)
            }
            #expect(matches.count == 1, "\(category.label)")
        }
        let slices = scene.flattened.compactMap { if case .path(let p) = $0, p.role == .slice { return p } else { return nil } }
        #expect(slices.count == spec.categories.filter { $0.sum > 0 }.count)
        #expect(slices.allSatisfy { $0.stroke == Palette.white && $0.strokeWidth == 2 })
        #expect(slices.map(\.fill) == Array(Palette.categorical.prefix(slices.count)))
    }

    @Test("Text inside a dark slice is white, outside labels are dark")
    func pieLabelColours() throws {
        let scene = try ChartLayoutEngine.layout(Fixtures.figure1)
        let labels = SceneChecks.texts(scene, role: .sliceLabel)
        // "Seriously harmed" is the largest slice, drawn first in dark blue, with room inside.
        let big = try #require(labels.first { $0.lines.dropLast().joined(separator: " ") == "Seriously harmed" })
        #expect(big.fill == Palette.white)
        // "Died" fits inside the second, teal slice, where dark text has the better contrast.
        let small = try #require(labels.first { $0.lines.dropLast().joined(separator: " ") == "Died" })
        #expect(small.fill == Palette.text)
        #expect(Palette.contrast(Palette.text, Palette.categorical[1]) > Palette.contrast(Palette.white, Palette.categorical[1]))

        // A 1-in-23 sliver is labelled outside, in dark text, with a leader line.
        let thin = try ChartLayoutEngine.layout(Fixtures.pie([22, 1]))
        let outside = try #require(SceneChecks.texts(thin, role: .sliceLabel).first { $0.lines.first == "Part 2" })
        #expect(outside.fill == Palette.text)
        #expect(outside.anchor == .end)
        let leaders = thin.flattened.filter { if case .path(let p) = $0 { return p.role == .leaderLine } else { return false } }
        #expect(leaders.count == 1)
    }

    // MARK: - Bars

    @Test(
        "Every bar has its category label and its count, in line with it",
        arguments: Fixtures.all.filter { $0.kind == .verticalBar || $0.kind == .horizontalBar })
    func barLabels(spec: ChartSpec) throws {
        let scene = try ChartLayoutEngine.layout(spec)
        let categoryLabels = SceneChecks.texts(scene, role: .categoryLabel)
        let valueLabels = SceneChecks.texts(scene, role: .valueLabel)
        #expect(valueLabels.count == spec.categories.count)
        for category in spec.categories {
            let label = try #require(categoryLabels.first { $0.text == category.label }, "\(category.label)")
            let inLine = valueLabels.filter {
                spec.kind == .verticalBar
                    ? abs(SceneChecks.centreX($0) - SceneChecks.centreX(label)) < 1
                    : abs(SceneChecks.centreY($0) - SceneChecks.centreY(label)) < 1
            }
            #expect(inLine.map(\.text) == [String(category.sum)], "\(category.label)")
        }
    }

    @Test(
        "Bars start at zero on the axis line",
        arguments: Fixtures.all.filter { $0.kind != .pie })
    func barsStartAtZero(spec: ChartSpec) throws {
        let scene = try ChartLayoutEngine.layout(spec)
        let axis = try #require(
            scene.flattened.compactMap { if case .line(let l) = $0, l.role == .axis { return l } else { return nil } }.first)
        let bars = scene.flattened.compactMap { if case .rect(let r) = $0, r.role == .bar { return r } else { return nil } }
        #expect(!bars.isEmpty || spec.categories.allSatisfy { $0.sum == 0 })
        for bar in bars {
            if spec.kind == .verticalBar {
                #expect(abs(bar.y + bar.height - axis.y1) < 0.02)
            } else if abs(bar.x - axis.x1) >= 0.02 {
                // A stacked segment starts where an earlier one ends.
                #expect(bars.contains { abs($0.x + $0.width - bar.x) < 0.02 && $0.y == bar.y })
            }
        }
    }

    @Test("Figure 4 shows all twelve months in order, zeros included")
    func ordinalAges() throws {
        let scene = try ChartLayoutEngine.layout(Fixtures.figure4)
        let labels = SceneChecks.texts(scene, role: .categoryLabel).sorted { $0.x < $1.x }
        #expect(labels.map(\.text) == (0...11).map(String.init))
        #expect(SceneChecks.texts(scene, role: .valueLabel).filter { $0.text == "0" }.count == 2)
        #expect(SceneChecks.texts(scene, role: .axisTitle).map(\.text).contains("Age in months"))
        #expect(SceneChecks.texts(scene, role: .tickLabel).map(\.text) == ["0", "2", "4", "6", "8", "10"])
    }

    // MARK: - Stacked bars

    @Test(
        "Stacked bars: a legend, and every segment's count either inside it or named at the bar end",
        arguments: Fixtures.all.filter { $0.kind == .stackedHorizontalBar })
    func stackedLabels(spec: ChartSpec) throws {
        let scene = try ChartLayoutEngine.layout(spec)
        #expect(SceneChecks.texts(scene, role: .legendLabel).map(\.text) == spec.series)
        let swatches = scene.flattened.filter { if case .rect(let r) = $0 { return r.role == .legendSwatch } else { return false } }
        #expect(swatches.count == spec.series.count)
        let categoryLabels = SceneChecks.texts(scene, role: .categoryLabel)
        let valueLabels = SceneChecks.texts(scene, role: .valueLabel)
        for category in spec.categories {
            let label = try #require(categoryLabels.first { $0.text == category.label })
            let row = valueLabels.filter { abs(SceneChecks.centreY($0) - SceneChecks.centreY(label)) < 1 }
            let end = try #require(row.max { $0.x < $1.x })
            #expect(end.text == String(category.sum) || end.text.hasPrefix("\(category.sum) ("))
            var inside = row.filter { $0 != end }.map(\.text)
            for (name, value) in zip(spec.series, category.values) {
                if let at = inside.firstIndex(of: String(value)) {
                    inside.remove(at: at)
                } else if value == 0 {
                    #expect(!end.text.contains("\(name) 0"), "an empty segment is not drawn or labelled")
                } else {
                    #expect(end.text.contains("\(name) \(value)"), "\(category.label): \(name)")
                }
            }
            #expect(inside.isEmpty)
        }
    }
}
