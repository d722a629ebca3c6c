import Testing
import XMLWriter

@Suite("End tags")
struct EndTagTests {
    static let voidElements = [
        "area", "base", "br", "col", "embed", "hr", "img", "input",
        "link", "meta", "source", "track", "wbr",
    ]

    @Test("HTML void elements end as <name/>", arguments: voidElements)
    func voidElementSelfCloses(_ name: String) throws {
        let body = try bodyHTML { try $0.element(name, ["id": "x"]) }
        #expect(body == "<\(name) id=\"x\"/>")
    }

    @Test(
        "Every other empty HTML element gets an end tag",
        arguments: [
            "script", "p", "td", "div", "span", "textarea", "title", "a", "svgx",
        ])
    func emptyElementHasEndTag(_ name: String) throws {
        let body = try bodyHTML { try $0.element(name) }
        #expect(body == "<\(name)></\(name)>")
    }

    @Test("<script> is written as <script></script>, never <script/>")
    func scriptNeverSelfCloses() throws {
        let body = try bodyHTML { writer in
            try writer.startElement("script")
            try writer.attribute("src", "a.js")
            try writer.endElement()
        }
        #expect(body == "<script src=\"a.js\"></script>")
        #expect(!body.contains("/>"))
    }

    @Test("An inline svg declares its namespace once; its empty children self-close")
    func inlineSVG() throws {
        let body = try bodyHTML { writer in
            try writer.element("figure") {
                try writer.element("svg", ["viewBox": "0 0 4 4"]) {
                    try writer.element("g", ["class": "bars"]) {
                        try writer.element("rect", ["x": "0", "width": "1"])
                        try writer.element("rect", ["x": "2", "width": "1"])
                        try writer.element("text", text: "n = 4")
                    }
                    try writer.element("svg", ["x": "1"]) { try writer.element("circle") }
                    try writer.element("g")
                }
                try writer.element("figcaption", text: "Bars")
            }
        }
        #expect(
            body == """
                <figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><g class="bars">\
                <rect x="0" width="1"/><rect x="2" width="1"/><text>n = 4</text></g>\
                <svg x="1"><circle/></svg><g/></svg><figcaption>Bars</figcaption></figure>
                """)
    }

    @Test("Inside svg, script and style are ordinary elements that take escaped text")
    func foreignScriptIsNotRawText() throws {
        let body = try bodyHTML { writer in
            try writer.element("svg") { try writer.element("style", text: "a > b {}") }
        }
        #expect(body == "<svg xmlns=\"http://www.w3.org/2000/svg\"><style>a &gt; b {}</style></svg>")
    }

    @Test("Content in a void element is refused")
    func contentInVoidElement() throws {
        let writer = try writerInParagraph()
        try writer.startElement("br")
        #expect(thrownError { try writer.text("x") } == .contentInVoidElement(path: "/html/body/p/br"))
        #expect(thrownError { try writer.startElement("span") } == .contentInVoidElement(path: "/html/body/p/br"))
        #expect(thrownError { try writer.comment("x") } == .contentInVoidElement(path: "/html/body/p/br"))
    }

    @Test("Escaped text or elements inside an HTML script or style are refused")
    func contentInRawTextElement() throws {
        let writer = try writerInParagraph()
        try writer.startElement("script")
        #expect(thrownError { try writer.text("let a = 1 < 2") } == .contentInRawTextElement(path: "/html/body/p/script"))
        #expect(thrownError { try writer.startElement("b") } == .contentInRawTextElement(path: "/html/body/p/script"))
        try writer.endElement()
        try writer.startElement("style")
        #expect(thrownError { try writer.text("a > b {}") } == .contentInRawTextElement(path: "/html/body/p/style"))
    }
}
