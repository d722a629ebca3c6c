import Foundation

/// An axis-aligned box, used for collision checks and bounds.
public struct SceneBox: Equatable, Sendable {
    /// Left edge.
    public var minX: Double
    /// Top edge.
    public var minY: Double
    /// Right edge.
    public var maxX: Double
    /// Bottom edge.
    public var maxY: Double

    /// Makes a box from its edges.
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// Width of the box.
    public var width: Double { maxX - minX }
    /// Height of the box.
    public var height: Double { maxY - minY }

    /// True when the boxes share interior area; boxes that only touch do not overlap.
    /// A tolerance of 0.01 px absorbs the two-decimal rounding of coordinates.
    public func overlaps(_ other: SceneBox, tolerance: Double = 0.01) -> Bool {
        minX < other.maxX - tolerance && other.minX < maxX - tolerance
            && minY < other.maxY - tolerance && other.minY < maxY - tolerance
    }

    /// True when `other` lies wholly inside this box (within the tolerance).
    public func contains(_ other: SceneBox, tolerance: Double = 0.01) -> Bool {
        other.minX >= minX - tolerance && other.maxX <= maxX + tolerance
            && other.minY >= minY - tolerance && other.maxY <= maxY + tolerance
    }

    /// The smallest box holding both.
    public func union(_ other: SceneBox) -> SceneBox {
        SceneBox(
            minX: min(minX, other.minX), minY: min(minY, other.minY),
            maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
    }

    /// This box shrunk by `amount` on every side (a negative amount grows it).
    public func insetBy(_ amount: Double) -> SceneBox {
        SceneBox(minX: minX + amount, minY: minY + amount, maxX: maxX - amount, maxY: maxY - amount)
    }
}

/// Estimated extents of primitives, for collision and bounds checks.
public enum SceneGeometry {
    /// The estimated ink box of a text block: from the first line's ascent to the last line's
    /// descent, as wide as the widest line (TextMetrics estimate).
    public static func box(of text: SceneText) -> SceneBox {
        let width = TextMetrics.width(ofLines: text.lines, fontSize: text.fontSize, weight: text.weight)
        let left: Double
        switch text.anchor {
        case .start: left = text.x
        case .middle: left = text.x - width / 2
        case .end: left = text.x - width
        }
        let top = text.y - TextMetrics.ascent * text.fontSize
        let bottom =
            text.y + Double(max(0, text.lines.count - 1)) * text.lineHeight
            + TextMetrics.descent * text.fontSize
        return SceneBox(minX: left, minY: top, maxX: left + width, maxY: bottom)
    }

    /// The extent of any primitive (a group: the union of its children; strokes included).
    public static func bounds(of primitive: ScenePrimitive) -> SceneBox? {
        switch primitive {
        case .rect(let r):
            let half = r.strokeWidth / 2
            return SceneBox(minX: r.x - half, minY: r.y - half, maxX: r.x + r.width + half, maxY: r.y + r.height + half)
        case .line(let l):
            let half = l.strokeWidth / 2
            return SceneBox(
                minX: min(l.x1, l.x2) - half, minY: min(l.y1, l.y2) - half,
                maxX: max(l.x1, l.x2) + half, maxY: max(l.y1, l.y2) + half)
        case .text(let t):
            return box(of: t)
        case .path(let p):
            return pathBounds(p)
        case .group(let g):
            return g.children.compactMap(bounds(of:)).reduce(nil) { partial, box in partial?.union(box) ?? box }
        }
    }

    // MARK: - Paths

    private static func pathBounds(_ path: ScenePath) -> SceneBox? {
        var box: SceneBox?
        var current = ScenePoint(x: 0, y: 0)
        func include(_ x: Double, _ y: Double) {
            let point = SceneBox(minX: x, minY: y, maxX: x, maxY: y)
            box = box?.union(point) ?? point
        }
        for command in path.commands {
            switch command {
            case .move(let p), .line(let p):
                include(p.x, p.y)
                current = p
            case .arc(let radius, let largeArc, let sweep, let p):
                for (x, y) in arcExtremes(from: current, to: p, radius: radius, largeArc: largeArc, sweep: sweep) {
                    include(x, y)
                }
                include(p.x, p.y)
                current = p
            case .close:
                break
            }
        }
        let half = path.stroke == nil ? 0 : path.strokeWidth / 2
        return box.map { SceneBox(minX: $0.minX - half, minY: $0.minY - half, maxX: $0.maxX + half, maxY: $0.maxY + half) }
    }

    /// Points of a circular SVG arc at 0, 90, 180 and 270 degrees that the arc passes through.
    private static func arcExtremes(
        from start: ScenePoint, to end: ScenePoint, radius: Double, largeArc: Bool, sweep: Bool
    ) -> [(Double, Double)] {
        let dx = end.x - start.x, dy = end.y - start.y
        let chord = (dx * dx + dy * dy).squareRoot()
        guard chord > 0, radius > 0 else { return [] }
        let r = max(radius, chord / 2)
        let h = max(0, r * r - chord * chord / 4).squareRoot()
        let mx = (start.x + end.x) / 2, my = (start.y + end.y) / 2
        // The centre lies on the chord's perpendicular; which side follows the SVG flags.
        let sign: Double = largeArc == sweep ? -1 : 1
        let cx = mx + sign * h * (-dy / chord), cy = my + sign * h * (dx / chord)
        let a0 = atan2(start.y - cy, start.x - cx)
        var a1 = atan2(end.y - cy, end.x - cx)
        // Screen-clockwise (sweep) means increasing angle with y pointing down.
        if sweep { while a1 <= a0 { a1 += 2 * .pi } } else { while a1 >= a0 { a1 -= 2 * .pi } }
        var points: [(Double, Double)] = []
        for k in -4...8 {
            let angle = Double(k) * .pi / 2
            let inside = sweep ? (angle > a0 && angle < a1) : (angle < a0 && angle > a1)
            if inside { points.append((cx + r * cos(angle), cy + r * sin(angle))) }
        }
        return points
    }
}
