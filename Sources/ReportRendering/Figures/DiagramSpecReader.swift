import ChartLayout
import Yams

/// Reads `Templates/figures/figure-7.yaml` (`centre:` and `groups:` of `title:`
/// and `items:`) into a ``DiagramSpec``, with located problems.
enum DiagramSpecReader {
    static func read(_ text: String, file: String) -> Result<DiagramSpec, TemplateProblem> {
        func problem(_ node: Node?, _ message: String) -> Result<DiagramSpec, TemplateProblem> {
            .failure(TemplateProblem(file: file, line: node?.mark.map { $0.line } ?? 0, reason: .unreadable(message)))
        }
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else { return problem(nil, "the file is empty; it needs centre: and groups:") }
            root = composed
        } catch let error as YamlError {
            if case .scanner(_, _, let mark, _) = error { return .failure(TemplateProblem(file: file, line: mark.line, reason: .unreadable("this is not valid YAML"))) }
            if case .parser(_, _, let mark, _) = error { return .failure(TemplateProblem(file: file, line: mark.line, reason: .unreadable("this is not valid YAML"))) }
            return problem(nil, "this is not valid YAML")
        } catch {
            return problem(nil, "this is not valid YAML")
        }
        guard let mapping = root.mapping else { return problem(root, "expected centre: and groups:") }
        for key in mapping.keys where !["centre", "groups"].contains(key.string ?? "") {
            return problem(key, "unknown key \"\(key.string ?? "")\"; expected centre and groups")
        }
        guard let centre = mapping["centre"]?.scalar?.string, !centre.isEmpty else {
            return problem(root, "centre: must be a line of text")
        }
        guard let groupsNode = mapping["groups"], let groups = groupsNode.sequence, !groups.isEmpty else {
            return problem(mapping["groups"] ?? root, "groups: must be a list of groups, each with title: and items:")
        }
        var result: [DiagramGroup] = []
        for group in groups {
            guard let g = group.mapping, let title = g["title"]?.scalar?.string, !title.isEmpty,
                  let items = g["items"]?.sequence, !items.isEmpty,
                  g.keys.allSatisfy({ ["title", "items"].contains($0.string ?? "") }) else {
                return problem(group, "each group needs title: (text) and items: (a list of text), and nothing else")
            }
            var texts: [String] = []
            for item in items {
                guard let s = item.scalar?.string, !s.isEmpty else { return problem(item, "each item must be a line of text") }
                texts.append(s)
            }
            result.append(DiagramGroup(title: title, items: texts))
        }
        return .success(DiagramSpec(centre: centre, groups: result))
    }
}
