import CaseModel

/// One problem found in the inputs, with where it is and what would be valid.
///
/// Problems are collected, never thrown one at a time, so that a data manager sees
/// every problem of a run at once.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Error {
    public enum Severity: String, Hashable, Sendable {
        /// The cohort cannot be used until this is fixed.
        case error
        /// Worth a look; the cohort is still usable.
        case warning
    }

    /// What kind of problem it is, for the exit code: an input that is not there
    /// at all (66) is told apart from one that is there but wrong (65).
    public enum Kind: String, Hashable, Sendable {
        /// The input is there and breaks a rule, or cannot be read.
        case invalid
        /// A required input is not there at all (a file, or any case).
        case missingInput
    }

    public var severity: Severity
    public var kind: Kind = .invalid
    public var location: SourceLocation
    /// The dotted field path ("harm.outcome", "themes[2]"), or `nil` for a whole file or row.
    public var field: String?
    public var message: String

    public init(_ severity: Severity, at location: SourceLocation, field: String? = nil, _ message: String) {
        self.severity = severity
        self.location = location
        self.field = field
        self.message = message
    }

    /// A required input that is not there at all.
    public static func missing(at location: SourceLocation, _ message: String) -> Diagnostic {
        var diagnostic = Diagnostic(.error, at: location, message)
        diagnostic.kind = .missingInput
        return diagnostic
    }

    public static func error(at location: SourceLocation, field: String? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.error, at: location, field: field, message)
    }

    public static func warning(at location: SourceLocation, field: String? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.warning, at: location, field: field, message)
    }

    public var isError: Bool { severity == .error }

    /// `Inputs/cases/C07.yaml:12:14: harm.outcome: "injured" is not a valid value; …`
    ///
    /// Warnings say `warning:` after the location. The field is left out when the
    /// location already names it (a spreadsheet cell in the field's own column).
    ///
    /// The line never prints a control or invisible character raw, whatever the
    /// inputs hold (file names and keys included): the whole line goes through
    /// ``Swift/String/escapedForMessage``, and a field path is cut like any other
    /// excerpt of the input (``Swift/String/excerptForDiagnostic``).
    public var description: String {
        var text = "\(location): "
        if severity == .warning { text += "warning: " }
        if let field, !Self.locationNames(field, location) { text += "\(field.excerptForDiagnostic): " }
        return (text + message).escapedForMessage
    }

    private static func locationNames(_ field: String, _ location: SourceLocation) -> Bool {
        let column: String
        switch location.position {
        case .csvCell(_, let name), .sheetCell(_, _, let name): column = name
        default: return false
        }
        return column == field
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by file, then line or row, then column; ties keep the order found.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            if a.element.location.file != b.element.location.file { return a.element.location.file < b.element.location.file }
            let ka = a.element.location.sortKey, kb = b.element.location.sortKey
            if ka != kb { return ka < kb }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// Whether any of these is an error.
    public var containsErrors: Bool { contains { $0.isError } }
}
