/// The checks libxml2 leaves to its caller: names, characters, comments, CSS, and
/// which HTML elements are void or raw text. Pure functions, no libxml2.
enum MarkupRules {
    /// HTML elements that have no end tag and are written as `<br/>`.
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input",
        "link", "meta", "source", "track", "wbr",
    ]

    /// HTML elements whose content an HTML parser reads raw, without decoding
    /// character references, so escaped text would show its `&gt;`s.
    static let rawTextElements: Set<String> = ["script", "style"]

    // MARK: - Names

    /// Whether `name` is a plain XML name: an ASCII letter or `_`, then ASCII letters,
    /// digits, `-`, `_`, `.`, with at most one `:` that is neither first nor last.
    static func isValidName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
        var colons = 0
        var last = first
        for byte in bytes.dropFirst() {
            if byte == UInt8(ascii: ":") {
                colons += 1
            } else if !(isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "."))
            {
                return false
            }
            last = byte
        }
        return colons == 0 || (colons == 1 && last != UInt8(ascii: ":"))
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    // MARK: - Characters

    /// Whether a scalar may not appear in the output.
    ///
    /// XML 1.0 forbids NUL, the C0 controls other than tab, line feed and carriage
    /// return, and U+FFFE/U+FFFF. HTML also reports DEL, the C1 controls and every
    /// noncharacter as parse errors, and XML asks authors to avoid them, so they are
    /// refused too. Carriage returns never get here: they are normalised first.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        switch value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F, 0xFDD0...0xFDEF: return true
        default: return value & 0xFFFE == 0xFFFE
        }
    }

    /// Turns `\r\n` and lone `\r` into `\n`, and returns the first forbidden scalar
    /// if there is one.
    static func normalise(_ text: String) -> (text: String, forbidden: Unicode.Scalar?) {
        // Nearly all text is printable ASCII, or has no CR and nothing forbidden:
        // then it is returned as it is, without being rebuilt scalar by scalar.
        if !needsRewriting(text) { return (text, nil) }
        var output = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                output.append("\n")
                previousWasCR = true
                continue
            }
            defer { previousWasCR = false }
            if scalar == "\n" && previousWasCR { continue }
            if isForbidden(scalar) { return (text, scalar) }
            output.append(scalar)
        }
        return (String(output), nil)
    }

    /// Whether the text holds a CR or a forbidden scalar (false means `normalise` would return it unchanged).
    static func needsRewriting(_ text: String) -> Bool {
        var asciiOnly = true
        let found: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes {
                if byte >= 0x80 {
                    asciiOnly = false
                    continue
                }
                if byte < 0x20 ? (byte != 0x09 && byte != 0x0A) : byte == 0x7F { return true }
            }
            return false
        }
        if found == true { return true }
        if found == false && asciiOnly { return false }
        return text.unicodeScalars.contains { $0 == "\r" || isForbidden($0) }
    }

    // MARK: - Comments and CSS

    /// Why a comment's text cannot be written, or `nil` if it can.
    static func commentProblem(_ text: String) -> String? {
        if text.contains("--") { return "contains \"--\"" }
        if text.hasSuffix("-") { return "ends with \"-\"" }
        if text.hasPrefix(">") || text.hasPrefix("->") { return "starts with \">\" or \"->\"" }
        return nil
    }

    /// The first string in `css` that would make it mean something different to an
    /// HTML parser (which reads `<style>` raw, up to `</style`) and an XML parser
    /// (which decodes `&` and `<`, and forbids `]]>`), or `nil` if there is none.
    static func styleSheetProblem(_ css: String) -> String? {
        // The search below compares characters (canonical equivalence, grapheme
        // clusters) and is slow; a character can only match where its UTF-8 bytes
        // are, so it runs only for strings whose bytes the sheet holds (`<`, `&`,
        // `]]>`, and `</style` in ASCII letters of either case: no other letter
        // lower-cases to one of them). Most sheets hold none.
        let present = bytesPresent(css)
        if present.closingStyle && css.lowercased().contains("</style") { return "</style" }
        if present.lessThan && css.contains("<") { return "<" }
        if present.ampersand && css.contains("&") { return "&" }
        if present.cdataEnd && css.contains("]]>") { return "]]>" }
        return nil
    }

    private static func bytesPresent(_ css: String) -> (closingStyle: Bool, lessThan: Bool, ampersand: Bool, cdataEnd: Bool) {
        var css = css
        return css.withUTF8 { bytes in
            var found = (closingStyle: false, lessThan: false, ampersand: false, cdataEnd: false)
            let style = Array("style".utf8)
            for (i, byte) in bytes.enumerated() {
                switch byte {
                case UInt8(ascii: "<"):
                    found.lessThan = true
                    if i + 6 < bytes.count, bytes[i + 1] == UInt8(ascii: "/"),
                        (0..<5).allSatisfy({ bytes[i + 2 + $0] | 0x20 == style[$0] })
                    {
                        found.closingStyle = true
                    }
                case UInt8(ascii: "&"):
                    found.ampersand = true
                case UInt8(ascii: "]"):
                    if i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "]"), bytes[i + 2] == UInt8(ascii: ">") { found.cdataEnd = true }
                default:
                    continue
                }
            }
            return found
        }
    }
}

extension XMLWriter {
    /// Whether the writer refuses this character wherever it appears (see
    /// `MarkupRules.isForbidden`), so that callers can check their sources first
    /// and say where the character is; the writer's own refusal stays the last line of defence.
    public static func refuses(_ scalar: Unicode.Scalar) -> Bool { MarkupRules.isForbidden(scalar) }

    /// The first string in a style sheet that ``styleSheet(_:)`` would refuse, or nil.
    public static func styleSheetProblem(_ css: String) -> String? { MarkupRules.styleSheetProblem(css) }
}
