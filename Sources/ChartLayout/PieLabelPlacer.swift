import Foundation

/// Where one pie slice's label goes.
public struct PieLabelPlacement: Equatable, Sendable {
    /// The slice's position in drawing order.
    public let slice: Int
    /// The label's lines: the wrapped category name, then the count and share.
    public let lines: [String]
    /// True when the label sits inside its slice.
    public let inside: Bool
    /// The x the text is anchored at.
    public let anchorX: Double
    /// How the text aligns with `anchorX`.
    public let anchor: TextAnchor
    /// The label's estimated ink box.
    public let box: SceneBox
    /// For outside labels, the leader line from the slice's rim to the label; else empty.
    public let leader: [ScenePoint]
}

/// Places pie labels inside their slice when they fit, otherwise outside in a column on
/// the slice's side with a leader line; outside labels on one side are stacked so they
/// never overlap.
public enum PieLabelPlacer {
    /// Label font size in pixels.
    public static let fontSize = LayoutStyle.labelSize
    /// Clearance kept between a label and a slice's edges.
    public static let padding = 4.0
    /// Vertical gap between stacked outside labels.
    public static let stackGap = 6.0
    /// Horizontal distance from the rim to the outside label columns.
    public static let columnOffset = 28.0

    /// Places a label for every slice.
    ///
    /// - Parameters:
    ///   - slices: slices in drawing order (from `PieLayout.slices`).
    ///   - names: the category name of each slice, in the same order.
    ///   - values: the count-and-share text of each slice, in the same order.
    ///   - centre: the pie's centre; `radius` its radius.
    ///   - width: the scene width (outside columns run to its margins).
    ///   - columnWidth: the width outside labels wrap at, when the caller has made room for it.
    ///
    /// Outside labels may rise above the pie; the caller moves the pie down to make room.
    public static func place(
        slices: [PieSlice], names: [String], values: [String], centre: ScenePoint, radius: Double, width: Double,
        columnWidth: Double? = nil
    ) -> [PieLabelPlacement] {
        let size = fontSize
        let lineHeight = size * TextMetrics.lineHeight
        var placements: [PieLabelPlacement?] = Array(repeating: nil, count: slices.count)
        var outside: [(slice: Int, right: Bool, idealCentre: Double, lines: [String], height: Double, width: Double)] = []
        let rightX = centre.x + radius + columnOffset
        let leftX = centre.x - radius - columnOffset
        // Outside labels wrap at `columnWidth` when given, else at the room between the pie and the margins.
        let room = max(60, min(width - LayoutStyle.margin - rightX, leftX - LayoutStyle.margin))
        let rightColumn = columnWidth ?? room
        let leftColumn = columnWidth ?? room

        for (position, slice) in slices.enumerated() {
            let insideLines = TextMetrics.wrap(names[position], maxWidth: radius * 0.9, fontSize: size) + [values[position]]
            if let box = insideBox(for: slice, lines: insideLines, centre: centre, radius: radius, lineHeight: lineHeight) {
                placements[position] = PieLabelPlacement(
                    slice: position, lines: insideLines, inside: true, anchorX: (box.minX + box.maxX) / 2,
                    anchor: .middle, box: box, leader: [])
                continue
            }
            let right = cos(slice.midAngle) >= -1e-9
            let lines = TextMetrics.wrap(names[position], maxWidth: right ? rightColumn : leftColumn, fontSize: size) + [values[position]]
            let ideal = centre.y + (radius + 12) * sin(slice.midAngle)
            outside.append((position, right, ideal, lines, LayoutStyle.height(lines, size: size), LayoutStyle.width(lines, size: size)))
        }

        for right in [true, false] {
            let column = outside.filter { $0.right == right }.sorted {
                $0.idealCentre != $1.idealCentre ? $0.idealCentre < $1.idealCentre : $0.slice < $1.slice
            }
            let tops = stack(heights: column.map(\.height), idealCentres: column.map(\.idealCentre))
            for (label, labelTop) in zip(column, tops) {
                let x = right ? rightX : leftX
                let minX = right ? x : x - label.width
                let box = SceneBox(minX: minX, minY: labelTop, maxX: minX + label.width, maxY: labelTop + label.height)
                let slice = slices[label.slice]
                let rim = ScenePoint(x: centre.x + radius * cos(slice.midAngle), y: centre.y + radius * sin(slice.midAngle))
                let elbow = ScenePoint(
                    x: centre.x + (radius + 12) * cos(slice.midAngle), y: centre.y + (radius + 12) * sin(slice.midAngle))
                // The leader meets the label level with the middle of its first line.
                let firstLineMiddle = labelTop + (TextMetrics.ascent + TextMetrics.descent) * size / 2
                let end = ScenePoint(x: right ? x - padding : x + padding, y: firstLineMiddle)
                placements[label.slice] = PieLabelPlacement(
                    slice: label.slice, lines: label.lines, inside: false, anchorX: x,
                    anchor: right ? .start : .end, box: box, leader: [rim, elbow, end])
            }
        }
        return placements.compactMap { $0 }
    }

