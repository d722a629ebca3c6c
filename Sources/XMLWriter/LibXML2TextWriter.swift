internal import CLibXML2

/// The one place that calls libxml2: owns an `xmlTextWriter` writing into an
/// in-memory `xmlBuffer`, and turns every negative return into an `XMLWriterError`.
///
/// It knows nothing about HTML or SVG; `XMLWriter` checks names, characters and
/// structure before anything reaches here, because libxml2 checks none of them.
final class LibXML2TextWriter {
    private var writer: xmlTextWriterPtr?
    private var buffer: xmlBufferPtr?

    /// libxml2's global state must be set up once before threads use it; a Swift
    /// `static let` runs its initialiser exactly once, whichever thread gets there first.
    private static let libraryInitialised: Void = xmlInitParser()

    /// Creates the buffer and a writer on it, without writing anything yet.
    init() throws(XMLWriterError) {
        Self.libraryInitialised
        guard let buffer = xmlBufferCreate() else {
            throw .libxml2(call: "xmlBufferCreate", code: -1)
        }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw .libxml2(call: "xmlNewTextWriterMemory", code: -1)
        }
        self.buffer = buffer
        self.writer = writer
    }

    deinit {
        // The writer flushes into the buffer when freed, so it must go first.
        if let writer { xmlFreeTextWriter(writer) }
        if let buffer { xmlBufferFree(buffer) }
    }

    // MARK: - The checked call

    /// Runs one libxml2 writer call and throws if it returns a negative code, in the
    /// manner of swift-nio's `syscall` wrapper.
    @discardableResult
    private func call(_ name: String, _ body: (xmlTextWriterPtr) -> Int32) throws(XMLWriterError) -> Int32 {
        guard let writer else { throw .finished }
        let code = body(writer)
        guard code >= 0 else { throw .libxml2(call: name, code: code) }
        return code
    }

    // MARK: - Document

    /// Starts the document as UTF-8, so that libxml2 leaves non-ASCII characters raw
    /// in attributes as well as in text.
    ///
    /// Without `xmlDeclaration`, the declaration libxml2 has just written is flushed
    /// and thrown away: HTML must not start with one, yet only a document started with
    /// an encoding keeps UTF-8 raw.
    func startDocument(xmlDeclaration: Bool) throws(XMLWriterError) {
        try call("xmlTextWriterStartDocument") { xmlTextWriterStartDocument($0, nil, "UTF-8", nil) }
        guard !xmlDeclaration else { return }
        try call("xmlTextWriterFlush") { xmlTextWriterFlush($0) }
        guard let buffer else { throw .finished }
        xmlBufferEmpty(buffer)
    }

    /// Writes `<!DOCTYPE name>` with no public or system identifier.
    func doctype(_ name: String) throws(XMLWriterError) {
        try call("xmlTextWriterWriteDTD") { xmlTextWriterWriteDTD($0, name, nil, nil, nil) }
    }

    /// Ends the document, frees the writer (which flushes it), copies the buffer out
    /// as UTF-8 and frees the buffer. Nothing can be written afterwards.
    func finish() throws(XMLWriterError) -> String {
        try call("xmlTextWriterEndDocument") { xmlTextWriterEndDocument($0) }
        if let writer { xmlFreeTextWriter(writer) }
        writer = nil
        guard let buffer else { throw .finished }
        let length = Int(xmlBufferLength(buffer))
        let output = String(decoding: UnsafeBufferPointer(start: xmlBufferContent(buffer), count: length), as: UTF8.self)
        xmlBufferFree(buffer)
        self.buffer = nil
        return output
    }

    // MARK: - Content

    /// Opens `<name`; attributes may follow until content is written.
    func startElement(_ name: String) throws(XMLWriterError) {
        try call("xmlTextWriterStartElement") { xmlTextWriterStartElement($0, name) }
    }

    /// Writes ` name="value"`, escaping the value.
    func attribute(_ name: String, _ value: String) throws(XMLWriterError) {
        try call("xmlTextWriterWriteAttribute") { xmlTextWriterWriteAttribute($0, name, value) }
    }

    /// Closes the innermost element, as `<name/>` if it is still empty.
    func endElement() throws(XMLWriterError) {
        try call("xmlTextWriterEndElement") { xmlTextWriterEndElement($0) }
    }

    /// Closes the innermost element with an end tag, even if it is empty.
    func fullEndElement() throws(XMLWriterError) {
        try call("xmlTextWriterFullEndElement") { xmlTextWriterFullEndElement($0) }
    }

    /// Writes escaped text.
    func text(_ text: String) throws(XMLWriterError) {
        try call("xmlTextWriterWriteString") { xmlTextWriterWriteString($0, text) }
    }

    /// Writes text exactly as given; the caller has made sure it is safe.
    func raw(_ text: String) throws(XMLWriterError) {
        try call("xmlTextWriterWriteRaw") { xmlTextWriterWriteRaw($0, text) }
    }

    /// Writes `<!--text-->`.
    func comment(_ text: String) throws(XMLWriterError) {
        try call("xmlTextWriterWriteComment") { xmlTextWriterWriteComment($0, text) }
    }
}
