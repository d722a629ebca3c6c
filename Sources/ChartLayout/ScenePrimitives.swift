/// What a primitive is for; the drawing stage may use the raw value as a CSS class.
public enum SceneRole: String, Equatable, Sendable, CaseIterable {
    /// The chart's headline.
    case title
    /// The statistical subtitle under the headline.
    case subtitle
    /// The source note under the chart.
    case source
    /// A pie slice.
    case slice
    /// A label on or beside a pie slice.
    case sliceLabel = "slice-label"
    /// A line from a slice to its outside label.
    case leaderLine = "leader-line"
    /// A bar or a segment of a stacked bar.
    case bar
    /// The empty outline standing where a withheld count's bar would be.
    case suppressedMarker = "suppressed-marker"
    /// A count written at the end of (or inside) a bar.
    case valueLabel = "value-label"
    /// The name of a category beside its bar.
    case categoryLabel = "category-label"
    /// An axis line.
    case axis
    /// A gridline across the plot.
    case gridline
    /// A number along the value axis.
    case tickLabel = "tick-label"
    /// The title of an axis.
    case axisTitle = "axis-title"
    /// A legend's colour swatch.
    case legendSwatch = "legend-swatch"
    /// A legend's text.
    case legendLabel = "legend-label"
    /// The central box of a diagram.
    case diagramCentre = "diagram-centre"
    /// A group box of a diagram.
    case diagramBox = "diagram-box"
    /// A group box's heading.
    case diagramHeading = "diagram-heading"
    /// An item inside a group box.
    case diagramItem = "diagram-item"
    /// The bullet before a diagram item.
    case bullet
    /// A line joining the centre to a group.
    case diagramConnector = "diagram-connector"
    /// A container with no drawing of its own.
    case group
}

/// Horizontal alignment of text relative to its x coordinate (SVG `text-anchor`).
public enum TextAnchor: String, Equatable, Sendable {
    /// Text starts at x.
    case start
    /// Text is centred on x.
    case middle
    /// Text ends at x.
    case end
}

/// A point in scene coordinates (y grows downwards), rounded to two decimals.
public struct ScenePoint: Equatable, Sendable {
    /// Horizontal coordinate.
    public let x: Double
    /// Vertical coordinate.
    public let y: Double
    /// Makes a point, rounding both coordinates.
    public init(x: Double, y: Double) {
        self.x = SceneNumber.round(x)
        self.y = SceneNumber.round(y)
    }
}

/// A filled rectangle, optionally outlined.
public struct SceneRect: Equatable, Sendable {
    /// Left edge.
    public let x: Double
    /// Top edge.
    public let y: Double
    /// Width (never negative).
    public let width: Double
    /// Height (never negative).
    public let height: Double
    /// Fill colour as `#RRGGBB`.
    public let fill: String
    /// Outline colour, or nil for none.
    public let stroke: String?
    /// Outline width in pixels (0 when there is no outline).
    public let strokeWidth: Double
    /// Corner radius in pixels.
    public let cornerRadius: Double
    /// What the rectangle is for.
    public let role: SceneRole

    /// Makes a rectangle, rounding every number to two decimals.
    public init(
        x: Double, y: Double, width: Double, height: Double, fill: String,
        stroke: String? = nil, strokeWidth: Double = 0, cornerRadius: Double = 0, role: SceneRole
    ) {
        self.x = SceneNumber.round(x)
        self.y = SceneNumber.round(y)
        self.width = SceneNumber.round(max(0, width))
        self.height = SceneNumber.round(max(0, height))
        self.fill = fill
        self.stroke = stroke
        self.strokeWidth = stroke == nil ? 0 : SceneNumber.round(strokeWidth)
        self.cornerRadius = SceneNumber.round(cornerRadius)
        self.role = role
    }
}

/// One step of a path, in absolute coordinates (SVG path commands M, L, A, Z).
public enum PathCommand: Equatable, Sendable {
    /// Start a new subpath at a point.
    case move(to: ScenePoint)
    /// A straight line to a point.
    case line(to: ScenePoint)
    /// A circular arc of `radius` to a point; `sweep` true means clockwise on screen.
    case arc(radius: Double, largeArc: Bool, sweep: Bool, to: ScenePoint)
    /// Close the subpath.
    case close
}

/// A filled and/or stroked path, such as a pie slice.
public struct ScenePath: Equatable, Sendable {
    /// The path's steps.
    public let commands: [PathCommand]
    /// Fill colour, or nil for none.
    public let fill: String?
    /// Stroke colour, or nil for none.
    public let stroke: String?
    /// Stroke width in pixels.
    public let strokeWidth: Double
    /// What the path is for.
    public let role: SceneRole

