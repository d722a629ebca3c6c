import Testing

@testable import ChartLayout

/// Charts drawn 340 px wide for phones are shown about 290 px wide in a 320 px window:
/// one that grows past its width shrinks its text further.
@Suite("Charts drawn for phones")
struct NarrowChartTests {
    @Test(
        "Every reference chart drawn for phones keeps its width, so 12 px text shows at 10 px or more at 320 px",
        arguments: Fixtures.figures.indices)
    func keepsItsWidth(index: Int) throws {
        let scene = try ChartLayoutEngine.layout(
            Fixtures.figures[index],
            options: ChartLayoutOptions(
                width: 340, includesHeading: false, includesSource: false))
        let smallest = try #require(scene.texts.map(\.fontSize).min())
        #expect(smallest * 290 / scene.width >= 10, "\(Fixtures.figures[index].id) is \(scene.width) px wide")
    }
}

/// A pie sits in the middle of its drawing, on phones and wide screens alike: alone when
/// its labels are inside it, together with its labels when some are outside.
@Suite("Pies centred")
struct PieCentreTests {
    static func centre(_ scene: Scene) throws -> (x: Double, radius: Double) {
        let slice = try #require(
            scene.flattened.compactMap { p -> ScenePath? in
                if case .path(let path) = p, path.role == .slice { return path } else { return nil }
            }.first)
        // Every slice but a whole circle starts at the pie's centre, then goes to its rim.
        guard case .move(let centre) = slice.commands[0], case .line(let rim) = slice.commands[1] else {
            throw CancellationError()
        }
        return (centre.x, ((rim.x - centre.x) * (rim.x - centre.x) + (rim.y - centre.y) * (rim.y - centre.y)).squareRoot())
    }

    @Test(
        "The pie, with its outside labels, is centred in the scene, and nothing is cut off",
        arguments: [340.0, 640.0])
    func centred(width: Double) throws {
        for spec in [Fixtures.figure1, Fixtures.figure5] {
            let scene = try ChartLayoutEngine.layout(spec, options: ChartLayoutOptions(width: width))
            #expect(scene.width == width, "\(spec.id) at \(width) grew to \(scene.width)")
            #expect(SceneChecks.outOfBounds(scene).isEmpty, "\(spec.id) at \(width)")
            let pie = try Self.centre(scene)
            let labels = SceneChecks.texts(scene, role: .sliceLabel).map(SceneGeometry.box(of:))
            let left = min(pie.x - pie.radius, labels.map(\.minX).min() ?? pie.x)
            let right = max(pie.x + pie.radius, labels.map(\.maxX).max() ?? pie.x)
            #expect(abs((left + right) / 2 - scene.width / 2) <= 1, "\(spec.id) at \(width): \(left)…\(right) of \(scene.width)")
            // Labels are words, never cut inside a word.
            let names = Set(spec.categories.flatMap { $0.label.split(separator: " ").map(String.init) })
            for text in SceneChecks.texts(scene, role: .sliceLabel) {
                for line in text.lines.dropLast() {
                    #expect(line.split(separator: " ").allSatisfy { names.contains(String($0)) }, "\(spec.id) at \(width): \(line)")
                }
            }
        }
    }
}
