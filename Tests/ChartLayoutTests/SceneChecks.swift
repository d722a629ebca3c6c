import ChartLayout

/// Invariants every laid-out scene must keep, shared by the chart and diagram tests.
enum SceneChecks {
    /// Pairs of text blocks whose estimated ink boxes overlap.
    static func overlappingTexts(_ scene: Scene) -> [(SceneText, SceneText)] {
        let texts = scene.texts
        var pairs: [(SceneText, SceneText)] = []
        for i in texts.indices {
            for j in texts.indices where j > i {
                if SceneGeometry.box(of: texts[i]).overlaps(SceneGeometry.box(of: texts[j])) {
                    pairs.append((texts[i], texts[j]))
                }
            }
        }
        return pairs
    }

    /// Primitives reaching outside `0…width × 0…height`.
    static func outOfBounds(_ scene: Scene) -> [ScenePrimitive] {
        let canvas = SceneBox(minX: 0, minY: 0, maxX: scene.width, maxY: scene.height)
        return scene.flattened.filter { primitive in
            guard let box = SceneGeometry.bounds(of: primitive) else { return false }
            return !canvas.contains(box)
        }
    }

    /// Every number in the scene, to check it was rounded to two decimals.
    static func unroundedNumbers(_ scene: Scene) -> [Double] {
        var numbers: [Double] = [scene.width, scene.height]
        for primitive in scene.flattened {
            switch primitive {
            case .rect(let r): numbers += [r.x, r.y, r.width, r.height]
            case .line(let l): numbers += [l.x1, l.y1, l.x2, l.y2]
            case .text(let t): numbers += [t.x, t.y, t.fontSize]
            case .path(let p):
                for command in p.commands {
                    switch command {
                    case .move(let point), .line(let point): numbers += [point.x, point.y]
                    case .arc(let radius, _, _, let point): numbers += [radius, point.x, point.y]
                    case .close: break
                    }
                }
            case .group: break
            }
        }
        return numbers.filter { ($0 * 100).rounded() / 100 != $0 }
    }

    static func texts(_ scene: Scene, role: SceneRole) -> [SceneText] {
        scene.texts.filter { $0.role == role }
    }

    static func centreY(_ text: SceneText) -> Double {
        let box = SceneGeometry.box(of: text)
        return (box.minY + box.maxY) / 2
    }

    static func centreX(_ text: SceneText) -> Double {
        let box = SceneGeometry.box(of: text)
        return (box.minX + box.maxX) / 2
    }
}
