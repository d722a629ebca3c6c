/// Why `XMLWriter` refused a call or libxml2 failed.
///
/// Paths name the open elements from the root, as in `/html/body/p`; `/` is the
/// document level, outside any element.
public enum XMLWriterError: Error, CustomStringConvertible, Equatable {
    /// Where in the document a refused character was found.
    public enum Place: Equatable, Sendable, CustomStringConvertible {
        /// In text content.
        case text
        /// In the value of the named attribute.
        case attribute(name: String)
        /// In a comment.
        case comment
        /// In the CSS of a style sheet.
        case styleSheet

        /// A readable phrase such as `the value of attribute "class"`.
        public var description: String {
            switch self {
            case .text: "text"
            case .attribute(let name): "the value of attribute \"\(name)\""
            case .comment: "a comment"
            case .styleSheet: "a style sheet"
            }
        }
    }

    /// A character that XML forbids, or HTML treats as a parse error, such as a
    /// control character, NUL or a noncharacter like U+FFFF.
    case illegalCharacter(Unicode.Scalar, place: Place, path: String)
    /// An element or attribute name that is not a plain XML name
    /// (an ASCII letter or `_`, then letters, digits, `-`, `_`, `.`, and at most one inner `:`).
    case invalidName(String, path: String)
    /// A comment that XML or HTML would misread (it contains `--`, ends with `-`,
    /// or starts with `>` or `->`); `reason` says which.
    case invalidComment(reason: String, path: String)
    /// CSS containing `found` (`</style`, `<`, `&` or `]]>`), which would not mean the
    /// same in an HTML parser and an XML parser.
    case unsafeStyleSheet(found: String, path: String)
    /// An attribute written when no start tag is open (before any element, or after
    /// the element's content has begun).
    case misplacedAttribute(name: String, path: String)
    /// An attribute written twice on one element (the writer's own `xmlns` counts).
    case duplicateAttribute(name: String, path: String)
    /// The first element is not the root this kind of document needs.
    case unexpectedRoot(expected: String, found: String)
    /// A second element at the document level, after the root.
    case secondRoot(name: String)
    /// Text at the document level, outside the root element.
    case textOutsideRoot
    /// Content inside an HTML void element such as `br` or `meta`, which has no end tag.
    case contentInVoidElement(path: String)
    /// Escaped text, elements or comments inside an HTML `script` or `style`, whose
    /// content HTML reads raw (use `styleSheet(_:)` for CSS).
    case contentInRawTextElement(path: String)
    /// `endElement()` with no element open.
    case noOpenElement
    /// `finish()` while elements are still open; `path` is the innermost one.
    case elementsStillOpen(path: String)
    /// `finish()` before any root element was written.
    case missingRoot
    /// A call after `finish()`.
    case finished
    /// libxml2 returned a negative code from `call`.
    case libxml2(call: String, code: Int32)

    /// A one-line explanation naming the character or name and where it was.
    public var description: String {
        switch self {
        case .illegalCharacter(let scalar, let place, let path):
            "character \(Self.codePoint(scalar)) is not allowed in \(place) at \(path)"
        case .invalidName(let name, let path):
            "\"\(name)\" at \(path) is not a valid element or attribute name"
        case .invalidComment(let reason, let path):
            "comment at \(path) \(reason)"
        case .unsafeStyleSheet(let found, let path):
            "style sheet at \(path) contains \"\(found)\", which HTML and XML would read differently"
        case .misplacedAttribute(let name, let path):
            "attribute \"\(name)\" at \(path) comes after the element's content or outside any element"
        case .duplicateAttribute(let name, let path):
            "attribute \"\(name)\" is written twice on \(path)"
        case .unexpectedRoot(let expected, let found):
            "the root element must be <\(expected)>, not <\(found)>"
        case .secondRoot(let name):
            "<\(name)> would be a second root element"
        case .textOutsideRoot:
            "text cannot be written outside the root element"
        case .contentInVoidElement(let path):
            "\(path) is an HTML void element and cannot have content"
        case .contentInRawTextElement(let path):
            "\(path) holds raw text in HTML; only styleSheet(_:) may fill it"
        case .noOpenElement:
            "there is no open element to end"
        case .elementsStillOpen(let path):
            "the document ends with \(path) still open"
        case .missingRoot:
            "the document has no root element"
        case .finished:
            "the document is already finished"
        case .libxml2(let call, let code):
            "libxml2 \(call) failed with code \(code)"
        }
    }

    /// Formats a scalar as `U+0007` or `U+1FFFF`.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
