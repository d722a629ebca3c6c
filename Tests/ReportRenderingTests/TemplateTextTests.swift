import Foundation
import Testing

@testable import ReportRendering

/// The template text's lines and character checks, taken from the UTF-8 bytes,
/// are those of the scalar-by-scalar and character-by-character forms they replace.
@Suite struct TemplateTextTests {
    static let texts: [String] = [
        "", "\n", "one line", "two\nlines\n", "crlf\r\nand\rlone\r\r\ncr\r",
        "a combining mark after a break:\n\u{301}b\r\n\u{301}c",
        "\u{FEFF}a byte-order mark, then\u{200B}a zero-width space\non line two",
        "joiners stay: \u{200D}\u{200C}\n\u{0B} a vertical tab on line two\r\nDEL \u{7F} on three",
        "é\u{85}\nnoncharacter " + String(Unicode.Scalar(0xFDD0)!) + "\rRTL override \u{202E} and soft hyphen \u{AD}",
        "emoji 👩‍👩‍👧 and 日本語\r\n{{ figure: sex }}\n  {{ list: sex }}  ",
    ]

    @Test(arguments: texts)
    func linesAreTheCharacterSplit(_ text: String) {
        let expected = Self.oldNormalised(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(SourceCheck.lines(text).map(String.init) == expected)
        #expect(text.normalisingLineEndings() == Self.oldNormalised(text))
    }

    @Test(arguments: texts)
    func characterProblemsAreTheScalarChecks(_ text: String) {
        let found = SourceCheck.characters(text, file: "t.md").map(\.description)
        let body = text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text
        let expected = Self.oldNormalised(body).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .compactMap { index, line in
                line.unicodeScalars.first { XMLWriterRefuses.scalar($0) }.map {
                    TemplateProblem(file: "t.md", line: index + 1, reason: .characterNotAllowed($0)).description
                }
            }
        #expect(found == expected)
    }

    /// The scalar-by-scalar line-ending rule.
    static func oldNormalised(_ text: String) -> String {
        var out = ""
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}

/// The rule for template text, as the writer and the inputs' free text state it.
private enum XMLWriterRefuses {
    static func scalar(_ s: Unicode.Scalar) -> Bool {
        let value = s.value
        let forbidden: Bool =
            switch value {
            case 0x09, 0x0A, 0x0D: false
            case 0x00...0x1F, 0x7F...0x9F, 0xFDD0...0xFDEF: true
            default: value & 0xFFFE == 0xFFFE
            }
        return forbidden || (value >= 0xAD && s.properties.generalCategory == .format && value != 0x200C && value != 0x200D)
    }
}

/// Placeholders are found on the bytes where that gives Foundation's answer, and by Foundation elsewhere.
@Suite struct PlaceholderSearchTests {
    static let texts: [String] = [
        "", "no braces", "a {{ x }} b {{ y }}", "{{{ x }}}", "é {{ x }} ü", "{{\u{301} x }}", "x{\u{301}{ y }}",
        "}} {{", "{{ a | b | suppressed: c }}", "a|\u{301}b|c", "日本{{x}}語", "|", "||", "👩‍👩‍👧|{{",
    ]

    @Test(arguments: texts)
    func findIsFoundationsRangeOf(_ text: String) {
        let sub = Substring(text)
        for needle in ["{{", "}}", "|"] as [StaticString] {
            let expected = sub.range(of: needle.description)
            #expect(Resolver.find(needle, in: sub) == expected, "\(needle) in \(text)")
            let backwards = sub.range(of: needle.description, options: .backwards)
            #expect(Resolver.find(needle, in: sub, backwards: true) == backwards, "\(needle) backwards in \(text)")
        }
        // Part of a string, as the reader searches what follows a placeholder's start.
        if let open = sub.range(of: "{{") {
            let rest = sub[open.upperBound...]
            #expect(Resolver.find("}}", in: rest) == rest.range(of: "}}"))
        }
    }
}
