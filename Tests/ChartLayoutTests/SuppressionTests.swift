import ChartLayout
import Testing

/// Withheld counts (statistical disclosure control) are never drawn to scale.
@Suite struct SuppressionTests {
    /// Figure 3 with every count below 5 withheld, and one more large one so the axis would change.
    static func withheld(_ spec: ChartSpec, _ positions: Set<Int>) -> ChartSpec {
        var copy = spec
        copy.categories = spec.categories.enumerated().map {
            $0.element.suppressing(positions.contains($0.offset) ? [0] : [], sum: positions.contains($0.offset))
        }
        return copy
    }

    static func rects(_ scene: Scene, _ role: SceneRole) -> [SceneRect] {
        scene.flattened.compactMap { if case .rect(let r) = $0, r.role == role { r } else { nil } }
    }

    @Test(arguments: [Fixtures.figure3, Fixtures.figure4, Fixtures.figure6])
    func aWithheldBarIsAnOutlineLabelledCAndOffTheScale(spec: ChartSpec) throws {
        let small = Set(spec.categories.indices.filter { (1..<5).contains(spec.categories[$0].sum) })
        let largest = spec.categories.indices.max { spec.categories[$0].sum < spec.categories[$1].sum }!
        let scene = try ChartLayoutEngine.layout(Self.withheld(spec, small.union([largest])))
        let plain = try ChartLayoutEngine.layout(spec)
        // One bar fewer for each withheld count that had a bar, one outline each instead.
        let hadBars = small.union([largest]).filter { spec.categories[$0].sum > 0 }.count
        #expect(Self.rects(scene, .bar).count == Self.rects(plain, .bar).count - hadBars)
        #expect(Self.rects(scene, .suppressedMarker).count == small.count + 1)
        #expect(Self.rects(scene, .suppressedMarker).allSatisfy { $0.fill == Palette.white && $0.stroke != nil })
        // The labels say [c], never the count.
        let labels = SceneChecks.texts(scene, role: .valueLabel).flatMap(\.lines)
        #expect(labels.filter { $0 == "[c]" }.count == small.count + 1)
        for index in small.union([largest]) {
            #expect(
                !labels.contains(String(spec.categories[index].sum))
                    || spec.categories.enumerated().contains {
                        !small.union([largest]).contains($0.offset) && $0.element.sum == spec.categories[index].sum
                    })
        }
        // The axis is scaled to the published counts only: its ticks no longer reach the largest.
        let ticks = SceneChecks.texts(scene, role: .tickLabel).flatMap(\.lines).compactMap(Int.init)
        let published = spec.categories.indices.filter { !small.union([largest]).contains($0) }.map { spec.categories[$0].sum }
        #expect((ticks.max() ?? 0) < spec.categories[largest].sum || published.max()! >= spec.categories[largest].sum)
        #expect(SceneChecks.overlappingTexts(scene).isEmpty)
        #expect(SceneChecks.outOfBounds(scene).isEmpty)
        // The text alternative says [c] and what it means.
        #expect(scene.description.contains("\(spec.categories[largest].label) [c]"))
        #expect(scene.description.hasSuffix(ChartShare.suppressedNote))
    }

    @Test func aStackedBarNamesItsWithheldSegmentsAtTheEnd() throws {
        var spec = Fixtures.injuryProfiles
        spec.categories[0] = spec.categories[0].suppressing([0, 1], sum: false)
        let scene = try ChartLayoutEngine.layout(spec)
        let ends = SceneChecks.texts(scene, role: .valueLabel).map { $0.lines.joined(separator: " ") }
        let sum = spec.categories[0].sum
        #expect(ends.contains { $0.hasPrefix("\(sum) (") && $0.contains("\(spec.series[0]) [c]") && $0.contains("\(spec.series[1]) [c]") })
        #expect(Self.rects(scene, .suppressedMarker).count == 1)
        #expect(scene.description.contains("\(spec.categories[0].label): \(spec.series[0]) [c], \(spec.series[1]) [c]"))
    }

    @Test func aPieWithAWithheldPartIsRefused() {
        let spec = Self.withheld(Fixtures.figure1, [0, 1])
        #expect(throws: ChartSpecError.pieWithSuppressedPart(label: "Died")) { try ChartLayoutEngine.layout(spec) }
        #expect(spec.textAlternative() == "Of 23 babies: Died [c], Seriously harmed [c]. " + ChartShare.suppressedNote)
    }

    @Test func nothingWithheldLeavesTheTextAlternativeAsItWas() {
        #expect(!Fixtures.figure3.hasSuppression)
        #expect(!Fixtures.figure3.textAlternative().contains("[c]"))
    }
}
