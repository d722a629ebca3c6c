import Testing
import XMLWriter

@Suite("Document kinds")
struct DocumentKindTests {
    @Test("A small HTML document comes out byte for byte as expected")
    func smallHTMLDocument() throws {
        let writer = try XMLWriter(kind: .html)
        try writer.element("html", ["lang": "en-GB"]) {
            try writer.element("head") {
                try writer.element("meta", ["charset": "UTF-8"])
                try writer.element("title", text: "Panel report – A01")
                try writer.styleSheet("main > p { margin: 0 }")
            }
            try writer.element("body") {
                try writer.element("main") {
                    try writer.element("h1", text: "Findings")
                    try writer.element("p", ["class": "lead"], text: "12 cases & 3 themes")
                    try writer.comment(" chart ")
                    try writer.element("svg", ["viewBox": "0 0 10 10", "role": "img"]) {
                        try writer.element("rect", ["width": "10", "height": "5"])
                    }
                }
                try writer.element("script", ["src": "report.js"])
            }
        }
        let expected = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en-GB"><head><meta charset="UTF-8"/>\
            <title>Panel report – A01</title><style>main > p { margin: 0 }</style></head>\
            <body><main><h1>Findings</h1><p class="lead">12 cases &amp; 3 themes</p><!-- chart -->\
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img"><rect width="10" height="5"/></svg>\
            </main><script src="report.js"></script></body></html>

            """
        #expect(try writer.finish() == expected)
    }

    @Test("HTML has a doctype and no XML declaration, yet keeps non-ASCII raw in text and attributes")
    func htmlKeepsUTF8Raw() throws {
        let body = try bodyHTML { writer in
            try writer.element("p", ["title": "café 😀 Ωmega"], text: "naïve café 😀 Ωmega")
        }
        #expect(body == "<p title=\"café 😀 Ωmega\">naïve café 😀 Ωmega</p>")

        let writer = try XMLWriter(kind: .html)
        try writer.element("html")
        let document = try writer.finish()
        #expect(document == "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"></html>\n")
        #expect(!document.contains("<?xml"))
    }

    @Test("A standalone SVG has the XML declaration, one namespace on its root, and raw UTF-8")
    func standaloneSVG() throws {
        let document = try svgDocument { writer in
            try writer.element("text", ["aria-label": "Région é 😀"], text: "Région é 😀")
            try writer.element("g") { try writer.element("circle", ["r": "2"]) }
        }
        #expect(
            document == """
                <?xml version="1.0" encoding="UTF-8"?>
                <svg xmlns="http://www.w3.org/2000/svg"><text aria-label="Région é 😀">Région é 😀</text>\
                <g><circle r="2"/></g></svg>

                """)
    }

    @Test("An HTML document must have an html root, and an SVG document an svg root")
    func rootMustMatchKind() throws {
        let html = try XMLWriter(kind: .html)
        #expect(thrownError { try html.startElement("body") } == .unexpectedRoot(expected: "html", found: "body"))
        let svg = try XMLWriter(kind: .svg)
        #expect(thrownError { try svg.startElement("html") } == .unexpectedRoot(expected: "svg", found: "html"))
    }

    @Test("A second root element is refused")
    func secondRoot() throws {
        let writer = try XMLWriter(kind: .svg)
        try writer.element("svg")
        #expect(thrownError { try writer.startElement("svg") } == .secondRoot(name: "svg"))
        #expect(try writer.finish() == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
    }

    @Test("Finishing without a root is refused")
    func missingRoot() throws {
        let writer = try XMLWriter(kind: .html)
        #expect(thrownError { _ = try writer.finish() } == .missingRoot)
    }

    @Test("Comments may sit at the document level, around the root")
    func topLevelComment() throws {
        let writer = try XMLWriter(kind: .svg)
        try writer.comment(" generated ")
        try writer.element("svg")
        #expect(
            try writer.finish()
                == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- generated --><svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
    }

    @Test("Text outside the root is refused")
    func textOutsideRoot() throws {
        let writer = try XMLWriter(kind: .html)
        #expect(thrownError { try writer.text("stray") } == .textOutsideRoot)
    }

    @Test("After finish, every call throws .finished")
    func callsAfterFinish() throws {
        let writer = try XMLWriter(kind: .html)
        try writer.element("html")
        _ = try writer.finish()
        #expect(thrownError { _ = try writer.finish() } == .finished)
        #expect(thrownError { try writer.startElement("p") } == .finished)
        #expect(thrownError { try writer.attribute("a", "b") } == .finished)
        #expect(thrownError { try writer.text("x") } == .finished)
        #expect(thrownError { try writer.comment("x") } == .finished)
        #expect(thrownError { try writer.styleSheet("p {}") } == .finished)
        #expect(thrownError { try writer.endElement() } == .finished)
    }
}

@Suite("Plain XML documents")
struct PlainXMLDocumentTests {
    @Test("A plain XML document has a declaration, its own root, self-closing empty elements and no added namespace")
    func plainXMLDocument() throws {
        let writer = try XMLWriter(kind: .xml(root: "worksheet"))
        try writer.element("worksheet", ["xmlns": "urn:example", "xmlns:r": "urn:example:r"]) {
            try writer.element("sheetData") {
                try writer.element("row", ["r": "1"]) {
                    try writer.element("c", ["r": "A1", "t": "inlineStr"]) {
                        try writer.element("is") { try writer.element("t", ["xml:space": "preserve"], text: "a < b & “c”") }
                    }
                    try writer.element("c", ["r": "B1"])
                    try writer.element("style", text: "x > y")
                    try writer.element("svg", text: "not SVG here")
                }
            }
        }
        #expect(
            try writer.finish() == """
                <?xml version="1.0" encoding="UTF-8"?>
                <worksheet xmlns="urn:example" xmlns:r="urn:example:r"><sheetData><row r="1">\
                <c r="A1" t="inlineStr"><is><t xml:space="preserve">a &lt; b &amp; “c”</t></is></c><c r="B1"/>\
                <style>x &gt; y</style><svg>not SVG here</svg></row></sheetData></worksheet>

                """)
    }

    @Test("A plain XML document refuses any other root")
    func plainXMLRefusesAnotherRoot() throws {
        let writer = try XMLWriter(kind: .xml(root: "workbook"))
        #expect(throws: XMLWriterError.unexpectedRoot(expected: "workbook", found: "worksheet")) {
            try writer.startElement("worksheet")
        }
    }
}
