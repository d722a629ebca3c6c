/// A problem in a template, located by file and line.
public struct TemplateProblem: Error, Hashable, Sendable, CustomStringConvertible, Comparable {
    public var file: String
    public var line: Int
    public var reason: Reason

    public enum Reason: Error, Hashable, Sendable {
        case malformed(String)
        case unclosed
        case unknownName(String, suggestions: [String])
        case unknownFormat(String)
        case formatDoesNotFit(name: String, format: String, why: String)
        case unknownFigure(String, known: [String])
        case figurePlacedTwice(String, firstAt: String)
        case figureNeverPlaced(String)
        case unknownTheme(String, known: [String])
        case refused(String)
        case noTitle
        case secondTitle
        case unreadable(String)
    }

    public init(file: String, line: Int, reason: Reason) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return "\(place): \(message)"
    }

    public var message: String {
        switch reason {
        case .malformed(let text):
            "\(text) is not a placeholder; write {{ name }} or {{ name | format }} (see docs/templates.md)"
        case .unclosed:
            "a placeholder opened with {{ is not closed with }}"
        case .unknownName(let name, let suggestions):
            "there is no value named \"\(name)\"" + (suggestions.isEmpty ? "; see docs/templates.md for the names"
                : "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: " or ") + "?")
        case .unknownFormat(let format):
            "\"\(format)\" is not a format; use one of: percent, of, share, total, count, is, times, compare"
        case .formatDoesNotFit(let name, let format, let why):
            "\"\(name)\" cannot be written with \"\(format)\": \(why)"
        case .unknownFigure(let id, let known):
            "there is no figure \"\(id)\"; the figures are: \(known.joined(separator: ", "))"
        case .figurePlacedTwice(let id, let firstAt):
            "figure \"\(id)\" is already placed at \(firstAt); place each figure once"
        case .figureNeverPlaced(let id):
            "figure \"\(id)\" is not placed in any chapter; add {{ figure: \(id) }} on a line of its own"
        case .unknownTheme(let code, let known):
            "there is no theme \"\(code)\" in vocabulary.yaml; the themes are: \(known.joined(separator: ", "))"
        case .refused(let why): why
        case .noTitle: "a chapter must start with its title as a level-1 heading (# Title)"
        case .secondTitle: "a chapter has one level-1 heading (# Title); use ## for sections"
        case .unreadable(let why): why
        }
    }

    public static func < (a: TemplateProblem, b: TemplateProblem) -> Bool { (a.file, a.line) < (b.file, b.line) }
}
