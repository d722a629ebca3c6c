import CaseLoading

/// Collects the diagnostics of one run; decoders report into it and carry on.
final class DiagnosticLog {
    private(set) var items: [Diagnostic] = []
    /// The number of errors so far, to tell whether a stretch of decoding added any.
    /// Kept as a running count: decoders ask for it several times a case, and
    /// counting afresh made a file with thousands of errors take minutes.
    private(set) var errorCount = 0

    func add(_ diagnostic: Diagnostic) {
        items.append(diagnostic)
        if diagnostic.isError { errorCount += 1 }
    }

    func error(at location: SourceLocation, field: String?, _ message: String) {
        add(.error(at: location, field: field, message))
    }

    /// An error about a field, named by its path.
    func error(at location: SourceLocation, field: FieldPath, _ message: String) {
        error(at: location, field: field.description, message)
    }

    func warning(at location: SourceLocation, field: String?, _ message: String) {
        add(.warning(at: location, field: field, message))
    }
}
