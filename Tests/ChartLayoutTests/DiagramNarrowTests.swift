import Testing

@testable import ChartLayout

/// Figure 7 on a phone: the stacked form, drawn for the narrow width the charts use.
@Suite("Diagram layout, narrow")
struct DiagramNarrowTests {
    static let narrow = 340.0

    static func rects(_ scene: Scene, _ role: SceneRole) -> [SceneRect] {
        scene.flattened.compactMap { if case .rect(let r) = $0, r.role == role { return r } else { return nil } }
    }

    @Test(
        "Groups are stacked under the centre statement, in reading order, at full width",
        arguments: DiagramTests.specs.indices)
    func stackedUnderTheCentre(index: Int) throws {
        let spec = DiagramTests.specs[index]
        let scene = DiagramLayout.layout(spec, options: DiagramLayoutOptions(width: Self.narrow))
        #expect(scene.width == Self.narrow)
        let centre = try #require(Self.rects(scene, .diagramCentre).first)
        let margin = LayoutStyle.margin
        // The centre statement spans the scene between its margins.
        #expect(centre.x == margin && centre.x + centre.width == Self.narrow - margin)
        let boxes = Self.rects(scene, .diagramBox)
        #expect(boxes.count == spec.groups.count)
        var above = centre.y + centre.height
        for box in boxes {
            // Each group is below the one before it (reading order) and the centre.
            #expect(box.y > above)
            above = box.y + box.height
            // Full width, less the spine's indent: far wider than a hub column.
            #expect(box.x + box.width == Self.narrow - margin)
            #expect(box.width >= Self.narrow - 2 * margin - DiagramLayout.spineIndent)
        }
        #expect(SceneChecks.texts(scene, role: .diagramHeading).map(\.text) == spec.groups.map(\.title))
        #expect(SceneChecks.texts(scene, role: .diagramItem).map(\.text) == spec.groups.flatMap(\.items))
    }

    @Test(
        "Nothing overlaps, everything lies inside the scene, every text inside its box",
        arguments: DiagramTests.specs.indices)
    func noOverlaps(index: Int) {
        let scene = DiagramLayout.layout(DiagramTests.specs[index], options: DiagramLayoutOptions(width: Self.narrow))
        let boxes = DiagramTests.boxes(scene).map(DiagramTests.box)
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] { #expect(!a.overlaps(b)) }
        }
        #expect(SceneChecks.overlappingTexts(scene).isEmpty)
        #expect(SceneChecks.outOfBounds(scene).isEmpty)
        #expect(SceneChecks.unroundedNumbers(scene).isEmpty)
        for text in scene.texts {
            #expect(boxes.contains { $0.contains(SceneGeometry.box(of: text)) }, "\(text.text)")
        }
        // One connector per group, and a spine when there are groups; none crosses a box.
        let connectors = scene.flattened.compactMap {
            if case .line(let l) = $0, l.role == .diagramConnector { return l } else { return nil }
        }
        let groups = DiagramTests.specs[index].groups.count
        #expect(connectors.count == (groups == 0 ? 0 : groups + 1))
        for line in connectors {
            let span = SceneBox(
                minX: min(line.x1, line.x2), minY: min(line.y1, line.y2),
                maxX: max(line.x1, line.x2), maxY: max(line.y1, line.y2))
            #expect(!boxes.contains { $0.overlaps(span) })
        }
    }

    @Test("Its text is as large as in the hub and never smaller than a narrow chart's labels")
    func textStaysLarge() throws {
        let wide = DiagramLayout.layout(DiagramFixture.figure7)
        let narrow = DiagramLayout.layout(DiagramFixture.figure7, options: DiagramLayoutOptions(width: Self.narrow))
        for role in [SceneRole.diagramCentre, .diagramHeading, .diagramItem] {
            #expect(Set(SceneChecks.texts(narrow, role: role).map(\.fontSize)) == Set(SceneChecks.texts(wide, role: role).map(\.fontSize)))
        }
        let smallest = try #require(narrow.texts.map(\.fontSize).min())
        #expect(smallest >= LayoutStyle.labelSize)
        // Drawn 340 px wide, it is shown at close to its own size on a phone; the hub, shrunk
        // from 640 px into the same space, is not: the stacked form is what makes it readable.
        #expect(narrow.width <= 340 && wide.width >= 640)
    }

    @Test("A width of 640 or more keeps the hub; less stacks")
    func formFollowsWidth() {
        let hub = DiagramLayout.layout(DiagramFixture.figure7, options: DiagramLayoutOptions(width: 640))
        #expect(hub == DiagramLayout.layout(DiagramFixture.figure7))
        let stacked = DiagramLayout.layout(DiagramFixture.figure7, options: DiagramLayoutOptions(width: 639))
        let centre = Self.rects(stacked, .diagramCentre)[0]
        #expect(Self.rects(stacked, .diagramBox).allSatisfy { $0.y > centre.y + centre.height })
    }

    @Test(
        "A standalone diagram draws its title above and its source below, in both forms",
        arguments: [340.0, 640.0])
    func headingAndSource(width: Double) throws {
        let options = DiagramLayoutOptions(width: width, heading: "Figure heading", sourceNote: "Source: somewhere")
        let scene = DiagramLayout.layout(DiagramFixture.figure7, options: options)
        let title = try #require(SceneChecks.texts(scene, role: .title).first)
        let source = try #require(SceneChecks.texts(scene, role: .source).first)
        #expect(title.text == "Figure heading" && source.text == "Source: somewhere")
        let boxes = DiagramTests.boxes(scene).map(DiagramTests.box)
        #expect(boxes.allSatisfy { $0.minY > SceneGeometry.box(of: title).maxY && $0.maxY < SceneGeometry.box(of: source).minY })
        #expect(SceneChecks.outOfBounds(scene).isEmpty)
        #expect(SceneChecks.overlappingTexts(scene).isEmpty)
        let bare = DiagramLayout.layout(DiagramFixture.figure7, options: DiagramLayoutOptions(width: width))
        #expect(scene.height > bare.height)
    }
}
