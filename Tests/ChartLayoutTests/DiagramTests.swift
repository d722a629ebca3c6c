import Foundation
import Testing

@testable import ChartLayout

@Suite("Diagram layout")
struct DiagramTests {
    static func boxes(_ scene: Scene) -> [SceneRect] {
        scene.flattened.compactMap {
            if case .rect(let r) = $0, r.role == .diagramBox || r.role == .diagramCentre { return r } else { return nil }
        }
    }

    static func box(_ r: SceneRect) -> SceneBox {
        SceneBox(minX: r.x, minY: r.y, maxX: r.x + r.width, maxY: r.y + r.height)
    }

    static let specs: [DiagramSpec] = [
        DiagramFixture.figure7,
        DiagramSpec(centre: "Alone", groups: []),
        DiagramSpec(centre: "One", groups: [DiagramGroup(title: "Only group", items: ["Single item"])]),
        DiagramSpec(
            centre: "A much longer centre statement that has to wrap onto many lines inside its narrow box",
            groups: (1...9).map { n in
                DiagramGroup(
                    title: "Group \(n) with a heading long enough to wrap",
                    items: (1...4).map {
                        "Item \($0) of group \(n), written long enough to need two or three lines"
                    })
            }),
    ]

    @Test("Figure 7: a centre box, one box per group, one connector per group")
    func figure7Structure() {
        let scene = DiagramLayout.layout(DiagramFixture.figure7)
        #expect(scene.width == 640)
        let rects = Self.boxes(scene)
        #expect(rects.filter { $0.role == .diagramCentre }.count == 1)
        #expect(rects.filter { $0.role == .diagramBox }.count == 6)
        let connectors = scene.flattened.filter { if case .line(let l) = $0 { return l.role == .diagramConnector } else { return false } }
        #expect(connectors.count == 6)
        #expect(SceneChecks.texts(scene, role: .diagramCentre).map(\.text) == [DiagramFixture.figure7.centre])
        #expect(scene.description == DiagramFixture.figure7.textAlternative())
    }

    @Test(
        "No two boxes or texts overlap and everything lies inside the scene",
        arguments: DiagramTests.specs.indices)
    func noOverlaps(index: Int) {
        let scene = DiagramLayout.layout(Self.specs[index])
        let rects = Self.boxes(scene).map(Self.box)
        for (i, a) in rects.enumerated() {
            for b in rects[(i + 1)...] { #expect(!a.overlaps(b)) }
        }
        #expect(SceneChecks.overlappingTexts(scene).isEmpty)
        #expect(SceneChecks.outOfBounds(scene).isEmpty)
        #expect(SceneChecks.unroundedNumbers(scene).isEmpty)
        // Every text sits inside a box; connectors cross no box's interior.
        for text in scene.texts {
            let inner = SceneGeometry.box(of: text)
            #expect(rects.contains { $0.contains(inner) }, "\(text.text)")
        }
        for case .line(let line) in scene.flattened where line.role == .diagramConnector {
            let span = SceneBox(
                minX: min(line.x1, line.x2), minY: min(line.y1, line.y2), maxX: max(line.x1, line.x2), maxY: max(line.y1, line.y2))
            #expect(!rects.contains { $0.overlaps(span) && span.width > 0 })
        }
        #expect(scene == DiagramLayout.layout(Self.specs[index]))
    }

    @Test("Every heading and item appears, whole and in order", arguments: DiagramTests.specs.indices)
    func everyItemPresent(index: Int) {
        let spec = Self.specs[index]
        let scene = DiagramLayout.layout(spec)
        #expect(SceneChecks.texts(scene, role: .diagramHeading).map(\.text) == spec.groups.map(\.title))
        #expect(SceneChecks.texts(scene, role: .diagramItem).map(\.text) == spec.groups.flatMap(\.items))
        #expect(SceneChecks.texts(scene, role: .bullet).count == spec.groups.flatMap(\.items).count)
    }

    @Test("The diagram grows taller to fit more groups")
    func growsToFit() {
        let small = DiagramLayout.layout(Self.specs[2])
        let large = DiagramLayout.layout(Self.specs[3])
        #expect(large.height > DiagramLayout.layout(DiagramFixture.figure7).height)
        #expect(small.height < DiagramLayout.layout(DiagramFixture.figure7).height)
    }
}

@Suite("Figure 7 data")
struct Figure7DataTests {
    /// The test's literal spec must say what the YAML file says (checked line by line,
    /// since this module does not read YAML).
    @Test("The fixture mirrors Templates/figures/whole-system-change.yaml")
    func fixtureMatchesYAML() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let yaml = try String(contentsOf: root.appendingPathComponent("Templates/figures/whole-system-change.yaml"), encoding: .utf8)
        let values = yaml.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }.compactMap {
            line -> String? in
            guard let open = line.firstIndex(of: "\""), let close = line.lastIndex(of: "\""), open < close else { return nil }
            return String(line[line.index(after: open)..<close])
        }
        let spec = DiagramFixture.figure7
        let expected = [spec.centre] + spec.groups.flatMap { [$0.title] + $0.items }
        #expect(values == expected)
        #expect(spec.groups.count >= 4 && spec.groups.count <= 6)
        #expect(spec.groups.allSatisfy { (2...4).contains($0.items.count) })
    }
}
