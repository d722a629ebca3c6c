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
