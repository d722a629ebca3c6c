import Testing
import XMLWriter

@Suite("Refused characters, names and comments")
struct RefusalTests {
    /// One of each class XML or HTML forbids: NUL, C0 controls (around tab, LF, CR),
    /// DEL, C1 controls, and noncharacters in the BMP and an astral plane.
    /// (Swift refuses noncharacters in literals, hence the numbers.)
    static let forbidden: [Unicode.Scalar] = [
        0x0, 0x1, 0x8, 0xB, 0xC, 0xE, 0x1F, 0x7F, 0x85, 0x9F, 0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFF, 0x10FFFF,
    ].map { Unicode.Scalar(UInt32($0))! }

    @Test(
        "Forbidden characters in text are refused, naming the character and the element",
        arguments: forbidden)
    func forbiddenInText(_ scalar: Unicode.Scalar) throws {
        let writer = try writerInParagraph()
        let error = thrownError { try writer.text("ok \(scalar) ok") }
        #expect(error == .illegalCharacter(scalar, place: .text, path: "/html/body/p"))
    }

    @Test(
        "Forbidden characters in attribute values are refused, naming the attribute",
        arguments: forbidden)
    func forbiddenInAttribute(_ scalar: Unicode.Scalar) throws {
        let writer = try writerInParagraph()
        let error = thrownError { try writer.attribute("title", "x\(scalar)") }
        #expect(error == .illegalCharacter(scalar, place: .attribute(name: "title"), path: "/html/body/p"))
    }

    @Test("Forbidden characters in comments and style sheets are refused", arguments: forbidden)
    func forbiddenInCommentAndCSS(_ scalar: Unicode.Scalar) throws {
        let writer = try writerInParagraph()
        #expect(thrownError { try writer.comment("\(scalar)") } == .illegalCharacter(scalar, place: .comment, path: "/html/body/p"))
        #expect(
            thrownError { try writer.styleSheet("p{}\(scalar)") }
                == .illegalCharacter(scalar, place: .styleSheet, path: "/html/body/p/style"))
    }

    @Test("Tab, line feed and the characters just past the forbidden ranges are accepted")
    func boundaryCharactersAccepted() throws {
        let body = try bodyHTML { try $0.element("p", text: "\t\n \u{7E}\u{A0}\u{FDCF}\u{FDF0}\u{FFFD}\u{10000}\u{1FFFD}") }
        #expect(body == "<p>\t\n \u{7E}\u{A0}\u{FDCF}\u{FDF0}\u{FFFD}\u{10000}\u{1FFFD}</p>")
    }

    @Test("The error says which character, as U+XXXX, and where")
    func errorDescriptions() {
        #expect(
            XMLWriterError.illegalCharacter("\u{7}", place: .text, path: "/html/body/p").description
                == "character U+0007 is not allowed in text at /html/body/p")
        #expect(
            XMLWriterError.illegalCharacter(Unicode.Scalar(0x1FFFF)!, place: .attribute(name: "alt"), path: "/svg").description
                == "character U+1FFFF is not allowed in the value of attribute \"alt\" at /svg")
        #expect(
            XMLWriterError.elementsStillOpen(path: "/html/body").description
                == "the document ends with /html/body still open")
        #expect(
            XMLWriterError.libxml2(call: "xmlTextWriterStartElement", code: -1).description
                == "libxml2 xmlTextWriterStartElement failed with code -1")
        #expect(
            XMLWriterError.invalidName("a b", path: "/html/a b").description
                == "\"a b\" at /html/a b is not a valid element or attribute name")
    }

    @Test(
        "Bad element and attribute names are refused",
        arguments: [
            "", "1p", "-p", ".p", ":p", "p:", "a:b:c", "a b", "p>", "p<", "p\"", "p/", "é", "p=", "p\u{0}",
        ])
    func badNames(_ name: String) throws {
        let writer = try writerInParagraph()
        #expect(thrownError { try writer.startElement(name) } == .invalidName(name, path: "/html/body/p/\(name)"))
        #expect(thrownError { try writer.attribute(name, "v") } == .invalidName(name, path: "/html/body/p"))
    }

    @Test("Ordinary names, including one prefix, are accepted")
    func goodNames() throws {
        let body = try bodyHTML { writer in
            try writer.element("my-el", ["xml:lang": "en", "data-x.y_z": "1", "_a": "2", "A9": "3"])
        }
        #expect(body == "<my-el xml:lang=\"en\" data-x.y_z=\"1\" _a=\"2\" A9=\"3\"></my-el>")
    }

    @Test(
        "Comments an XML or HTML parser would misread are refused",
        arguments: [
            ("a -- b", "contains \"--\""), ("a-", "ends with \"-\""), ("--", "contains \"--\""),
            ("> a", "starts with \">\" or \"->\""), ("-> a", "starts with \">\" or \"->\""),
        ])
    func badComments(_ text: String, _ reason: String) throws {
        let writer = try writerInParagraph()
        #expect(thrownError { try writer.comment(text) } == .invalidComment(reason: reason, path: "/html/body/p"))
    }

    @Test("A refused call writes nothing, so the document can go on")
    func refusalLeavesDocumentIntact() throws {
        let body = try bodyHTML { writer in
            try writer.startElement("p")
            #expect(thrownError { try writer.attribute("title", "bad\u{1}") } != nil)
            try writer.attribute("title", "good")
            #expect(thrownError { try writer.text("bad\u{0}") } != nil)
            #expect(thrownError { try writer.startElement("no good") } != nil)
            try writer.text("fine")
            try writer.endElement()
        }
        #expect(body == "<p title=\"good\">fine</p>")
    }
}
