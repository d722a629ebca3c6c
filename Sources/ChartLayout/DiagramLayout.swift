/// Lays out a hub diagram (or, on a narrow scene, its stacked form for phones): the centre
/// statement in a dark box in the middle column, the
/// groups in boxes in a left and a right column, and a connector from the centre to each.
///
/// Boxes in a column are stacked with gaps and columns are separated by gutters, so no two
/// boxes overlap; connectors run only through the gutters. The scene is as tall as the
/// tallest column needs.
public enum DiagramLayout {
    /// Scene width in pixels.
    public static let width = 640.0
    /// Width of each side column.
    public static let sideWidth = 200.0
    /// Gap between columns, where the connectors run.
    public static let gutter = 28.0
    /// Gap between boxes in a column.
    public static let boxGap = 16.0
    /// Inner padding of every box.
    public static let padding = 10.0

    static let centreSize = 16.0
    static let headingSize = 14.0
    static let itemSize = 14.0
    static let bulletIndent = 14.0

    /// The narrowest scene that still holds the hub form (two side columns and the centre);
    /// anything narrower is laid out stacked.
    public static let hubMinimumWidth = 640.0
    /// In the stacked form: how far the groups are indented, to leave room for the spine
    /// that joins them to the centre statement.
    public static let spineIndent = 24.0

    /// Lays out `spec` as a hub, 640 px wide, without heading or source.
    public static func layout(_ spec: DiagramSpec) -> Scene {
        layout(spec, options: DiagramLayoutOptions())
    }

    /// Lays out `spec` at `options.width`: as a hub when it is at least
    /// ``hubMinimumWidth`` (the first half of the groups, rounded up, on the left), else
    /// stacked, for phones: the centre statement at full width and the groups under it,
    /// each at full width, joined to it by a spine down the left. Text is the same size
    /// in both forms, so on a phone it is as large as the charts' text. With a heading,
    /// the title is drawn above; with a source note, the note below, as charts draw them.
    public static func layout(_ spec: DiagramSpec, options: DiagramLayoutOptions) -> Scene {
        let width = max(320, options.width)
        let margin = LayoutStyle.margin
        var primitives: [ScenePrimitive] = []
        var y = margin
        if let heading = options.heading {
            let lines = TextMetrics.wrap(heading, maxWidth: width - 2 * margin, fontSize: LayoutStyle.titleSize, weight: .bold)
            if !lines.isEmpty {
                primitives.append(
                    .text(
                        LayoutStyle.text(
                            lines, x: margin, top: y, anchor: .start, size: LayoutStyle.titleSize, weight: .bold, role: .title)))
                y += LayoutStyle.height(lines, size: LayoutStyle.titleSize) + 16
            }
        }
        let body = width >= hubMinimumWidth ? hub(spec, top: y, width: width) : stacked(spec, top: y, width: width)
        primitives += body.primitives
        y = body.bottom
        if let note = options.sourceNote, let line = LayoutStyle.sourceLine(note, width: width, below: &y) {
            primitives.append(line)
        }
        return Scene(
            width: width, height: (y + margin).rounded(.up),
            title: spec.centre, description: spec.textAlternative(), primitives: primitives)
    }

    /// The hub: centre box in the middle column, groups in a left and a right column.
    private static func hub(_ spec: DiagramSpec, top: Double, width: Double) -> LaidOutBody {
        let margin = LayoutStyle.margin
        let centreLeft = margin + sideWidth + gutter
        let centreRight = width - margin - sideWidth - gutter
        let rightLeft = width - margin - sideWidth

        let centreLines = TextMetrics.wrap(
            spec.centre, maxWidth: centreRight - centreLeft - 2 * padding, fontSize: centreSize, weight: .bold)
        let centreHeight = LayoutStyle.height(centreLines, size: centreSize) + 2 * padding

        let boxes = spec.groups.map { GroupBox($0, width: sideWidth) }
        let leftCount = (boxes.count + 1) / 2
        let columns = [Array(boxes.prefix(leftCount)), Array(boxes.dropFirst(leftCount))]
        func columnHeight(_ column: [GroupBox]) -> Double {
            column.isEmpty ? 0 : column.map(\.height).reduce(0, +) + boxGap * Double(column.count - 1)
        }
        let contentHeight = max(centreHeight, columns.map(columnHeight).max() ?? 0)
        let middle = top + contentHeight / 2
        let centreTop = middle - centreHeight / 2

        var connectors: [ScenePrimitive] = []
        var boxPrimitives: [ScenePrimitive] = []
        for (side, column) in columns.enumerated() {
            let left = side == 0 ? margin : rightLeft
            var y = top + (contentHeight - columnHeight(column)) / 2
            for box in column {
                let boxMiddle = y + box.height / 2
                // Each connector leaves the centre box level with its group where it can.
                let startY = min(max(boxMiddle, centreTop + padding), centreTop + centreHeight - padding)
                connectors.append(
                    .line(
                        SceneLine(
                            x1: side == 0 ? centreLeft : centreRight, y1: startY,
                            x2: side == 0 ? left + sideWidth : left, y2: boxMiddle,
                            stroke: Palette.axis, strokeWidth: 2, role: .diagramConnector)))
                boxPrimitives.append(.group(SceneGroup(role: .group, children: box.primitives(left: left, top: y))))
                y += box.height + boxGap
            }
        }
        let centre = centreBox(centreLines, left: centreLeft, right: centreRight, top: centreTop, height: centreHeight)
        return LaidOutBody(primitives: connectors + centre + boxPrimitives, bottom: top + contentHeight, right: width)
    }

