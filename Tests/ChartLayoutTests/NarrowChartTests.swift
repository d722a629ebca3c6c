import Testing
@testable import ChartLayout

/// Charts drawn 340 px wide for phones are shown about 290 px wide in a 320 px window:
/// one that grows past its width shrinks its text further.
@Suite("Charts drawn for phones")
struct NarrowChartTests {
    @Test("Every reference chart drawn for phones keeps its width, so 12 px text shows at 10 px or more at 320 px",
          arguments: Fixtures.figures.indices)
    func keepsItsWidth(index: Int) throws {
        let scene = try ChartLayoutEngine.layout(Fixtures.figures[index], options: ChartLayoutOptions(
            width: 340, includesHeading: false, includesSource: false))
        let smallest = try #require(scene.texts.map(\.fontSize).min())
        #expect(smallest * 290 / scene.width >= 10, "\(Fixtures.figures[index].id) is \(scene.width) px wide")
    }
}

/// A pie sits in the middle of its drawing, on phones and wide screens alike.
@Suite("Pies centred")
struct PieCentreTests {
    @Test("The pie's centre is the scene's centre", arguments: [340.0, 640.0])
    func centred(width: Double) throws {
        for spec in [Fixtures.figure1, Fixtures.figure5] {
            let scene = try ChartLayoutEngine.layout(spec, options: ChartLayoutOptions(width: width))
            let slice = try #require(scene.flattened.compactMap { p -> ScenePath? in
                if case .path(let path) = p, path.role == .slice { return path } else { return nil }
            }.first)
            // Every slice but a whole circle starts at the pie's centre.
            guard case .move(let centre) = try #require(slice.commands.first) else { Issue.record("no move"); return }
            #expect(abs(centre.x - scene.width / 2) < 0.5, "\(spec.id) at \(width): centre \(centre.x) of \(scene.width)")
        }
    }
}
