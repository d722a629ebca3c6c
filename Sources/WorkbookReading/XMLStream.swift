internal import CLibXML2

/// One XML part parsed by libxml2's SAX2 push parser as it is expanded: each chunk
/// goes to `xmlParseChunk` as it comes, and each element and piece of text goes to
/// an ``XMLHandler`` as it is met, so memory does not grow with the part.
///
/// Nothing is fetched or expanded: the parser runs with `XML_PARSE_NONET`, never
/// with `XML_PARSE_NOENT` or `XML_PARSE_DTDLOAD`, and a document type declaration
/// stops it as soon as its name is read, before any entity is declared (an entity
/// reference without one is an error of the XML). Errors come to a structured
/// handler, never printed; the first problem in the part, in the order of the part
/// (an error of the XML, a document type, elements nested too deep, or what the
/// handler found), ends the parse and is what ``finish()`` throws.
/// This file and ``ZipParts`` are the only ones that touch C.
final class XMLStream {
    private let part: String
    private let handler: XMLHandler
    private let maxDepth: Int
    private var context: xmlParserCtxtPtr?
    /// The first bytes, until there are four: `xmlCreatePushParserCtxt` tells the
    /// encoding (a byte-order mark, UTF-16) from the bytes it is made with.
    private var head: [UInt8] = []
    private var failure: WorkbookError?
    private var depth = 0
    /// Elements started so far: the work done, which the tests of the limits check.
    private(set) var elements = 0

    private static let libraryInitialised: Void = xmlInitParser()

    init(part: String, handler: XMLHandler, maxDepth: Int) {
        Self.libraryInitialised
        self.part = part
        self.handler = handler
        self.maxDepth = maxDepth
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    /// Parses the next bytes of the part; once something is wrong, nothing more is.
    func feed(_ chunk: UnsafeRawBufferPointer) {
        guard failure == nil, !chunk.isEmpty else { return }
        guard context != nil else {
            head.append(contentsOf: chunk)
            if head.count >= 4 { begin() }
            return
        }
        push(chunk, last: false)
    }

    /// Ends the part, throwing its first problem.
    func finish() throws(WorkbookError) {
        if failure == nil, context == nil { begin() }
        push(UnsafeRawBufferPointer(start: nil, count: 0), last: true)
        if let failure { throw failure }
        if let context, context.pointee.wellFormed == 0 { throw notWellFormed("unreadable XML") }
    }

    // MARK: - libxml2

    /// Makes the parser with the bytes held so far.
    private func begin() {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { box, localName, _, _, _, _, attributeCount, _, attributes in
            guard let box, let localName else { return }
            Unmanaged<XMLStream>.fromOpaque(box)._withUnsafeGuaranteedRef {
                $0.started(localName, XMLAttributes(count: Int(attributeCount), attributes))
            }
        }
        sax.endElementNs = { box, localName, _, _ in
            guard let box, let localName else { return }
            Unmanaged<XMLStream>.fromOpaque(box)._withUnsafeGuaranteedRef { $0.ended(localName) }
        }
        let characters: charactersSAXFunc = { box, text, length in
            guard let box, let text else { return }
            Unmanaged<XMLStream>.fromOpaque(box)._withUnsafeGuaranteedRef {
                $0.text(UnsafeBufferPointer(start: text, count: Int(length)))
            }
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        sax.internalSubset = { box, _, _, _ in
            guard let box else { return }
            Unmanaged<XMLStream>.fromOpaque(box)._withUnsafeGuaranteedRef { $0.stop(XMLStream.doctypeRefusal($0.part)) }
        }
        sax.serror = { box, error in
            guard let box, let error else { return }
            Unmanaged<XMLStream>.fromOpaque(box)._withUnsafeGuaranteedRef { $0.libxml2Error(error) }
        }
        let box = Unmanaged.passUnretained(self).toOpaque()
        context = head.withUnsafeBytes { head in
            xmlCreatePushParserCtxt(&sax, box, head.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(head.count), nil)
        }
        head = []
        guard let context else {
            failure = WorkbookError("the part \(part) cannot be read as XML; save the workbook again from the spreadsheet")
            return
        }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
    }

    private func push(_ chunk: UnsafeRawBufferPointer, last: Bool) {
        guard let context, failure == nil else { return }
        xmlParseChunk(context, chunk.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(chunk.count), last ? 1 : 0)
    }

    /// Keeps the first problem and stops the parser: no more events, no more bytes read.
    private func stop(_ problem: WorkbookError) {
        guard failure == nil else { return }
        failure = problem
        if let context { xmlStopParser(context) }
    }

    private func started(_ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes) {
        guard failure == nil else { return }
        elements += 1
        depth += 1
        if depth > maxDepth {
            return stop(WorkbookError("the part \(part) nests elements more than \(maxDepth) deep (\(location)); the workbook is refused"))
        }
        do { try handler.start(XMLName(name), attributes) } catch { stop(error) }
    }

    private func ended(_ name: UnsafePointer<xmlChar>) {
        guard failure == nil else { return }
        depth -= 1
        do { try handler.end(XMLName(name)) } catch { stop(error) }
    }

    private func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil else { return }
        do { try handler.text(bytes) } catch { stop(error) }
    }

    /// An error of the XML ends the part; a warning (an unusual `xml:space`, say) does not.
    /// The parser is not stopped from here: after a fatal error it gives no more events itself.
    private func libxml2Error(_ error: UnsafePointer<xmlError>) {
        guard failure == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        // libxml2's messages end in a line break, and some go on to a second line (the bytes at fault).
        let message = error.pointee.message.map { String(cString: $0) } ?? "unreadable XML"
        let detail = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        failure = notWellFormed(detail, line: Int(error.pointee.line), column: Int(error.pointee.int2))
    }

    /// Where the parser stands, for a problem found in a handler.
    private var location: String {
        guard let input = context?.pointee.input?.pointee else { return "at the start" }
        return "line \(input.line), column \(input.col)"
    }

    private func notWellFormed(_ detail: String, line: Int? = nil, column: Int? = nil) -> WorkbookError {
        let place = line.map { line in " (line \(line)" + (column.map { ", column \($0)" } ?? "") + ")" } ?? ""
        return WorkbookError("the part \(part) is not well-formed XML: \(detail)\(place); save the workbook again from the spreadsheet")
    }

    static func doctypeRefusal(_ part: String) -> WorkbookError {
        WorkbookError(
            "the part \(part) declares a document type or entities (<!DOCTYPE …>), which a spreadsheet never writes"
                + " and which could make a reader fetch files or expand text without end; the workbook is refused")
    }
}

/// What a part's reader does with its elements and text; the base class ignores all.
/// Every element has a start and an end, `<x/>` too.
class XMLHandler {
    func start(_ name: XMLName, _ attributes: XMLAttributes) throws(WorkbookError) {}
    func end(_ name: XMLName) throws(WorkbookError) {}
    /// Text, CDATA or white space inside an element, in pieces: one text may come in several.
    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(WorkbookError) {}
}

/// An element's local name as libxml2 holds it (`r:id` is `id`), compared without making a string.
struct XMLName {
    let bytes: UnsafePointer<UInt8>

