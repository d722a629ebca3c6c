import CaseLoading
import CaseModel

/// What loading a cohort produced: the cohort when there are no errors, and every problem.
public struct CohortLoadResult: Sendable {
    /// The validated cohort, or `nil` when any diagnostic is an error.
    public var cohort: Cohort?
    /// Errors and warnings, sorted by file, then line or row.
    public var diagnostics: [Diagnostic]
    /// Files whose contents were read.
    public var filesRead: Int
    /// Case documents or spreadsheet rows read, valid or not.
    public var casesRead: Int
    /// `review.yaml`, `areas.yaml` and `vocabulary.yaml` with no cases, when those three
    /// are valid whether or not the cases are: what the templates' names and the
    /// declared figures' fields come from, so that they can be checked in the same
    /// run as the cases' problems.
    public var frame: Cohort?

    public init(cohort: Cohort?, diagnostics: [Diagnostic], filesRead: Int, casesRead: Int, frame: Cohort? = nil) {
        self.cohort = cohort
        self.frame = frame
        self.diagnostics = diagnostics
        self.filesRead = filesRead
        self.casesRead = casesRead
    }

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    /// Whether a required input is not there at all (rather than there but wrong).
    public var misses: Bool { diagnostics.contains { $0.kind == .missingInput } }
    public var warnings: [Diagnostic] { diagnostics.filter { !$0.isError } }
}
