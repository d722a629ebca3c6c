import CaseLoading
import CaseModel

/// A problem in a template, located by file and, where it has one, line.
public struct TemplateProblem: Error, Hashable, Sendable, CustomStringConvertible, Comparable {
    public var file: String
    /// The 1-based line, or nil for a problem of the whole file or folder.
    public var line: Int?
    public var reason: Reason
    /// A warning is worth a look but does not stop the build.
    public var isWarning = false

    public enum Reason: Error, Hashable, Sendable {
        case malformed(String)
        case unclosed
        case unknownName(String, suggestions: [String])
        /// A co-occurrence figure's combination that this cohort counts with the other combinations.
        case combinationNotShown(String, other: String)
        case unknownFormat(String)
        case formatDoesNotFit(name: String, format: String, why: String)
        case unknownFigure(String, suggestions: [String], known: [String])
        case figurePlacedTwice(String, firstAt: String)
        case figureNeverPlaced(String)
        case unknownTheme(String, known: [String])
        case refused(String)
        case noTitle
        case secondTitle
        case unreadable(String)
        /// A link to something other than a web page, an e-mail address or a place in the report.
        case linkNotAllowed(String)
        /// A character the page cannot carry (a control character, a noncharacter).
        case characterNotAllowed(Unicode.Scalar)
        /// `{{ ref: … }}` inside a link: a link cannot hold another link.
        case refInsideLink(String)
        /// An option after a figure's id that is not `title:` or `unit:` with words.
        case figureOption(String)
        /// A family of counts (`{{ list: … }}`, `{{ selection: … }}`) that does not exist.
        case unknownFamily(String, suggestions: [String], known: [String])
        /// A paragraph or list that states a family of counts all but in part.
        case partialFamily(family: String, stated: Int, of: Int, missing: [String])
        /// A figure whose chart cannot be drawn from this cohort's numbers.
        case figureCannotBeDrawn(figure: String, why: String)
        /// A paragraph or list that states every count of a family, some of them withheld as `[c]`.
        case withheldFamilyInFull(family: String, withheld: [String], threshold: Int)
    }

    public init(file: String, line: Int?, reason: Reason) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(isWarning ? "warning: " : "")\(message)"
    }

    public var message: String {
        switch reason {
        case .malformed(let text):
            "\(text.quotedForDiagnostic) is not a placeholder; write {{ name }} or {{ name | format }} (see docs/templates.md)"
        case .unclosed:
            "a placeholder opened with {{ is not closed with }}"
        case .unknownName(let name, let suggestions):
            "there is no value named \(name.quotedForDiagnostic)"
                + (suggestions.isEmpty
                    ? "; see docs/templates.md for the names"
                    : "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: " or ") + "?")
        case .combinationNotShown(let name, let other):
            "\(name.quotedForDiagnostic) is a combination this cohort counts with the other combinations (fewer cases "
                + "than the figure's minimum, or none), so it has no number of its own; name \"\(other)\" or a set's size instead"
        case .unknownFormat(let format):
            "\(format.quotedForDiagnostic) is not a format"
                + (Spelling.nearest(format, among: PlaceholderFormat.allCases.map(\.rawValue)).first.map { "; did you mean \"\($0)\"?" }
                    ?? "")
                + "; use one of: \(PlaceholderFormat.allCases.map(\.rawValue).joined(separator: ", "))"
        case .formatDoesNotFit(let name, let format, let why):
            "\"\(name)\" cannot be written with \"\(format)\": \(why)"
        case .unknownFigure(let id, let suggestions, let known):
            "there is no figure \(id.quotedForDiagnostic)"
                + (suggestions.isEmpty ? "" : "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: " or ") + "?")
                + "; the figures are: \(known.joined(separator: ", "))"
        case .figurePlacedTwice(let id, let firstAt):
            "figure \"\(id)\" is already placed at \(firstAt); place each figure once"
        case .figureNeverPlaced(let id):
            "figure \"\(id)\" is not placed in any chapter; add {{ figure: \(id) }} on a line of its own"
        case .unknownTheme(let code, let known):
            "there is no theme \(code.quotedForDiagnostic) in vocabulary.yaml; the themes are: \(known.joined(separator: ", "))"
        case .refused(let why): why
        case .noTitle: "a chapter must start with its title as a level-1 heading (# Title)"
        case .secondTitle: "a chapter has one level-1 heading (# Title); use ## for sections"
        case .unreadable(let why): why
        case .linkNotAllowed(let url):
            "the link \(url.quotedForDiagnostic) is not allowed; link to https:, http: or mailto: addresses, or to a place in the report (#…)"
        case .characterNotAllowed(let scalar):
            "the character \(scalar.codePointName) cannot appear in the report; delete it (it is often invisible in an editor)"
        case .refInsideLink(let id):
            "{{ ref: \(id) }} is inside a link, and a link cannot hold another link; move it out of the [ ]( ) link"
        case .figureOption(let option):
            "\(option.quotedForDiagnostic) is not a figure option; write {{ figure: ID | title: Words of the caption | unit: infants }} (either or both)"
        case .unknownFamily(let name, let suggestions, let known):
            "there is no family of counts named \(name.quotedForDiagnostic)"
                + (suggestions.isEmpty ? "" : "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: " or ") + "?")
                + "; the families are: \(known.joined(separator: ", "))"
        case .partialFamily(let family, let stated, let total, let missing):
            "this gives \(stated) of the \(total) \(family) counts and leaves out \(missing.map { "\"\($0)\"" }.joined(separator: ", ")); "
                + "write {{ list: \(family) }} to state them all, or put {{ selection: \(family) }} on the line before if the selection is deliberate"
        case .figureCannotBeDrawn(let figure, let why):
            "figure \"\(figure)\" cannot be drawn from this cohort: \(why)"
        case .withheldFamilyInFull(let family, let withheld, let threshold):
            "this states every \(family) count, and with counts below \(threshold) withheld it prints [c] for "
                + withheld.map { "\"\($0)\"" }.joined(separator: ", ")
                + "; check that its words (such as \"the remaining\" or a total) do not let a reader work one out, or reword it"
        }
    }

    public static func < (a: TemplateProblem, b: TemplateProblem) -> Bool { (a.file, a.line ?? 0) < (b.file, b.line ?? 0) }
}
