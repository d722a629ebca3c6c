/// A run that stops: a readable message for stderr and a sysexits code.
public struct Failure: Error {
    public enum Kind: Int32, Sendable {
        case usage = 64
        case badData = 65
        case missingInput = 66
        /// EX_UNAVAILABLE: a program the run needs (Chromium, for --pdf) is missing or failed.
        case unavailable = 69
        /// EX_SOFTWARE: an error panel-report did not expect, which is its own fault
        /// (every failure of the inputs, templates, disk or environment has a kind above).
        case internalError = 70
        case cannotCreateOutput = 73
        case ioError = 74
        /// EX_CONFIG: the run's configuration (its environment) is wrong, not its data.
        case config = 78
    }

    public let kind: Kind
    public let lines: [String]
    /// What the summary (the last line) reports the run as: refused, or damaged for `verify`.
    public var outcome = "refused"
    /// The file each line is about, where it is about one (`nil` otherwise), in the
    /// order of ``lines``: a JSON log line carries it as its `file`.
    public var files: [String?] = []

    public init(_ kind: Kind, _ lines: String...) {
        self.kind = kind
        self.lines = lines
    }

    public init(_ kind: Kind, lines: [String], outcome: String = "refused") {
        self.kind = kind
        self.lines = lines
        self.outcome = outcome
    }

    /// One line about one file (a JSON log line names it as its `file`).
    public init(_ kind: Kind, file: String?, _ line: String) {
        self.kind = kind
        lines = [line]
        files = [file]
    }

    /// One line per problem, each about the file beside it, and a summary line last.
    public init(_ kind: Kind, problems: [(file: String?, line: String)], summary: String, outcome: String = "refused") {
        self.kind = kind
        lines = problems.map(\.line) + [summary]
        files = problems.map(\.file) + [nil]
        self.outcome = outcome
    }

    /// The file line `index` is about, if any.
    public func file(at index: Int) -> String? { files.indices.contains(index) ? files[index] : nil }
}