    /// Makes a path.
    public init(commands: [PathCommand], fill: String?, stroke: String?, strokeWidth: Double, role: SceneRole) {
        self.commands = commands
        self.fill = fill
        self.stroke = stroke
        self.strokeWidth = SceneNumber.round(strokeWidth)
        self.role = role
    }

    /// The SVG `d` attribute, numbers printed with `SceneNumber.format`.
    public var d: String {
        var parts: [String] = []
        for command in commands {
            switch command {
            case .move(let p):
                parts.append("M" + SceneNumber.format(p.x) + "," + SceneNumber.format(p.y))
            case .line(let p):
                parts.append("L" + SceneNumber.format(p.x) + "," + SceneNumber.format(p.y))
            case .arc(let radius, let largeArc, let sweep, let p):
                let r = SceneNumber.format(radius)
                parts.append(
                    "A" + r + "," + r + ",0," + (largeArc ? "1" : "0") + "," + (sweep ? "1" : "0") + ","
                        + SceneNumber.format(p.x) + "," + SceneNumber.format(p.y))
            case .close:
                parts.append("Z")
            }
        }
        return parts.joined()
    }
}

/// A straight line segment.
public struct SceneLine: Equatable, Sendable {
    /// Start x.
    public let x1: Double
    /// Start y.
    public let y1: Double
    /// End x.
    public let x2: Double
    /// End y.
    public let y2: Double
    /// Stroke colour as `#RRGGBB`.
    public let stroke: String
    /// Stroke width in pixels.
    public let strokeWidth: Double
    /// What the line is for.
    public let role: SceneRole

    /// Makes a line, rounding every number to two decimals.
    public init(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, strokeWidth: Double, role: SceneRole) {
        self.x1 = SceneNumber.round(x1)
        self.y1 = SceneNumber.round(y1)
        self.x2 = SceneNumber.round(x2)
        self.y2 = SceneNumber.round(y2)
        self.stroke = stroke
        self.strokeWidth = SceneNumber.round(strokeWidth)
        self.role = role
    }
}

/// A block of text of one or more lines.
///
/// `y` is the alphabetic baseline of the first line; later lines sit `lineHeight` lower.
/// The drawing stage writes one `tspan` per line.
public struct SceneText: Equatable, Sendable {
    /// Anchor x (see `anchor`).
    public let x: Double
    /// Baseline of the first line.
    public let y: Double
    /// The lines, already wrapped.
    public let lines: [String]
    /// Horizontal alignment relative to `x`.
    public let anchor: TextAnchor
    /// Font size in pixels (at least 12).
    public let fontSize: Double
    /// Font weight.
    public let weight: FontWeight
    /// Text colour as `#RRGGBB`.
    public let fill: String
    /// Distance between baselines in pixels.
    public let lineHeight: Double
    /// What the text is for.
    public let role: SceneRole

    /// Makes a text block; the font size is raised to 12 if smaller.
    public init(
        x: Double, y: Double, lines: [String], anchor: TextAnchor, fontSize: Double,
        weight: FontWeight = .regular, fill: String, role: SceneRole
    ) {
        let size = max(12, fontSize)
        self.x = SceneNumber.round(x)
        self.y = SceneNumber.round(y)
        self.lines = lines
        self.anchor = anchor
        self.fontSize = SceneNumber.round(size)
        self.weight = weight
        self.fill = fill
        self.lineHeight = SceneNumber.round(size * TextMetrics.lineHeight)
        self.role = role
    }

    /// All lines joined with single spaces (what a reader hears).
    public var text: String { lines.joined(separator: " ") }
}

/// A named container of primitives, drawn in order.
public struct SceneGroup: Equatable, Sendable {
    /// What the group holds.
    public let role: SceneRole
    /// The primitives inside, in drawing order.
    public let children: [ScenePrimitive]

    /// Makes a group.
    public init(role: SceneRole, children: [ScenePrimitive]) {
        self.role = role
        self.children = children
    }
}

/// One drawable thing in a scene.
public indirect enum ScenePrimitive: Equatable, Sendable {
    /// A rectangle.
    case rect(SceneRect)
    /// A path.
    case path(ScenePath)
    /// A line.
    case line(SceneLine)
    /// A text block.
    case text(SceneText)
    /// A group of primitives.
    case group(SceneGroup)
}
