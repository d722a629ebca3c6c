import CaseLoading
import CaseModel

/// A value being decoded: a located value (a node of a YAML file's tree, a
/// spreadsheet cell), or the columns of a spreadsheet row under one dotted prefix
/// (`child` of `child.sex`; the whole row at ``CSVTable/RowTree/root``), read from
/// the row in place: decoding a row builds no tree of it, only the values it reads.
/// The two read alike: a row's columns are what ``CSVTable/RowTree/tree()`` would
/// make of them.
enum FieldValue {
    case located(LocatedValue)
    case columns(CSVTable.RowTree, node: Int)

    /// A row's own mapping of columns.
    init(row: CSVTable.RowTree) {
        self = .columns(row, node: CSVTable.RowTree.root)
    }

    var location: SourceLocation {
        switch self {
        case .located(let value): value.location
        case .columns(let row, _): row.location
        }
    }

    /// The text of a scalar; `nil` for anything else.
    var scalarText: String? {
        if case .located(let value) = self, case .scalar(let text, _) = value.kind { return text }
        return nil
    }

    /// A short description of what kind of value this is, for "expected …, found …".
    var kindDescription: String {
        switch self {
        case .located(let value): value.kindDescription
        case .columns: "a mapping of fields"
        }
    }

    /// The value of `key` and where the key is, if this is a mapping that has it.
    func entry(_ key: String) -> (value: FieldValue, keyLocation: SourceLocation)? {
        switch self {
        case .located(let value):
            guard case .mapping(let entries) = value.kind, let entry = entries.first(where: { $0.key.isSameKey(as: key) }) else {
                return nil
            }
            return (.located(entry.value), entry.keyLocation)
        case .columns(let row, let node):
            return row.content(key, of: node).map { (Self(row, $0), row.location(of: $0)) }
        }
    }

    /// The value of `key`, if this is a mapping that has it. Like ``entry(_:)``
    /// without the key's place, which a row would work out for every field read.
    subscript(key: String) -> FieldValue? {
        switch self {
        case .located(let value):
            guard case .mapping(let entries) = value.kind, let entry = entries.first(where: { $0.key.isSameKey(as: key) }) else {
                return nil
            }
            return .located(entry.value)
        case .columns(let row, let node):
            return row.content(key, of: node).map { Self(row, $0) }
        }
    }

    private init(_ row: CSVTable.RowTree, _ content: CSVTable.RowTree.Content) {
        switch content {
        case .cell(let column): self = .located(row.cell(column))
        case .mapping(let node): self = .columns(row, node: node)
        }
    }

    /// Whether this is nothing (`~`, or nothing written in YAML): an absent value.
    var isNull: Bool {
        if case .located(let value) = self, case .null = value.kind { return true }
        return false
    }
}

/// The fields of one mapping being decoded: reports unknown keys up front, then hands
/// out values by key and reports those that are required but missing.
struct Fields {
    let value: FieldValue
    /// The dotted path of this mapping ("harm", "areas[2]"), empty at a file's root.
    let path: String
    let context: DecodeContext

    /// `nil` (with a diagnostic) when `value` is not a mapping.
    init?(_ value: LocatedValue, path: String, allowed: [String], context: DecodeContext) {
        self.init(.located(value), path: path, allowed: allowed, context: context)
    }

    /// `nil` (with a diagnostic) when `value` is not a mapping.
    init?(_ value: FieldValue, path: String, allowed: [String], context: DecodeContext) {
        self.value = value
        self.path = path
        self.context = context
        let unknown: [(key: String, location: SourceLocation)]
        switch value {
        case .located(let located):
            switch located.kind {
            case .mapping(let entries):
                unknown = entries.filter { entry in !allowed.contains { $0.isSameKey(as: entry.key) } }.map { ($0.key, $0.keyLocation) }
            case .null:
                let what = path.isEmpty ? "the file is empty" : "is empty"
                context.log.error(
                    at: located.location, field: path.isEmpty ? nil : path,
                    "\(what); expected a mapping with the keys: \(allowed.joined(separator: ", "))")
                return nil
            default:
                context.log.error(
                    at: located.location, field: path.isEmpty ? nil : path,
                    "expected a mapping with the keys: \(allowed.joined(separator: ", ")); found \(located.kindDescription)")
                return nil
            }
        case .columns(let row, let node):
            unknown = row.entries(of: node) { key in !allowed.contains { $0.isSameKey(as: key) } }.map {
                ($0.key, row.location(of: $0.content))
            }
        }
        for (key, location) in unknown {
            context.log.error(
                at: location, field: fieldPath(key),
                "unknown key \(key.quotedForDiagnostic); valid keys here: \(allowed.joined(separator: ", "))")
        }
    }

    func fieldPath(_ key: String) -> FieldPath { FieldPath(key, in: path) }

    /// The value of `key` unless it is absent or empty.
    func present(_ key: String) -> FieldValue? {
        guard let found = value[key], !found.isNull else { return nil }
        return found
    }

    /// Where to point when `key` is missing: its key if written with no value, else the mapping.
    func missingLocation(_ key: String) -> SourceLocation {
        if let entry = value.entry(key) { return entry.keyLocation }
        return value.location.forMissingField(fieldPath(key).description)
    }

    /// Reads a required field, reporting it when missing; `expected` says what would be
    /// valid (built only when the field is missing: most reads have nothing to report).
    func required<T>(_ key: String, expected: @autoclosure () -> String? = nil, _ read: (FieldValue, FieldPath) -> T?) -> T? {
        guard let found = present(key) else {
            reportMissing(key, expected: expected())
            return nil
        }
        return read(found, fieldPath(key))
    }

    /// Reads an optional field; `nil` when absent (or when invalid, with a diagnostic).
    func optional<T>(_ key: String, _ read: (FieldValue, FieldPath) -> T?) -> T? {
        present(key).flatMap { read($0, fieldPath(key)) }
    }

    func reportMissing(_ key: String, expected: String?) {
        let field = fieldPath(key).description
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

/// The dotted path of a field as messages name it (`child.sex`, `themes[2]`,
/// `learning[1].text`), kept as its parts and spelt out only for a message: most
/// fields read have nothing to report.
struct FieldPath: CustomStringConvertible {
    /// The path of the mapping the field is in; empty at a file's root.
    private let mapping: String
    private let key: String
    /// The number (from 1) of an item of the field's list.
    private let item: Int?

    /// A field of a file's root mapping.
    init(_ key: String) {
        self.init(key, in: "")
    }

    /// The field `key` of the mapping at `mapping` (empty at a file's root).
    init(_ key: String, in mapping: String) {
        self.mapping = mapping
        self.key = key
        item = nil
    }

    private init(mapping: String, key: String, item: Int) {
        self.mapping = mapping
        self.key = key
        self.item = item
    }

    /// The `number`th item (from 1) of this field's list.
    func item(_ number: Int) -> FieldPath {
        precondition(item == nil, "a list's item is not itself a list")
        return FieldPath(mapping: mapping, key: key, item: number)
    }

    var description: String {
        let field = mapping.isEmpty ? key : "\(mapping).\(key)"
        return item.map { "\(field)[\($0)]" } ?? field
    }
}
