import ChartLayout
import Testing

/// A chart of exact combinations (an UpSet figure) draws each combination as a row
/// of dots, one a set, under a key that names each set with its size.
@Suite struct CombinationMatrixTests {
    static var spec: ChartSpec {
        func combination(_ label: String, _ count: Int, _ members: [Int]?) -> ChartCategory {
            var category = ChartCategory(label: label, value: count)
            category.members = members
            return category
        }
        var spec = ChartSpec(
            kind: .horizontalBar, id: "together", title: "Together", subtitle: "Number of cases, 20 in all",
            categories: [
                combination("A and C", 6, [0, 2]), combination("B", 5, [1]), combination("Other combinations", 3, nil),
                combination("None of these", 6, []),
            ],
            unit: "cases", total: 20, sourceNote: "Source: test")
        spec.sets = [ChartSet(label: "Alpha", size: 9), ChartSet(label: "Beta", size: 7), ChartSet(label: "Gamma", size: 8)]
        return spec
    }

    static func dots(_ scene: Scene) -> [(y: Double, filled: Bool)] {
        scene.flattened.compactMap {
            guard case .path(let path) = $0, path.role == .bar, case .move(let start)? = path.commands.first else { return nil }
            return (start.y, path.fill == Palette.singleSeries)
        }
    }

    @Test(arguments: [640.0, 320.0])
    func eachCombinationIsARowOfDotsAndEachSetIsNamedWithItsSize(width: Double) throws {
        let scene = try ChartLayoutEngine.layout(Self.spec, options: ChartLayoutOptions(width: width))
        #expect(scene.width == max(320, width))
        let dots = Self.dots(scene)
        // The key's three dots, then three rows of three (the other combinations are named in words).
        #expect(dots.count == 3 + 3 * 3)
        let rows = Dictionary(grouping: dots.dropFirst(3), by: \.y).values.map { $0.filter(\.filled).count }
        #expect(rows.sorted() == [0, 1, 2])
        let texts = scene.texts.map(\.text)
        #expect(texts.contains("Alpha: 9") && texts.contains("Beta: 7") && texts.contains("Gamma: 8"))
        #expect(texts.contains { $0.hasPrefix("Other") } && !texts.contains("A and C"))
        #expect(scene.description.hasSuffix("In any combination: Alpha 9 (45%), Beta 7 (35%), Gamma 8 (40%)."))
    }

    @Test func aWithheldSetSizeIsC() throws {
        var spec = Self.spec
        spec.sets[1].suppressed = true
        let scene = try ChartLayoutEngine.layout(spec)
        #expect(scene.texts.map(\.text).contains("Beta: [c]"))
        #expect(!scene.description.contains("Beta 7"))
        // Withheld alone, a set's size makes the chart one that withholds, and says what [c] means.
        #expect(spec.hasSuppression && !Self.spec.hasSuppression)
        #expect(scene.description.hasSuffix("Beta [c], Gamma 8 (40%). " + ChartShare.suppressedNote))
    }

    @Test func setsAreNamedSizesOfPlainHorizontalBars() {
        var stacked = Self.spec
        stacked.kind = .stackedHorizontalBar
        stacked.series = ["One", "Two"]
        stacked.categories = stacked.categories.map { ChartCategory(label: $0.label, values: [$0.sum, 0]) }
        #expect(throws: ChartSpecError.setsNeedHorizontalBars) { try stacked.validate() }
        var large = Self.spec
        large.sets[2].size = 21
        #expect(throws: ChartSpecError.valueExceedsTotal(label: "Gamma", value: 21, total: 20)) { try large.validate() }
        var unnamed = Self.spec
        unnamed.sets[0].label = " "
        #expect(throws: ChartSpecError.emptySetLabel(index: 0)) { try unnamed.validate() }
    }
}
