import Testing
import XMLWriter

/// Text that needs no rewriting (no CR, nothing forbidden) is passed on as it is;
/// these pin what the scalar-by-scalar rewrite gives wherever the quick check
/// and the rewrite could disagree: non-ASCII beside what is refused or rewritten.
@Suite("Text checked before it is written")
struct TextCheckTests {
    @Test("A forbidden character is found after and before non-ASCII text", arguments: RefusalTests.forbidden)
    func forbiddenBesideNonASCII(_ scalar: Unicode.Scalar) throws {
        let writer = try writerInParagraph()
        #expect(thrownError { try writer.text("é\(scalar)é") } == .illegalCharacter(scalar, place: .text, path: "/html/body/p"))
        #expect(
            thrownError { try writer.attribute("title", "日本\(scalar)") }
                == .illegalCharacter(scalar, place: .attribute(name: "title"), path: "/html/body/p"))
    }

    @Test("The first forbidden character is named, whether it is ASCII or not")
    func firstForbiddenIsNamed() throws {
        let writer = try writerInParagraph()
        #expect(thrownError { try writer.text("a\u{85}b\u{1}") } == .illegalCharacter("\u{85}", place: .text, path: "/html/body/p"))
        #expect(thrownError { try writer.text("a\u{1}b\u{85}") } == .illegalCharacter("\u{1}", place: .text, path: "/html/body/p"))
    }

    @Test("CRLF and lone CR beside non-ASCII text become LF")
    func lineBreaksBesideNonASCII() throws {
        let body = try bodyHTML { writer in
            try writer.element("p", ["title": "é\r\nx\ry"], text: "日本\r\n語\r\r\nz")
        }
        #expect(body == "<p title=\"é&#10;x&#10;y\">日本\n語\n\nz</p>")
    }

    @Test("Text with nothing to rewrite is written as it is")
    func plainTextUnchanged() throws {
        let body = try bodyHTML { try $0.element("p", text: "Plain text, tabs\tand\nlines; é and 日本 too") }
        #expect(body == "<p>Plain text, tabs\tand\nlines; é and 日本 too</p>")
    }

    @Test(
        "A style sheet's unsafe strings are found beside non-ASCII text",
        arguments: [
            ("p::after{content:\"é\"}</STYLE>", "</style"), ("é<b", "<"), ("a{content:\"&\"}", "&"), ("é]]>", "]]>"),
        ])
    func unsafeStyleSheets(_ css: String, _ found: String) throws {
        let writer = try writerInParagraph()
        #expect(thrownError { try writer.styleSheet(css) } == .unsafeStyleSheet(found: found, path: "/html/body/p/style"))
        #expect(XMLWriter.styleSheetProblem(css) == found)
    }

    @Test("A style sheet with a lone ] and no other unsafe string is accepted")
    func loneBracketAccepted() throws {
        #expect(XMLWriter.styleSheetProblem("a[title] { content: \"]]\" } é") == nil)
    }
}
