import CaseLoading
import ChartLayout

/// Reads a diagram's content file (`Templates/figures/whole-system-change.yaml`:
/// `centre:` and `groups:` of `title:` and `items:`) into a ``DiagramSpec``.
///
/// It is read through the same YAML loading as the inputs (size and alias limits,
/// the preflight, line and column for every value), and its text is checked for
/// characters the page cannot carry, so every problem names the file and line.
enum DiagramSpecReader {
    static func read(_ text: String, file: String) -> Result<DiagramSpec, TemplateProblem> {
        func problem(_ value: LocatedValue?, _ message: String) -> Result<DiagramSpec, TemplateProblem> {
            .failure(TemplateProblem(file: file, line: value?.location.line, reason: .unreadable(message)))
        }
        if let bad = SourceCheck.characters(text, file: file).first { return .failure(bad) }
        let root: LocatedValue
        switch YAMLReader.read(text, file: file) {
        case .success(let value): root = value
        case .failure(let diagnostic):
            return .failure(TemplateProblem(file: file, line: diagnostic.location.line, reason: .unreadable(diagnostic.message)))
        }
        guard case .mapping(let entries) = root.kind else {
            return problem(root, root.kind == .null ? "the file is empty; it needs centre: and groups:" : "expected centre: and groups:")
        }
        for entry in entries where !["centre", "groups"].contains(entry.key) {
            return .failure(
                TemplateProblem(
                    file: file, line: entry.keyLocation.line,
                    reason: .unreadable(
                        "unknown key \(entry.key.quotedForDiagnostic); expected centre and groups")))
        }
        guard case .scalar(let centre, _)? = root["centre"]?.kind, !centre.isEmpty else {
            return problem(root["centre"] ?? root, "centre: must be a line of text")
        }
        guard let groupsValue = root["groups"], case .sequence(let groups) = groupsValue.kind, !groups.isEmpty else {
            return problem(root["groups"] ?? root, "groups: must be a list of groups, each with title: and items:")
        }
        var result: [DiagramGroup] = []
        for group in groups {
            guard case .mapping(let fields) = group.kind, fields.allSatisfy({ ["title", "items"].contains($0.key) }),
                case .scalar(let title, _)? = group["title"]?.kind, !title.isEmpty,
                case .sequence(let items)? = group["items"]?.kind, !items.isEmpty
            else {
                return problem(group, "each group needs title: (text) and items: (a list of text), and nothing else")
            }
            var texts: [String] = []
            for item in items {
                guard case .scalar(let s, _) = item.kind, !s.isEmpty else { return problem(item, "each item must be a line of text") }
                texts.append(s)
            }
            result.append(DiagramGroup(title: title, items: texts))
        }
        return .success(DiagramSpec(centre: centre, groups: result))
    }
}

extension SourceLocation {
    /// The line a YAML value or problem was found on.
    var line: Int? {
        switch position {
        case .line(let line), .lineColumn(let line, _): line
        default: nil
        }
    }
}