    /// The stacked form: the centre statement across the whole width, then every group
    /// under it in reading order, indented past a spine that runs down from the centre
    /// box, with a short connector from the spine to each group.
    private static func stacked(_ spec: DiagramSpec, top: Double, width: Double) -> LaidOutBody {
        let margin = LayoutStyle.margin
        let centreLines = TextMetrics.wrap(
            spec.centre, maxWidth: width - 2 * margin - 2 * padding, fontSize: centreSize, weight: .bold)
        let centreHeight = LayoutStyle.height(centreLines, size: centreSize) + 2 * padding
        var primitives = centreBox(centreLines, left: margin, right: width - margin, top: top, height: centreHeight)

        let spineX = margin + spineIndent / 2
        let boxLeft = margin + spineIndent
        var y = top + centreHeight + boxGap
        var connectors: [ScenePrimitive] = []
        var boxPrimitives: [ScenePrimitive] = []
        var lastJoin: Double?
        for group in spec.groups {
            let box = GroupBox(group, width: width - margin - boxLeft)
            // The connector meets the box level with its heading, where the group begins.
            let join = y + padding + LayoutStyle.height(box.heading, size: headingSize) / 2
            connectors.append(
                .line(
                    SceneLine(
                        x1: spineX, y1: join, x2: boxLeft, y2: join, stroke: Palette.axis, strokeWidth: 2, role: .diagramConnector)))
            boxPrimitives.append(.group(SceneGroup(role: .group, children: box.primitives(left: boxLeft, top: y))))
            lastJoin = join
            y += box.height + boxGap
        }
        if let lastJoin {
            primitives.insert(
                .line(
                    SceneLine(
                        x1: spineX, y1: top + centreHeight, x2: spineX, y2: lastJoin,
                        stroke: Palette.axis, strokeWidth: 2, role: .diagramConnector)), at: 0)
        }
        let bottom = spec.groups.isEmpty ? top + centreHeight : y - boxGap
        return LaidOutBody(primitives: connectors + primitives + boxPrimitives, bottom: bottom, right: width)
    }

    private static func centreBox(_ lines: [String], left: Double, right: Double, top: Double, height: Double) -> [ScenePrimitive] {
        [
            .rect(
                SceneRect(
                    x: left, y: top, width: right - left, height: height,
                    fill: Palette.singleSeries, cornerRadius: 6, role: .diagramCentre)),
            .text(
                LayoutStyle.text(
                    lines, x: (left + right) / 2, top: top + padding, anchor: .middle,
                    size: centreSize, weight: .bold, fill: Palette.white, role: .diagramCentre)),
        ]
    }

    /// One group's box, measured before it is placed.
    private struct GroupBox {
        let heading: [String]
        let items: [[String]]
        let width: Double
        let height: Double

        init(_ group: DiagramGroup, width: Double) {
            self.width = width
            let inner = width - 2 * DiagramLayout.padding
            heading = TextMetrics.wrap(group.title, maxWidth: inner, fontSize: DiagramLayout.headingSize, weight: .bold)
            items = group.items.map {
                TextMetrics.wrap($0, maxWidth: inner - DiagramLayout.bulletIndent, fontSize: DiagramLayout.itemSize)
            }
            var height = 2 * DiagramLayout.padding + LayoutStyle.height(heading, size: DiagramLayout.headingSize)
            for lines in items { height += 6 + LayoutStyle.height(lines, size: DiagramLayout.itemSize) }
            self.height = height
        }

        func primitives(left: Double, top: Double) -> [ScenePrimitive] {
            let pad = DiagramLayout.padding
            var result: [ScenePrimitive] = [
                .rect(
                    SceneRect(
                        x: left, y: top, width: width, height: height, fill: Palette.white,
                        stroke: Palette.singleSeries, strokeWidth: 2, cornerRadius: 6, role: .diagramBox)),
                .text(
                    LayoutStyle.text(
                        heading, x: left + pad, top: top + pad, anchor: .start, size: DiagramLayout.headingSize,
                        weight: .bold, role: .diagramHeading)),
            ]
            var y = top + pad + LayoutStyle.height(heading, size: DiagramLayout.headingSize)
            for lines in items {
                y += 6
                result.append(
                    .text(
                        LayoutStyle.text(
                            ["\u{2022}"], x: left + pad, top: y, anchor: .start, size: DiagramLayout.itemSize, role: .bullet)))
                result.append(
                    .text(
                        LayoutStyle.text(
                            lines, x: left + pad + DiagramLayout.bulletIndent, top: y, anchor: .start,
                            size: DiagramLayout.itemSize, role: .diagramItem)))
                y += LayoutStyle.height(lines, size: DiagramLayout.itemSize)
            }
            return result
        }
    }
}

/// Options for ``DiagramLayout``.
public struct DiagramLayoutOptions: Equatable, Sendable {
    /// The scene's width: at least ``DiagramLayout/hubMinimumWidth`` for the hub, less for
    /// the stacked form (never under 320).
    public var width: Double
    /// The title drawn above the diagram (a standalone file wants it; the page's caption
    /// carries it inline), or nil.
    public var heading: String?
    /// The source line drawn under the diagram, or nil.
    public var sourceNote: String?

    /// The defaults: 640 px wide, with neither heading nor source.
    public init(width: Double = DiagramLayout.width, heading: String? = nil, sourceNote: String? = nil) {
        self.width = width
        self.heading = heading
        self.sourceNote = sourceNote
    }
}
