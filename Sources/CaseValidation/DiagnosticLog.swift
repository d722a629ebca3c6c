import CaseLoading

/// Collects the diagnostics of one run; decoders report into it and carry on.
final class DiagnosticLog {
    private(set) var items: [Diagnostic] = []

    func add(_ diagnostic: Diagnostic) { items.append(diagnostic) }

    func error(at location: SourceLocation, field: String?, _ message: String) {
        items.append(.error(at: location, field: field, message))
    }

    func warning(at location: SourceLocation, field: String?, _ message: String) {
        items.append(.warning(at: location, field: field, message))
    }

    /// The number of errors so far, to tell whether a stretch of decoding added any.
    var errorCount: Int { items.reduce(0) { $0 + ($1.isError ? 1 : 0) } }
}
