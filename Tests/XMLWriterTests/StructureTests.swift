import Testing
import XMLWriter

@Suite("Element balance and attribute placement")
struct StructureTests {
    @Test("Finishing with an element still open is an error naming it; closing it then works")
    func elementLeftOpen() throws {
        let writer = try writerInParagraph()
        #expect(thrownError { _ = try writer.finish() } == .elementsStillOpen(path: "/html/body/p"))
        try writer.endElement()
        try writer.endElement()
        try writer.endElement()
        #expect(try writer.finish() == htmlPrefix + "<p></p>" + htmlSuffix)
    }

    @Test("Ending an element when none is open is an error")
    func endWithNothingOpen() throws {
        let writer = try XMLWriter(kind: .html)
        #expect(thrownError { try writer.endElement() } == .noOpenElement)
        try writer.element("html")
        #expect(thrownError { try writer.endElement() } == .noOpenElement)
    }

    @Test("An attribute after the element's content, or outside any element, is refused")
    func misplacedAttribute() throws {
        let writer = try XMLWriter(kind: .html)
        #expect(thrownError { try writer.attribute("lang", "en") } == .misplacedAttribute(name: "lang", path: "/"))
        try writer.startElement("html")
        try writer.startElement("body")
        try writer.text("x")
        #expect(thrownError { try writer.attribute("id", "b") } == .misplacedAttribute(name: "id", path: "/html/body"))
        try writer.startElement("p")
        try writer.endElement()
        #expect(thrownError { try writer.attribute("id", "b") } == .misplacedAttribute(name: "id", path: "/html/body"))
    }

    @Test("A repeated attribute, or an xmlns the writer already wrote, is refused")
    func duplicateAttribute() throws {
        let writer = try XMLWriter(kind: .html)
        try writer.startElement("html")
        #expect(thrownError { try writer.attribute("xmlns", "x") } == .duplicateAttribute(name: "xmlns", path: "/html"))
        try writer.startElement("body")
        try writer.attribute("class", "a")
        #expect(thrownError { try writer.attribute("class", "b") } == .duplicateAttribute(name: "class", path: "/html/body"))
    }

    @Test("An error thrown by scoped content propagates and leaves the element open")
    func scopedContentError() throws {
        struct Stop: Error {}
        let writer = try XMLWriter(kind: .html)
        #expect(throws: Stop.self) {
            try writer.element("html") { throw Stop() }
        }
        #expect(thrownError { _ = try writer.finish() } == .elementsStillOpen(path: "/html"))
    }

    @Test("Attributes keep the order they were given in, literal or built at run time")
    func attributeOrder() throws {
        let body = try bodyHTML { writer in
            try writer.element("p", ["z": "1", "a": "2", "m": "3"])
            try writer.element("p", attributes: [("z", "1"), ("a", "2"), ("m", "3")]) { try writer.text("t") }
        }
        #expect(body == "<p z=\"1\" a=\"2\" m=\"3\"></p><p z=\"1\" a=\"2\" m=\"3\">t</p>")
    }

    @Test("Empty text writes nothing, so an empty SVG element still self-closes")
    func emptyText() throws {
        let document = try svgDocument { try $0.element("text", text: "") }
        #expect(document.hasSuffix("<svg xmlns=\"http://www.w3.org/2000/svg\"><text/></svg>\n"))
    }
}
