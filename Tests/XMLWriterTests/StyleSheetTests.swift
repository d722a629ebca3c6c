import Testing
import XMLWriter

@Suite("Style sheets")
struct StyleSheetTests {
    @Test("CSS is written raw, so child selectors and quotes survive")
    func childSelectorSurvives() throws {
        let css = "main > p { font-family: \"Noto Sans\", 'X' } ul>li+li::before { content: \"é\" }"
        let body = try bodyHTML { writer in try writer.element("div") { try writer.styleSheet(css) } }
        #expect(body == "<div><style>\(css)</style></div>")
        #expect(!body.contains("&gt;") && !body.contains("&quot;"))
    }

    @Test("An empty style sheet is still <style></style>")
    func emptyStyleSheet() throws {
        #expect(try bodyHTML { try $0.styleSheet("") } == "<style></style>")
    }

    @Test(
        "CSS that would close the style element early is refused, in any case",
        arguments: [
            "p{}</style>", "p{}</STYLE", "p{} </Style >", "</sTyLe",
        ])
    func endTagRefused(_ css: String) throws {
        let writer = try writerInParagraph()
        #expect(thrownError { try writer.styleSheet(css) } == .unsafeStyleSheet(found: "</style", path: "/html/body/p/style"))
    }

    @Test(
        "CSS that an XML parser would read differently is refused",
        arguments: [
            ("a::after { content: \"<\" }", "<"), ("a { b: \"&amp;\" }", "&"), (".x { &:hover {} }", "&"),
            ("/* ]]> */", "]]>"),
        ])
    func xmlUnsafeRefused(_ css: String, _ found: String) throws {
        let writer = try writerInParagraph()
        #expect(thrownError { try writer.styleSheet(css) } == .unsafeStyleSheet(found: found, path: "/html/body/p/style"))
    }

    @Test("A refused style sheet writes nothing")
    func refusedWritesNothing() throws {
        let body = try bodyHTML { writer in
            #expect(thrownError { try writer.styleSheet("</style><script>") } != nil)
            try writer.element("p")
        }
        #expect(body == "<p></p>")
    }

    @Test("A style sheet in a standalone SVG is raw too")
    func styleSheetInSVG() throws {
        let document = try svgDocument { try $0.styleSheet("g > rect { fill: #333 }") }
        #expect(document.hasSuffix("<svg xmlns=\"http://www.w3.org/2000/svg\"><style>g > rect { fill: #333 }</style></svg>\n"))
    }
}
