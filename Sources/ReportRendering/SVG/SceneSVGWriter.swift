import ChartLayout
import XMLWriter

/// Draws a laid-out ``Scene`` as SVG through ``XMLWriter``: inline in the report,
/// or as a standalone file.
///
/// Each chart is an image with an accessible name and a text alternative:
/// `role="img"`, `aria-labelledby` naming its `<title>` and `<desc>`. Text stays
/// real `<text>`, so it can be read, searched and copied.
public enum SceneSVGWriter {
    /// Writes the scene as an `<svg>` element into an open document.
    public static func write(_ scene: Scene, id: String, into w: XMLWriter) throws {
        // `_` keeps these apart from every heading's id, which is letters, digits and `-`.
        let titleID = "\(id)_title"
        let descID = "\(id)_desc"
        try w.element(
            "svg",
            attributes: [
                ("id", "\(id)_svg"),
                ("viewBox", "0 0 \(SceneNumber.format(scene.width)) \(SceneNumber.format(scene.height))"),
                ("width", SceneNumber.format(scene.width)),
                ("height", SceneNumber.format(scene.height)),
                ("role", "img"),
                ("aria-labelledby", "\(titleID) \(descID)"),
                // The font the layout measured its text in.
                ("font-family", TextMetrics.fontFamily),
                ("class", "chart"),
            ]
        ) {
            try w.element("title", ["id": titleID], text: scene.title)
            try w.element("desc", ["id": descID], text: scene.description)
            for primitive in scene.primitives { try draw(primitive, w) }
        }
    }

    /// A standalone SVG file (XML declaration and namespace), for `Output/figures/`.
    public static func document(_ scene: Scene, id: String) throws -> String {
        let w = try XMLWriter(kind: .svg)
        try write(scene, id: id, into: w)
        return try w.finish()
    }

    private static func draw(_ primitive: ScenePrimitive, _ w: XMLWriter) throws {
        switch primitive {
        case .rect(let r):
            var attributes = [("x", f(r.x)), ("y", f(r.y)), ("width", f(r.width)), ("height", f(r.height)), ("fill", r.fill)]
            if let stroke = r.stroke { attributes += [("stroke", stroke), ("stroke-width", f(r.strokeWidth))] }
            if r.cornerRadius > 0 { attributes.append(("rx", f(r.cornerRadius))) }
            attributes.append(("class", r.role.rawValue))
            try w.element("rect", attributes: attributes)
        case .path(let p):
            var attributes = [("d", p.d), ("fill", p.fill ?? "none")]
            if let stroke = p.stroke { attributes += [("stroke", stroke), ("stroke-width", f(p.strokeWidth))] }
            attributes.append(("class", p.role.rawValue))
            try w.element("path", attributes: attributes)
        case .line(let l):
            try w.element(
                "line",
                attributes: [
                    ("x1", f(l.x1)), ("y1", f(l.y1)), ("x2", f(l.x2)), ("y2", f(l.y2)),
                    ("stroke", l.stroke), ("stroke-width", f(l.strokeWidth)), ("class", l.role.rawValue),
                ])
        case .text(let t):
            var attributes = [("x", f(t.x)), ("y", f(t.y)), ("font-size", f(t.fontSize)), ("fill", t.fill)]
            if t.anchor != .start { attributes.append(("text-anchor", t.anchor.rawValue)) }
            if t.weight == .bold { attributes.append(("font-weight", "bold")) }
            attributes.append(("class", t.role.rawValue))
            try w.element("text", attributes: attributes) {
                if t.lines.count == 1 {
                    try w.text(t.lines[0])
                } else {
                    for (i, line) in t.lines.enumerated() {
                        try w.element("tspan", attributes: [("x", f(t.x)), ("dy", i == 0 ? "0" : f(t.lineHeight))]) {
                            try w.text(line)
                        }
                    }
                }
            }
        case .group(let g):
            try w.element("g", attributes: [("class", g.role.rawValue)]) {
                for child in g.children { try draw(child, w) }
            }
        }
    }

    private static func f(_ value: Double) -> String { SceneNumber.format(value) }
}
