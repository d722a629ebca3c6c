import Yams
import CaseModel

/// Reads a YAML text into a ``LocatedValue`` tree whose every part knows its line and column.
public enum YAMLReader {
    /// The document's tree (`.null` for an empty file), or the diagnostics that stopped it.
    ///
    /// Hostile documents (deep nesting, alias bombs) are refused by a linear first pass
    /// before Yams builds anything; see ``LoadingLimits``.
    public static func read(_ text: String, file: String, limits: LoadingLimits = .standard) -> Result<LocatedValue, Diagnostic> {
        if let refusal = YAMLPreflight.check(text, file: file, limits: limits) {
            return .failure(refusal)
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file))
        } catch {
            return .failure(.error(at: SourceLocation(file: file), "YAML could not be read: \(error)"))
        }
        guard let node else { return .success(LocatedValue(.null, at: SourceLocation(file: file, line: 1, column: 1))) }
        var converter = Converter(file: file, budget: limits.maxYAMLValues, depthLimit: limits.maxYAMLDepth)
        let tree = converter.convert(node, depth: 0)
        if let problem = converter.problem { return .failure(problem) }
        return .success(tree)
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        func at(_ mark: Mark?) -> SourceLocation {
            guard let mark else { return SourceLocation(file: file) }
            return SourceLocation(file: file, line: mark.line, column: mark.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context, !context.text.isEmpty { message += " (\(context.text))" }
            return .error(at: at(mark), message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map(\.quotedForDiagnostic).joined(separator: ", ")
            return .error(at: at(context.mark), "key \(keys) appears twice in the same mapping; keep one")
        default:
            return .error(at: SourceLocation(file: file), "YAML could not be read: \(error)")
        }
    }

    /// Turns Yams nodes into located values, visiting at most `budget` nodes and
    /// `depthLimit` levels (a second guard behind the preflight).
    private struct Converter {
        let file: String
        var budget: Int
        let depthLimit: Int
        var problem: Diagnostic?

        init(file: String, budget: Int, depthLimit: Int) {
            self.file = file
            self.budget = budget
            self.depthLimit = depthLimit
        }

        func location(_ node: Node) -> SourceLocation {
            guard let mark = node.mark else { return SourceLocation(file: file) }
            return SourceLocation(file: file, line: mark.line, column: mark.column)
        }

        mutating func convert(_ node: Node, depth: Int) -> LocatedValue {
            let here = location(node)
            budget -= 1
            if problem != nil { return LocatedValue(.null, at: here) }
            if budget < 0 || depth > depthLimit {
                problem = .error(at: here, "the document is too large or too deeply nested; the file is refused")
                return LocatedValue(.null, at: here)
            }
            switch node {
            case .scalar(let scalar):
                if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return LocatedValue(.null, at: here) }
                return LocatedValue(.scalar(scalar.string, scalar.style == .plain ? .plain : .quoted), at: here)
            case .sequence(let sequence):
                var items: [LocatedValue] = []
                for item in sequence { items.append(convert(item, depth: depth + 1)) }
                return LocatedValue(.sequence(items), at: here)
            case .mapping(let mapping):
                var entries: [LocatedValue.Entry] = []
                for (key, value) in mapping {
                    let converted = convert(value, depth: depth + 1)
                    guard case .scalar(let scalar) = key else {
                        if problem == nil {
                            problem = .error(at: location(key), "a key must be plain text, not a list or mapping")
                        }
                        continue
                    }
                    entries.append(LocatedValue.Entry(key: scalar.string, keyLocation: location(key), value: converted))
                }
                return LocatedValue(.mapping(entries), at: here)
            case .alias:
                problem = .error(at: here, "an unresolved YAML alias")
                return LocatedValue(.null, at: here)
            }
        }
    }
}
