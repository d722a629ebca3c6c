import CaseLoading
import CaseModel

/// The fields of one mapping being decoded: reports unknown keys up front, then hands
/// out values by key and reports those that are required but missing.
struct Fields {
    let value: LocatedValue
    /// The dotted path of this mapping ("harm", "areas[2]"), empty at a file's root.
    let path: String
    let context: DecodeContext
    private let entries: [LocatedValue.Entry]

    /// `nil` (with a diagnostic) when `value` is not a mapping.
    init?(_ value: LocatedValue, path: String, allowed: [String], context: DecodeContext) {
        self.value = value
        self.path = path
        self.context = context
        switch value.kind {
        case .mapping(let entries):
            self.entries = entries
        case .null:
            let what = path.isEmpty ? "the file is empty" : "is empty"
            context.log.error(at: value.location, field: path.isEmpty ? nil : path,
                              "\(what); expected a mapping with the keys: \(allowed.joined(separator: ", "))")
            return nil
        default:
            context.log.error(at: value.location, field: path.isEmpty ? nil : path,
                              "expected a mapping with the keys: \(allowed.joined(separator: ", ")); found \(value.kindDescription)")
            return nil
        }
        for entry in entries where !allowed.contains(entry.key) {
            context.log.error(at: entry.keyLocation, field: fieldPath(entry.key),
                              "unknown key \(entry.key.quotedForDiagnostic); valid keys here: \(allowed.joined(separator: ", "))")
        }
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value of `key` unless it is absent or empty.
    func present(_ key: String) -> LocatedValue? {
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        if case .null = entry.value.kind { return nil }
        return entry.value
    }

    /// Where to point when `key` is missing: its key if written with no value, else the mapping.
    func missingLocation(_ key: String) -> SourceLocation {
        if let entry = entries.first(where: { $0.key == key }) { return entry.keyLocation }
        return value.location.forMissingField(fieldPath(key))
    }

    /// Reads a required field, reporting it when missing; `expected` says what would be
    /// valid (built only when the field is missing: most reads have nothing to report).
    func required<T>(_ key: String, expected: @autoclosure () -> String? = nil, _ read: (LocatedValue, String) -> T?) -> T? {
        guard let found = present(key) else {
            reportMissing(key, expected: expected())
            return nil
        }
        return read(found, fieldPath(key))
    }

    /// Reads an optional field; `nil` when absent (or when invalid, with a diagnostic).
    func optional<T>(_ key: String, _ read: (LocatedValue, String) -> T?) -> T? {
        present(key).flatMap { read($0, fieldPath(key)) }
    }

    func reportMissing(_ key: String, expected: String?) {
        let field = fieldPath(key)
        if context.absentColumns.contains(field) { return }
        var message = "required field is missing"
        if let expected { message += "; expected \(expected)" }
        context.log.error(at: missingLocation(key), field: field, message)
    }
}

/// What decoding a file needs besides the file: the log, and the spreadsheet columns
/// already reported missing from the header (not to be reported again on every row).
struct DecodeContext {
    let log: DiagnosticLog
    var absentColumns: Set<String> = []
}
