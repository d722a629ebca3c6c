import Foundation

/// Lays out a pie: slices from 12 o'clock clockwise, largest first, with white separators
/// and a label for every slice giving its name, count and share.
enum PieChartLayout {
    static let radius = 120.0
    /// The least room kept beside the pie for a column of outside labels, so that a narrow
    /// chart (340 px, for phones) draws a smaller pie rather than cut its labels' words.
    static let labelColumn = 80.0

    static func layout(_ spec: ChartSpec, top: Double, width: Double) -> LaidOutBody {
        let values = spec.categories.map(\.sum)
        let slices = PieLayout.slices(values)
        let names = slices.map { spec.categories[$0.index].label }
        let shares = slices.map { ChartShare.label($0.value, of: spec.total) }
        let margin = LayoutStyle.margin, offset = PieLabelPlacer.columnOffset
        // The pie, and the labels that do not fit inside their slices, are centred together
        // between the margins: the pie alone when every label is inside it, else moved away
        // from its outside labels by as much as they need. A narrow scene (340 px, for
        // phones) draws a smaller pie so that its labels keep whole words.
        var radius = min(Self.radius, (width - 2 * margin - offset - labelColumn) / 2)
        func column(_ radius: Double) -> Double { max(labelColumn, (width - 2 * margin - 2 * radius - 2 * offset) / 2) }
        func measure(_ radius: Double) -> (left: Double, right: Double) {
            let trial = PieLabelPlacer.place(
                slices: slices, names: names, values: shares, centre: ScenePoint(x: width / 2, y: top + 24 + radius),
                radius: radius, width: width, columnWidth: column(radius))
            let outside = trial.filter { !$0.inside }
            return (
                outside.filter { $0.anchor == .end }.map(\.box.width).max() ?? 0,
                outside.filter { $0.anchor == .start }.map(\.box.width).max() ?? 0
            )
        }
        var need = measure(radius)
        if need.left > 0 && need.right > 0 {
            radius = max(60, min(radius, (width - 2 * margin - 2 * offset - need.left - need.right) / 2))
            need = measure(radius)
        }
        let leftPart = need.left > 0 ? need.left + offset : 0
        let group = leftPart + 2 * radius + (need.right > 0 ? offset + need.right : 0)
        let centreX = min(max(((width - group) / 2 + leftPart + radius).rounded(), margin + radius), width - margin - radius)
        var placements = PieLabelPlacer.place(
            slices: slices, names: names, values: shares, centre: ScenePoint(x: centreX, y: top + 24 + radius),
            radius: radius, width: width, columnWidth: column(radius))
        // Place labels once to see how far above the pie they reach, then move the pie down
        // by that much (placement is relative to the centre).
        var centre = ScenePoint(x: centreX, y: top + 24 + radius)
        let highest = placements.map { min($0.box.minY, $0.leader.map(\.y).min() ?? $0.box.minY) }.min() ?? top
        if highest < top {
            centre = ScenePoint(x: centre.x, y: centre.y + (top - highest).rounded(.up))
            placements = PieLabelPlacer.place(
                slices: slices, names: names, values: shares, centre: centre, radius: radius, width: width,
                columnWidth: column(radius))
        }
        var primitives: [ScenePrimitive] = []

        for (position, slice) in slices.enumerated() where slice.sweep > 0 {
            primitives.append(
                .path(
                    ScenePath(
                        commands: sectorCommands(slice, centre: centre, radius: radius),
                        fill: Palette.categorical(position), stroke: Palette.white, strokeWidth: 2, role: .slice)))
        }

        var bottom = centre.y + radius + 24
        // The content's right edge is the margin's, so that the scene is `width` wide and the pie,
        // centred on width / 2, sits in the middle of it (labels reaching further widen it).
        var right = width - LayoutStyle.margin
        for placement in placements {
            let fill = placement.inside ? Palette.textColour(on: Palette.categorical(placement.slice)) : Palette.text
            if !placement.inside {
                var commands: [PathCommand] = []
                for (i, point) in placement.leader.enumerated() {
                    commands.append(i == 0 ? .move(to: point) : .line(to: point))
                }
                primitives.append(.path(ScenePath(commands: commands, fill: nil, stroke: Palette.axis, strokeWidth: 1, role: .leaderLine)))
            }
            primitives.append(
                .text(
                    LayoutStyle.text(
                        placement.lines, x: placement.anchorX, top: placement.box.minY, anchor: placement.anchor,
                        size: PieLabelPlacer.fontSize, fill: fill, role: .sliceLabel)))
            bottom = max(bottom, placement.box.maxY)
            right = max(right, placement.box.maxX)
        }
        return LaidOutBody(primitives: primitives, bottom: bottom, right: right)
    }

    /// The path of a slice: centre, out to the rim, clockwise arc, back. A whole-circle
    /// slice is drawn as two half arcs, since one SVG arc cannot end where it starts.
    static func sectorCommands(_ slice: PieSlice, centre: ScenePoint, radius: Double) -> [PathCommand] {
        func rim(_ angle: Double) -> ScenePoint {
            ScenePoint(x: centre.x + radius * cos(angle), y: centre.y + radius * sin(angle))
        }
        if slice.sweep >= 2 * Double.pi - 1e-9 {
            let top = rim(slice.startAngle), bottom = rim(slice.startAngle + Double.pi)
            return [
                .move(to: top),
                .arc(radius: radius, largeArc: true, sweep: true, to: bottom),
                .arc(radius: radius, largeArc: true, sweep: true, to: top),
                .close,
            ]
        }
        return [
            .move(to: centre),
            .line(to: rim(slice.startAngle)),
            .arc(radius: radius, largeArc: slice.sweep > Double.pi, sweep: true, to: rim(slice.endAngle)),
            .close,
        ]
    }
}
