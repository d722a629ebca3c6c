import Testing
import XMLWriter

@Suite("Escaping and line breaks")
struct EscapingTests {
    @Test("Markup characters in text are escaped; the apostrophe needs no escape")
    func specialCharactersInText() throws {
        let body = try bodyHTML { try $0.element("p", text: "a & b < c > d \"e\" 'f'") }
        #expect(body == "<p>a &amp; b &lt; c &gt; d &quot;e&quot; 'f'</p>")
    }

    @Test("Markup characters in attribute values are escaped inside double quotes")
    func specialCharactersInAttributes() throws {
        let body = try bodyHTML { try $0.element("p", ["title": "a & b < c > d \"e\" 'f'"]) }
        #expect(body == "<p title=\"a &amp; b &lt; c &gt; d &quot;e&quot; 'f'\"></p>")
    }

    @Test(
        "Text that looks like markup never reaches the output as a raw <",
        arguments: [
            "<script>alert(1)</script>", "</p><p>", "<!-- x -->", "a<b", "<![CDATA[x]]>",
        ])
    func noRawLessThanInText(_ text: String) throws {
        let body = try bodyHTML { try $0.element("p", ["data-x": text], text: text) }
        let inner = body.dropFirst("<p data-x=\"".count).dropLast("</p>".count)
        #expect(!inner.contains("<"), "\(body)")
        #expect(body.hasPrefix("<p data-x=\"") && body.hasSuffix("</p>"))
    }

    @Test("Line feeds and tabs survive in attributes as character references")
    func whitespaceInAttributes() throws {
        let body = try bodyHTML { try $0.element("p", ["title": "one\ntwo\tthree"]) }
        #expect(body == "<p title=\"one&#10;two&#9;three\"></p>")
    }

    @Test("CRLF and lone CR become LF in text, attributes, comments and CSS")
    func lineEndingsNormalised() throws {
        let body = try bodyHTML { writer in
            try writer.element("p", ["title": "a\r\nb\rc"], text: "a\r\nb\rc\n\r\nd")
            try writer.comment(" x\r\ny ")
            try writer.styleSheet("p {}\r\nb {}\r")
        }
        #expect(body == "<p title=\"a&#10;b&#10;c\">a\nb\nc\n\nd</p><!-- x\ny --><style>p {}\nb {}\n</style>")
        #expect(!body.contains("&#13;") && !body.contains("\r"))
    }

    @Test("Emoji, accents and other scripts stay raw in SVG attributes and text")
    func unicodeRawInSVG() throws {
        let document = try svgDocument { try $0.element("title", ["lang": "fr-é"], text: "Ça va 👍🏽 日本") }
        #expect(document.hasSuffix("<svg xmlns=\"http://www.w3.org/2000/svg\"><title lang=\"fr-é\">Ça va 👍🏽 日本</title></svg>\n"))
        #expect(!document.contains("&#"))
    }
}
