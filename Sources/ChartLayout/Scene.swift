/// A laid-out chart or diagram: a canvas size and primitives in drawing order.
///
/// Coordinates are pixels from the top-left corner; the drawing stage can use
/// `0 0 width height` as the SVG viewBox.
public struct Scene: Equatable, Sendable {
    /// Canvas width in pixels.
    public let width: Double
    /// Canvas height in pixels.
    public let height: Double
    /// A short accessible name (the chart's headline).
    public let title: String
    /// The long text alternative stating every value.
    public let description: String
    /// The primitives, in drawing order.
    public let primitives: [ScenePrimitive]

    /// Makes a scene, rounding the size to two decimals.
    public init(width: Double, height: Double, title: String, description: String, primitives: [ScenePrimitive]) {
        self.width = SceneNumber.round(width)
        self.height = SceneNumber.round(height)
        self.title = title
        self.description = description
        self.primitives = primitives
    }

    /// Every primitive with groups opened up, in drawing order (groups themselves left out).
    public var flattened: [ScenePrimitive] {
        var result: [ScenePrimitive] = []
        func visit(_ items: [ScenePrimitive]) {
            for item in items {
                if case .group(let group) = item { visit(group.children) } else { result.append(item) }
            }
        }
        visit(primitives)
        return result
    }

    /// Every text block, in drawing order.
    public var texts: [SceneText] {
        flattened.compactMap { if case .text(let text) = $0 { return text } else { return nil } }
    }
}
