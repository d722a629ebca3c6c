/// Lays out a hub diagram: the centre statement in a dark box in the middle column, the
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

    /// Lays out `spec`; the first half of the groups (rounded up) go on the left.
    public static func layout(_ spec: DiagramSpec) -> Scene {
        let margin = LayoutStyle.margin
        let centreLeft = margin + sideWidth + gutter
        let centreRight = width - margin - sideWidth - gutter
        let rightLeft = width - margin - sideWidth

        let centreLines = TextMetrics.wrap(
            spec.centre, maxWidth: centreRight - centreLeft - 2 * padding, fontSize: centreSize, weight: .bold)
        let centreHeight = LayoutStyle.height(centreLines, size: centreSize) + 2 * padding

        let boxes = spec.groups.map(GroupBox.init)
        let leftCount = (boxes.count + 1) / 2
        let columns = [Array(boxes.prefix(leftCount)), Array(boxes.dropFirst(leftCount))]
        func columnHeight(_ column: [GroupBox]) -> Double {
            column.isEmpty ? 0 : column.map(\.height).reduce(0, +) + boxGap * Double(column.count - 1)
        }
        let contentHeight = max(centreHeight, columns.map(columnHeight).max() ?? 0)
        let top = margin
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
                connectors.append(.line(SceneLine(
                    x1: side == 0 ? centreLeft : centreRight, y1: startY,
                    x2: side == 0 ? left + sideWidth : left, y2: boxMiddle,
                    stroke: Palette.axis, strokeWidth: 2, role: .diagramConnector)))
                boxPrimitives.append(.group(SceneGroup(role: .group, children: box.primitives(left: left, top: y))))
                y += box.height + boxGap
            }
        }

        let centre: [ScenePrimitive] = [
            .rect(SceneRect(
                x: centreLeft, y: centreTop, width: centreRight - centreLeft, height: centreHeight,
                fill: Palette.singleSeries, cornerRadius: 6, role: .diagramCentre)),
            .text(LayoutStyle.text(
                centreLines, x: (centreLeft + centreRight) / 2, top: centreTop + padding, anchor: .middle,
                size: centreSize, weight: .bold, fill: Palette.white, role: .diagramCentre)),
        ]
        return Scene(
            width: width, height: (top + contentHeight + margin).rounded(.up),
            title: spec.centre, description: spec.textAlternative(),
            primitives: connectors + centre + boxPrimitives)
    }

    /// One group's box, measured before it is placed.
    private struct GroupBox {
        let heading: [String]
        let items: [[String]]
        let height: Double

        init(_ group: DiagramGroup) {
            let inner = DiagramLayout.sideWidth - 2 * DiagramLayout.padding
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
                .rect(SceneRect(
                    x: left, y: top, width: DiagramLayout.sideWidth, height: height, fill: Palette.white,
                    stroke: Palette.singleSeries, strokeWidth: 2, cornerRadius: 6, role: .diagramBox)),
                .text(LayoutStyle.text(
                    heading, x: left + pad, top: top + pad, anchor: .start, size: DiagramLayout.headingSize,
                    weight: .bold, role: .diagramHeading)),
            ]
            var y = top + pad + LayoutStyle.height(heading, size: DiagramLayout.headingSize)
            for lines in items {
                y += 6
                result.append(.text(LayoutStyle.text(
                    ["\u{2022}"], x: left + pad, top: y, anchor: .start, size: DiagramLayout.itemSize, role: .bullet)))
                result.append(.text(LayoutStyle.text(
                    lines, x: left + pad + DiagramLayout.bulletIndent, top: y, anchor: .start,
                    size: DiagramLayout.itemSize, role: .diagramItem)))
                y += LayoutStyle.height(lines, size: DiagramLayout.itemSize)
            }
            return result
        }
    }
}