    // MARK: - Stacking outside labels

    /// Tops for labels sorted by ideal centre, so that none overlap and the total squared
    /// distance from the ideal centres is least: overlapping neighbours merge into a cluster
    /// that sits at the mean of its members' wishes.
    public static func stack(heights: [Double], idealCentres: [Double], gap: Double = stackGap) -> [Double] {
        struct Cluster {
            var first: Int
            var count: Int
            var top: Double
            var height: Double
        }
        var clusters: [Cluster] = []
        func settle(_ cluster: inout Cluster) {
            var offset = 0.0, wish = 0.0
            for i in cluster.first..<(cluster.first + cluster.count) {
                wish += idealCentres[i] - (offset + heights[i] / 2)
                offset += heights[i] + gap
            }
            cluster.top = wish / Double(cluster.count)
            cluster.height = offset - gap
        }
        for index in heights.indices {
            var cluster = Cluster(first: index, count: 1, top: 0, height: 0)
            settle(&cluster)
            clusters.append(cluster)
            while clusters.count >= 2 {
                let last = clusters[clusters.count - 1], previous = clusters[clusters.count - 2]
                guard previous.top + previous.height + gap > last.top else { break }
                var merged = Cluster(first: previous.first, count: previous.count + last.count, top: 0, height: 0)
                settle(&merged)
                clusters.removeLast(2)
                clusters.append(merged)
            }
        }
        var tops: [Double] = []
        for cluster in clusters {
            var y = cluster.top
            for i in cluster.first..<(cluster.first + cluster.count) {
                tops.append(y)
                y += heights[i] + gap
            }
        }
        return tops
    }

    // MARK: - Fitting inside a slice

    /// A box for the label inside the slice, or nil if it does not fit anywhere tried.
    private static func insideBox(
        for slice: PieSlice, lines: [String], centre: ScenePoint, radius: Double, lineHeight: Double
    ) -> SceneBox? {
        guard slice.sweep > 0 else { return nil }
        let height = LayoutStyle.height(lines, size: fontSize)
        let width = LayoutStyle.width(lines, size: fontSize)
        let full = slice.sweep >= 2 * Double.pi - 1e-9
        let radii: [Double] = full ? [0] : [0.6, 0.5, 0.7, 0.4, 0.3]
        for fraction in radii {
            let cx = centre.x + fraction * radius * cos(slice.midAngle)
            let cy = centre.y + fraction * radius * sin(slice.midAngle)
            let box = SceneBox(minX: cx - width / 2, minY: cy - height / 2, maxX: cx + width / 2, maxY: cy + height / 2)
            if fits(box, in: slice, centre: centre, radius: radius, full: full) { return box }
        }
        return nil
    }

    private static func fits(_ box: SceneBox, in slice: PieSlice, centre: ScenePoint, radius: Double, full: Bool) -> Bool {
        let corners = [(box.minX, box.minY), (box.maxX, box.minY), (box.minX, box.maxY), (box.maxX, box.maxY)]
        for (x, y) in corners {
            let dx = x - centre.x, dy = y - centre.y
            if (dx * dx + dy * dy).squareRoot() > radius - padding { return false }
            if !full && !angleWithin(atan2(dy, dx), slice) { return false }
        }
        if full { return true }
        // Neither straight edge of the slice may pass through the (padded) box.
        let grown = box.insetBy(-padding)
        for angle in [slice.startAngle, slice.endAngle] {
            let end = (centre.x + radius * cos(angle), centre.y + radius * sin(angle))
            if segmentCrosses(grown, from: (centre.x, centre.y), to: end) { return false }
        }
        return true
    }

    private static func angleWithin(_ angle: Double, _ slice: PieSlice) -> Bool {
        var offset = (angle - slice.startAngle).truncatingRemainder(dividingBy: 2 * .pi)
        if offset < 0 { offset += 2 * .pi }
        return offset <= slice.sweep
    }

    /// Liang–Barsky clipping: does the segment enter the box?
    private static func segmentCrosses(_ box: SceneBox, from a: (Double, Double), to b: (Double, Double)) -> Bool {
        let dx = b.0 - a.0, dy = b.1 - a.1
        var t0 = 0.0, t1 = 1.0
        let checks = [(-dx, a.0 - box.minX), (dx, box.maxX - a.0), (-dy, a.1 - box.minY), (dy, box.maxY - a.1)]
        for (p, q) in checks {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let r = q / p
                if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                if t0 > t1 { return false }
            }
        }
        return true
    }
}
