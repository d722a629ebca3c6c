/// How text taken from the inputs is shown in a message on the terminal: escaped,
/// and cut to a short excerpt. Kept here, in the module every stage imports, so
/// that the case loader, the validator and the report's readers (the baseline)
/// all show input the same way.
extension String {
    /// How much of an unknown value, key or column name a message shows, in characters.
    public static let diagnosticExcerptLength = 60

    /// The text in double quotes for a diagnostic: escaped as ``escapedForMessage``,
    /// quotes and backslashes escaped, and cut after 60 characters with `…`, so a
    /// message stays one short, readable line whatever the input holds.
    public var quotedForDiagnostic: String {
        "\"" + Self.escaping(unicodeScalars, limit: Self.diagnosticExcerptLength, quoting: true) + "\""
    }

    /// The text escaped as ``escapedForMessage`` and cut after 60 characters with `…`:
    /// how a field path or a column name taken from the input is shown.
    public var excerptForDiagnostic: String {
        Self.escaping(unicodeScalars, limit: Self.diagnosticExcerptLength, quoting: false)
    }

    /// The text with every character that a terminal would not show as itself written
    /// out: line feed and tab as `\n` and `\t`, any other control, invisible
    /// formatting (bidirectional controls, zero-width characters), line or paragraph
    /// separator or noncharacter as `<U+202E>`. The one escaping rule of every message.
    public var escapedForMessage: String {
        guard unicodeScalars.contains(where: \.needsEscapeInMessage) else { return self }
        return Self.escaping(unicodeScalars, limit: nil, quoting: false)
    }

    private static func escaping(_ scalars: String.UnicodeScalarView, limit: Int?, quoting: Bool) -> String {
        var out = ""
        var count = 0
        for scalar in scalars {
            if let limit, count == limit {
                out += "…"
                break
            }
            count += 1
            switch scalar {
            case "\"" where quoting: out += "\\\""
            case "\\" where quoting: out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.needsEscapeInMessage {
                    out += "<\(scalar.codePointName)>"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

extension Unicode.Scalar {
    /// C0 controls, DEL and C1 controls: characters that never belong in a case summary
    /// (tab and line feed are judged by the caller).
    public var isControlCharacter: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }

    /// An invisible formatting character (Unicode category Cf): bidirectional controls
    /// (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), zero-width characters
    /// (U+200B–U+200D, U+2060, U+FEFF) and the like. They change how text is shown or
    /// matched without being seen.
    public var isInvisibleFormatting: Bool {
        // No ASCII character is a format character: skip the Unicode table for them,
        // which is nearly every character of a cohort, read for every text field.
        value >= 0xAD && properties.generalCategory == .format
    }

    /// The zero-width non-joiner and joiner, which some scripts (Persian, the Indic
    /// scripts) and emoji sequences need to be spelt correctly.
    public var isJoinerControl: Bool {
        value == 0x200C || value == 0x200D
    }

    /// A code point that Unicode reserves as never being a character (U+FDD0–U+FDEF,
    /// and the last two of every plane, such as U+FFFE); HTML and XML cannot hold them.
    public var isNoncharacter: Bool {
        (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
    }

    /// Whether a message must show this as `<U+…>` rather than print it.
    var needsEscapeInMessage: Bool {
        isControlCharacter || isInvisibleFormatting || isNoncharacter || value == 0x2028 || value == 0x2029
    }

    /// `U+0007`: how a character is named in diagnostics.
    public var codePointName: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension Array where Element == String {
    /// The items as a message lists them: `A`, `A and B`, `A, B and C`.
    public var joinedInProse: String {
        count < 2 ? joined() : dropLast().joined(separator: ", ") + " and " + (last ?? "")
    }
}