    init(_ bytes: UnsafePointer<UInt8>) { self.bytes = bytes }

    @inline(__always)
    static func == (name: XMLName, literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        for i in 0..<count where name.bytes[i] != expected[i] { return false }
        return name.bytes[count] == 0
    }

    /// Whether `bytes` are exactly the literal's.
    @inline(__always)
    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count == count else { return false }
        let expected = literal.utf8Start
        for i in 0..<count where bytes[i] != expected[i] { return false }
        return true
    }
}

/// The attributes of the element just started, as libxml2's SAX2 parser gives them,
/// looked up by local name. Namespace declarations (`xmlns:x`) are not attributes.
struct XMLAttributes {
    private let count: Int
    /// Five pointers per attribute: local name, prefix, URI, value, end of value.
    private let attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    init(count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        self.count = count
        self.attributes = attributes
    }

    /// The value of the first attribute named `name` (in any namespace) as the parser
    /// left it, or `nil`. Without `XML_PARSE_NOENT` libxml2 writes an `&` as `&#38;`;
    /// ``string(_:)`` decodes it.
    func raw(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let attributes else { return nil }
        for i in 0..<count {
            if let local = attributes[5 * i], XMLName(local) == name, let value = attributes[5 * i + 3], let end = attributes[5 * i + 4] {
                return UnsafeBufferPointer(start: value, count: end - value)
            }
        }
        return nil
    }

    /// The value of the attribute `name` as text, or `nil` when the element has none.
    func string(_ name: StaticString) -> String? {
        raw(name).map(XMLAttributes.decoded)
    }

    /// An attribute value with libxml2's `&#38;` turned back into `&`: the only
    /// reference left in a value when no document type is allowed.
    static func decoded(_ value: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: value, as: UTF8.self)
        return value.contains(UInt8(ascii: "&")) ? text.replacing("&#38;", with: "&") : text
    }
}
