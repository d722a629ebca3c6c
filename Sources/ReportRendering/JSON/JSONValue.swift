import Foundation

/// A JSON value, written the way panel-report writes every JSON file: byte for
/// byte what Foundation's `JSONEncoder` writes with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]` (see ``encoded()``), without its generic machinery.
///
/// `JSONEncoder` reaches each value through `Encodable`'s containers, and on
/// the way asks the Swift runtime whether the value is a date, a URL or a
/// dictionary (a protocol-conformance look-up per new type); for the few files
/// panel-report writes, of fixed shapes, that cost more than the rest of the
/// writing. A type that is written spells its shape out once, as a `JSONValue`
/// (see ``JSONRepresentable``), and `encoded()` writes it.
///
/// No case holds a floating-point number: panel-report writes none (shares are
/// written as their counts and a whole percent), so there is nothing to match
/// `JSONEncoder`'s formatting of one against.
public enum JSONValue: Sendable {
    /// Its members, in any order: they are written sorted by key (see ``encoded()``).
    /// Keys must differ from each other, as Swift compares strings: a repeated key
    /// would be written twice, where `JSONEncoder` keeps one.
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
}

/// A type written to a JSON file through its ``json`` value.
public protocol JSONRepresentable {
    var json: JSONValue { get }
}

// MARK: - Building values

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// An object of the members whose value is not nil: an absent optional is
    /// left out, as `encodeIfPresent` (and so a synthesized `Encodable`) does.
    public init(dictionaryLiteral members: (String, JSONValue?)...) {
        self = .object(members.compactMap { key, value in value.map { (key, $0) } })
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension String: JSONRepresentable {
    public var json: JSONValue { .string(self) }
}

extension Int: JSONRepresentable {
    public var json: JSONValue { .int(self) }
}

extension Bool: JSONRepresentable {
    public var json: JSONValue { .bool(self) }
}

extension Array: JSONRepresentable where Element: JSONRepresentable {
    public var json: JSONValue { .array(map(\.json)) }
}

extension Dictionary: JSONRepresentable where Key == String, Value: JSONRepresentable {
    public var json: JSONValue { .object(map { ($0.key, $0.value.json) }) }
}

// MARK: - Writing

extension JSONValue {
    /// The value as `JSONEncoder` with `[.prettyPrinted, .sortedKeys,
    /// .withoutEscapingSlashes]` writes it (swift-foundation's `JSONWriter`):
    /// - two spaces of indentation a level, `"key" : value`, `,` at the end of a line;
    /// - an empty array or object still opens a line: `[`, an empty line, `]`;
    /// - an object's keys sorted by their UTF-8 bytes (so `"Z"` before `"a"`
    ///   before `"é"`, and a composed `é` apart from `e` with a combining accent);
    /// - in strings, `"` and `\` escaped, `\b \f \n \r \t` for those controls and
    ///   `\u00XX` (lowercase hex) for the others below U+0020; `/`, DEL and
    ///   everything from U+0080 up written as they are, in UTF-8;
    /// - no newline after the last byte.
    public func encoded() -> [UInt8] {
        var writer = JSONWriter()
        writer.write(self, depth: 0)
        return writer.bytes
    }

    /// ``encoded()`` and a final newline: a JSON file as panel-report writes one.
    public func fileData() -> Data {
        var bytes = encoded()
        bytes.append(UInt8(ascii: "\n"))
        return Data(bytes)
    }
}

/// Writes a ``JSONValue`` into bytes, as ``JSONValue/encoded()`` says.
private struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    /// Writes `value` at nesting `depth` (its own first line already indented).
    mutating func write(_ value: JSONValue, depth: Int) {
        switch value {
        case .object(let members):
            append("{")
            let sorted = Self.isSortedByKey(members) ? members : members.sorted { Self.precedes($0.key, $1.key) }
            for index in sorted.indices {
                startLine(after: index == 0 ? "\n" : ",\n", depth: depth + 1)
                writeString(sorted[index].key)
                append(" : ")
                write(sorted[index].value, depth: depth + 1)
            }
            close("}", empty: members.isEmpty, depth: depth)
        case .array(let elements):
            append("[")
            for index in elements.indices {
                startLine(after: index == 0 ? "\n" : ",\n", depth: depth + 1)
                write(elements[index], depth: depth + 1)
            }
            close("]", empty: elements.isEmpty, depth: depth)
        case .string(let string):
            writeString(string)
        case .int(let number):
            var digits = String(number)
            digits.withUTF8 { bytes.append(contentsOf: $0) }
        case .bool(let flag):
            append(flag ? "true" : "false")
        case .null:
            append("null")
        }
    }

    /// A few bytes at a time: appended one by one, which is quicker than
    /// `append(contentsOf:)` for so few.
    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { for byte in $0 { bytes.append(byte) } }
    }

    /// `separator`, then the indentation of a line at `depth`: two spaces a level.
    private mutating func startLine(after separator: StaticString, depth: Int) {
        append(separator)
        for _ in 0..<2 * depth { bytes.append(UInt8(ascii: " ")) }
    }

    /// The closing bracket on a line of its own; an empty container's opening line
    /// is followed by an empty one, as `JSONEncoder` writes it.
    private mutating func close(_ bracket: StaticString, empty: Bool, depth: Int) {
        if empty { append("\n") }
        startLine(after: "\n", depth: depth)
        append(bracket)
    }

    /// `JSONEncoder`'s order of keys on Linux: by their UTF-8 bytes.
    private static func precedes(_ a: String, _ b: String) -> Bool {
        var (a, b) = (a, b)
        return a.withUTF8 { a in b.withUTF8 { b in a.lexicographicallyPrecedes(b) } }
    }

    /// Most objects are built in key order already: those need no sorted copy.
    private static func isSortedByKey(_ members: [(key: String, value: JSONValue)]) -> Bool {
        members.indices.dropFirst().allSatisfy { precedes(members[$0 - 1].key, members[$0].key) }
    }

    /// `string` quoted, escaped as ``JSONValue/encoded()`` says; runs needing no escape are copied whole.
    private mutating func writeString(_ string: String) {
        append("\"")
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                switch byte {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case 0x08: append("\\b")
                case 0x0C: append("\\f")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                default:
                    append("\\u00")
                    bytes.append(Self.hexDigit(byte >> 4))
                    bytes.append(Self.hexDigit(byte & 0xF))
                }
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        append("\"")
    }

    /// The lowercase hexadecimal digit for `value` (0 to 15).
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

// MARK: - Through an Encoder

/// A value can be handed to any `Encoder` too: an object becomes a keyed container,
/// an array an unkeyed one. (A type whose `Encodable` conformance is its ``JSONValue``
/// writes the same whichever way it is written.)
extension JSONValue: Encodable {
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .object(let members):
            var container = encoder.container(keyedBy: MemberKey.self)
            for (key, value) in members { try container.encode(value, forKey: MemberKey(stringValue: key)) }
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            try container.encode(contentsOf: elements)
        case .string(let string):
            var container = encoder.singleValueContainer()
            try container.encode(string)
        case .int(let number):
            var container = encoder.singleValueContainer()
            try container.encode(number)
        case .bool(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        }
    }

    private struct MemberKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
