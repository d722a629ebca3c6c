import CaseModel

/// A value read from YAML or from a spreadsheet row, with where each part came from.
///
/// Both input forms become this one tree, so that one decoder checks them alike.
public struct LocatedValue: Hashable, Sendable {
    /// How a scalar was written, which decides how it may be read.
    public enum ScalarStyle: Hashable, Sendable {
        /// Plain YAML text (`died`, `3`, `true`).
        case plain
        /// Quoted YAML text, or a block scalar (`|`, `>`).
        case quoted
        /// A spreadsheet cell; a list may be written in one cell as `a;b`.
        case cell
    }

    /// One `key: value` pair of a mapping, in source order.
    public struct Entry: Hashable, Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: LocatedValue
        public init(key: String, keyLocation: SourceLocation, value: LocatedValue) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    /// Not `indirect`: the lists and mappings are arrays, which hold their items on the
    /// heap already, and a boxed case cost every scalar an allocation of its own.
    public enum Kind: Hashable, Sendable {
        /// An empty value (`~`, `null` or nothing at all in YAML); read as absent.
        case null
        case scalar(String, ScalarStyle)
        case sequence([LocatedValue])
        case mapping([Entry])
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The entry for `key`, if this is a mapping that has it.
    public subscript(key: String) -> LocatedValue? {
        guard case .mapping(let entries) = kind else { return nil }
        return entries.first { $0.key.isSameKey(as: key) }?.value
    }

    /// A short description of what kind of value this is, for "expected …, found …".
    public var kindDescription: String {
        switch kind {
        case .null: "nothing"
        case .scalar(let text, _): "the value \(text.quotedForDiagnostic)"
        case .sequence: "a list"
        case .mapping: "a mapping of fields"
        }
    }
}

extension String {
    /// Whether this key is `other`: `==`, told first by length, since keys of one mapping
    /// mostly differ in length (`==` on strings stored apart, such as a header's key and
    /// a decoder's literal, compares them through the standard library's slow path).
    /// The two differ only for keys that Unicode calls equivalent but that are written
    /// with a different number of bytes; every key the contract names is ASCII, and
    /// none is equivalent to anything else. (A plain byte comparison measured slower.)
    @inlinable
    public func isSameKey(as other: String) -> Bool {
        utf8.count == other.utf8.count && self == other
    }
}
