/// Sizes and spacing shared by the chart and diagram layouts.
enum LayoutStyle {
    static let margin = 16.0
    static let titleSize = 18.0
    static let subtitleSize = 14.0
    static let labelSize = 14.0
    static let tickSize = 12.0
    static let sourceSize = 12.0
    static let gap = 8.0

    /// A text block whose ink starts at `top` (the baseline is placed one ascent lower).
    static func text(
        _ lines: [String], x: Double, top: Double, anchor: TextAnchor, size: Double,
        weight: FontWeight = .regular, fill: String = Palette.text, role: SceneRole
    ) -> SceneText {
        SceneText(
            x: x, y: top + TextMetrics.ascent * size, lines: lines, anchor: anchor,
            fontSize: size, weight: weight, fill: fill, role: role)
    }

    /// A text block centred vertically on `centreY`.
    static func text(
        _ lines: [String], x: Double, centreY: Double, anchor: TextAnchor, size: Double,
        weight: FontWeight = .regular, fill: String = Palette.text, role: SceneRole
    ) -> SceneText {
        let height = TextMetrics.blockHeight(lineCount: lines.count, fontSize: size)
        return text(lines, x: x, top: centreY - height / 2, anchor: anchor, size: size, weight: weight, fill: fill, role: role)
    }

    /// Height of a block of `lines` at `size`.
    static func height(_ lines: [String], size: Double) -> Double {
        TextMetrics.blockHeight(lineCount: lines.count, fontSize: size)
    }

    /// Width of the widest of `lines` at `size`.
    static func width(_ lines: [String], size: Double, weight: FontWeight = .regular) -> Double {
        TextMetrics.width(ofLines: lines, fontSize: size, weight: weight)
    }

    /// The source line under a figure, wrapped to `width`, starting 16 px below `y`;
    /// `y` moves to its foot. Nothing for an empty note. Charts and the diagram alike.
    static func sourceLine(_ note: String, width: Double, below y: inout Double) -> ScenePrimitive? {
        let lines = TextMetrics.wrap(note, maxWidth: width - 2 * margin, fontSize: sourceSize)
        guard !lines.isEmpty else { return nil }
        y += 16
        let primitive = ScenePrimitive.text(text(lines, x: margin, top: y, anchor: .start, size: sourceSize, role: .source))
        y += height(lines, size: sourceSize)
        return primitive
    }
}

/// The primitives of one part of a chart and how much room it took.
struct LaidOutBody {
    /// Primitives in drawing order.
    var primitives: [ScenePrimitive]
    /// The lowest y any primitive reaches.
    var bottom: Double
    /// The widest x any primitive reaches (the scene may grow to hold it).
    var right: Double
}
