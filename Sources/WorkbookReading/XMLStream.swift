internal import CLibXML2

/// One XML part parsed as it is expanded, by libxml2's SAX2 push parser
/// (`xmlParseChunk`): the bytes are handed over a chunk at a time and each element
/// and piece of text goes to an ``XMLHandler`` as it is met, so that memory does not
/// grow with the part and no string is made for a name.
///
/// libxml2 never fetches or expands anything here: the parser runs with
/// `XML_PARSE_NONET` and without `XML_PARSE_NOENT` or `XML_PARSE_DTDLOAD`, and a
/// document type declaration (where entities are declared) is refused as soon as it
/// is met, before its internal subset is read. Parse errors are collected through a
/// structured handler instead of being printed by libxml2.
///
/// This replaced libxml2's streaming reader (`xmlTextReader`, which runs the same
/// parser under a tree builder, fed 512 bytes at a time), and gives what it gave:
/// names are local names (`r:id` is `id`); a namespace declaration is also an
/// attribute named by its prefix (`xmlns` for the default one); an empty element
/// (`<x/>`) has no end event; libxml2 is given the part in the same steps, so its
/// messages are the same; an `xml:id` is checked as the tree builder did; and any
/// error or warning libxml2 reports ends the part. One thing differs, in a part
/// both broken and wrong: the reader parsed up to a few hundred bytes ahead of
/// the node it gave, so a fault of the XML just past a fault of content (a cell
/// not in its row) was reported instead; here the first fault in the part is.
/// This file and ``ZipParts`` are the only ones that touch C.
final class XMLStream {
    private let part: String
    private let handler: XMLHandler
    private var context: xmlParserCtxtPtr?
    /// The first bytes, until there are four: libxml2 tells the encoding from them.
    private var start: [UInt8] = []
    private var prolog = PrologScan()
    /// The first problem met, in the order of the part: an error of libxml2's, a
    /// document type, or one the handler found. Nothing after it is parsed.
    private var failure: WorkbookError?
    /// The element just started was written `<x/>`: libxml2's end event for it is not passed on.
    private var skipEnd = false

    private static let libraryInitialised: Void = xmlInitParser()

    init(part: String, handler: XMLHandler) {
        Self.libraryInitialised
        self.part = part
        self.handler = handler
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    /// Parses a whole part held in memory.
    static func parse(_ bytes: [UInt8], part: String, into handler: XMLHandler) throws(WorkbookError) {
        let stream = XMLStream(part: part, handler: handler)
        bytes.withUnsafeBytes { stream.feed($0) }
        try stream.finish()
    }

    /// Parses the next bytes of the part. Once something is wrong the rest is not
    /// parsed (only looked through for a document type, which ``finish()`` reports first).
    ///
    /// libxml2 is given the part as xmlTextReader gave it: the first four bytes as
    /// the parser is made, then 512 bytes at a time, whatever the chunks that come
    /// here. Its push parser meets broken input (half a character, say) at the end
    /// of what it has differently, so its message would depend on where chunks end.
    func feed(_ chunk: UnsafeRawBufferPointer) {
        guard !chunk.isEmpty else { return }
        if !prolog.decided { prolog.scan(chunk, atEnd: false) }
        guard failure == nil, !prolog.foundDoctype else { return }
        var chunk = chunk
        if context == nil {
            let needed = min(4 - start.count, chunk.count)
            start.append(contentsOf: chunk.prefix(needed))
            chunk = UnsafeRawBufferPointer(rebasing: chunk.dropFirst(needed))
            guard start.count == 4 else { return }
            begin()
        }
        if !pending.isEmpty {
            let needed = min(Self.step - pending.count, chunk.count)
            pending.append(contentsOf: chunk.prefix(needed))
            chunk = UnsafeRawBufferPointer(rebasing: chunk.dropFirst(needed))
            guard pending.count == Self.step else { return }
            pending.withUnsafeBytes { push($0, last: false) }
            pending.removeAll(keepingCapacity: true)
        }
        while chunk.count >= Self.step, failure == nil {
            push(UnsafeRawBufferPointer(rebasing: chunk.prefix(Self.step)), last: false)
            chunk = UnsafeRawBufferPointer(rebasing: chunk.dropFirst(Self.step))
        }
        pending.append(contentsOf: chunk)
    }

    /// How much libxml2 is given at a time (xmlTextReader's CHUNK_SIZE).
    private static let step = 512
    /// Bytes waiting for a whole step.
    private var pending: [UInt8] = []

    /// Ends the part: throws the first problem, a document type in the prolog first
    /// of all (as a whole part was searched for one before being parsed).
    func finish() throws(WorkbookError) {
        if !prolog.decided { prolog.scan(UnsafeRawBufferPointer(start: nil, count: 0), atEnd: true) }
        if prolog.foundDoctype { throw Self.doctypeRefusal(part) }
        if failure == nil {
            if context == nil { begin() }
            // What is left, then the end: as the reader did.
            pending.withUnsafeBytes { push($0, last: false) }
            push(UnsafeRawBufferPointer(start: nil, count: 0), last: true)
        }
        if let failure { throw failure }
        if let context, context.pointee.wellFormed == 0 { throw notWellFormed("unreadable XML") }
    }

    // MARK: - libxml2

    /// Creates the parser with the first (up to four) bytes, as the reader does.
    private func begin() {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { box, localName, _, _, namespaceCount, namespaces, attributeCount, _, attributes in
            guard let box, let localName else { return }
            Unmanaged<XMLStream>.fromOpaque(box)._withUnsafeGuaranteedRef {
                $0.started(localName, XMLAttributes(count: Int(attributeCount), attributes,
                                                    namespaceCount: Int(namespaceCount), namespaces))
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
            Unmanaged<XMLStream>.fromOpaque(box).takeUnretainedValue().doctype()
        }
        sax.serror = { box, error in
            guard let box, let error else { return }
            Unmanaged<XMLStream>.fromOpaque(box).takeUnretainedValue().libxml2Error(error)
        }
        let box = Unmanaged.passUnretained(self).toOpaque()
        // With four bytes the parser is made with them (it tells the encoding from
        // them); with fewer, made empty and given them after, as the reader does.
        let first = start.count == 4 ? start : []
        context = first.withUnsafeBufferPointer { first in
            first.withMemoryRebound(to: CChar.self) { first in
                xmlCreatePushParserCtxt(&sax, box, first.isEmpty ? nil : first.baseAddress, Int32(first.count), nil)
            }
        }
        guard let context else {
            failure = WorkbookError("the part \(part) cannot be read as XML; save the workbook again from the spreadsheet")
            return
        }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        if first.isEmpty, !start.isEmpty { start.withUnsafeBytes { push($0, last: false) } }
    }

    private func push(_ chunk: UnsafeRawBufferPointer, last: Bool) {
        guard let context, failure == nil, !chunk.isEmpty || last else { return }
        xmlParseChunk(context, chunk.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(chunk.count), last ? 1 : 0)
    }

    private func stop(_ problem: WorkbookError) {
        guard failure == nil else { return }
        failure = problem
    }

    private func started(_ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes) {
        guard failure == nil else { return }
        // As xmlTextReader tells `<x/>` from `<x></x>`: the parser stands on the "/>".
        var empty = false
        if let cursor = context?.pointee.input?.pointee.cur, cursor[0] == UInt8(ascii: "/"), cursor[1] == UInt8(ascii: ">") {
            empty = true
        }
        skipEnd = empty
        if let id = attributes.xmlID() { checkXMLID(id) }
        guard failure == nil else { return }
        do { try handler.start(XMLName(name), attributes, empty: empty) } catch { stop(error) }
    }

    private func ended(_ name: UnsafePointer<xmlChar>) {
        guard failure == nil else { return }
        if skipEnd {
            skipEnd = false
            return
        }
        do { try handler.end(XMLName(name)) } catch { stop(error) }
    }

    private func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil else { return }
        do { try handler.text(bytes) } catch { stop(error) }
    }

    /// The `xml:id` values met so far.
    private var ids: Set<String> = []

    /// What libxml2's tree builder, under xmlTextReader, said of an `xml:id`: that it
    /// is not a name, or that an earlier element has it. (The parser alone does not.)
    private func checkXMLID(_ id: String) {
        let line = Int(context?.pointee.input?.pointee.line ?? 0)
        if xmlValidateNCName(id, 1) != 0 {
            stop(notWellFormed("xml:id : attribute value \(id) is not an NCName (line \(line))"))
        } else if !ids.insert(id).inserted {
            stop(notWellFormed("ID \(id) already defined (line \(line))"))
        }
    }

    /// A document type is met: libxml2 is stopped before it reads the internal subset.
    /// (Other problems only make the events be ignored and no more bytes be given.)
    private func doctype() {
        stop(Self.doctypeRefusal(part))
        if let context { xmlStopParser(context) }
    }

    private func libxml2Error(_ error: UnsafePointer<xmlError>) {
        guard failure == nil else { return }
        let message = error.pointee.message.map { String(cString: $0) } ?? "unreadable XML"
        stop(notWellFormed("\(message.trimmingTrailingNewlines()) (line \(error.pointee.line))"))
    }

    private func notWellFormed(_ detail: String) -> WorkbookError {
        WorkbookError("the part \(part) is not well-formed XML: \(detail); save the workbook again from the spreadsheet")
    }

    static func doctypeRefusal(_ part: String) -> WorkbookError {
        WorkbookError("the part \(part) declares a document type or entities (<!DOCTYPE …>), which a spreadsheet never writes and which could make a reader fetch files or expand text without end; the workbook is refused")
    }
}

/// What a part's reader does with its elements and text; the base class ignores all.
class XMLHandler {
    /// An element opens; `empty` when it is written `<x/>` (no end event follows).
    func start(_ name: XMLName, _ attributes: XMLAttributes, empty: Bool) throws(WorkbookError) {}
    func end(_ name: XMLName) throws(WorkbookError) {}
    /// Text, CDATA or white space inside an element, in pieces: one text may come in several.
    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(WorkbookError) {}
}

/// An element's local name as libxml2 holds it, compared without making a string.
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

    var string: String { String(cString: bytes) }
}

/// The attributes of the element just started, looked up by local name as
/// xmlTextReader's attribute walk would give them: the namespace declarations
/// first, then the attributes in order, the last of a name winning.
struct XMLAttributes {
    private let count: Int
    /// Five pointers per attribute: local name, prefix, URI, value, end of value.
    private let attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    private let namespaceCount: Int
    /// Two pointers per declaration: prefix (none for the default), URI.
    private let namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    init(count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
         namespaceCount: Int, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        self.count = count
        self.attributes = attributes
        self.namespaceCount = namespaceCount
        self.namespaces = namespaces
    }

    /// The value of the attribute `name` as the parser left it, or `nil`. Without
    /// `XML_PARSE_NOENT` libxml2 leaves an `&` written `&#38;`; ``string(_:)`` decodes it.
    func raw(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        if let attributes {
            var i = count - 1
            while i >= 0 {
                if let local = attributes[5 * i], XMLName(local) == name,
                   let value = attributes[5 * i + 3], let end = attributes[5 * i + 4] {
                    return UnsafeBufferPointer(start: value, count: end - value)
                }
                i -= 1
            }
        }
        if let namespaces {
            var i = namespaceCount - 1
            while i >= 0 {
                let prefix = namespaces[2 * i]
                if prefix.map({ XMLName($0) == name }) ?? (XMLName.xmlns == name), let uri = namespaces[2 * i + 1] {
                    // A declaration's value stays as libxml2 keeps it: the reader gave it so.
                    var length = 0
                    while uri[length] != 0 { length += 1 }
                    return UnsafeBufferPointer(start: uri, count: length)
                }
                i -= 1
            }
        }
        return nil
    }

    /// The value of an `xml:id` attribute as the parser left it (the tree builder
    /// checked that, `&#38;` and all), if the element has one.
    func xmlID() -> String? {
        guard let attributes else { return nil }
        for i in 0..<count {
            if let prefix = attributes[5 * i + 1], XMLName(prefix) == "xml", let local = attributes[5 * i], XMLName(local) == "id",
               let value = attributes[5 * i + 3], let end = attributes[5 * i + 4] {
                return String(decoding: UnsafeBufferPointer(start: value, count: end - value), as: UTF8.self)
            }
        }
        return nil
    }

    /// The value of the attribute `name` as text, or `nil` when the element has none.
    func string(_ name: StaticString) -> String? {
        guard let value = raw(name) else { return nil }
        return XMLAttributes.decoded(value)
    }

    /// An attribute value with libxml2's `&#38;` turned back into `&`: the only
    /// reference left in a value when no document type is allowed.
    static func decoded(_ value: UnsafeBufferPointer<UInt8>) -> String {
        guard value.contains(UInt8(ascii: "&")) else { return String(decoding: value, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.count)
        var i = 0
        let ampersand: [UInt8] = Array("&#38;".utf8)
        while i < value.count {
            if value[i] == UInt8(ascii: "&"), value.count - i >= 5, value[i..<(i + 5)].elementsEqual(ampersand) {
                bytes.append(UInt8(ascii: "&"))
                i += 5
            } else {
                bytes.append(value[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension XMLName {
    /// The default namespace declaration's name in the reader's attribute walk.
    fileprivate static var xmlns: XMLName { XMLName(("xmlns" as StaticString).utf8Start) }
}

/// Whether `<!DOCTYPE` comes before the root element, past a byte-order mark, the
/// XML declaration, processing instructions, comments and anything else but a `<`:
/// libxml2 reads a document type's internal subset (and may complain about its
/// entities) before it says there is one, so the prolog is looked through first.
/// Fed the part a chunk at a time; holds back at most a few bytes between chunks.
struct PrologScan {
    private enum Mode { case start, scan, skip(past: [UInt8]) }
    private var mode = Mode.start
    /// Bytes not yet decided on: kept when a chunk ends in the middle of a pattern.
    private var pending: [UInt8] = []
    private(set) var decided = false
    private(set) var foundDoctype = false

    private static let doctype = Array("<!DOCTYPE".utf8)
    private static let instruction = Array("<?".utf8)
    private static let comment = Array("<!--".utf8)
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    mutating func scan(_ chunk: UnsafeRawBufferPointer, atEnd: Bool) {
        guard !decided else { return }
        pending.append(contentsOf: chunk)
        var i = 0
        let bytes = pending
        defer { if !decided { pending.removeFirst(min(i, pending.count)) } else { pending = [] } }
        func startsHere(_ pattern: [UInt8]) -> Bool {
            bytes.count - i >= pattern.count && bytes[i..<(i + pattern.count)].elementsEqual(pattern)
        }
        /// Whether the bytes from `i` to the end could still become `pattern`.
        func mayBecome(_ pattern: [UInt8]) -> Bool {
            bytes.count - i < pattern.count && pattern.starts(with: bytes[i...])
        }
        while true {
            switch mode {
            case .start:
                if !atEnd && mayBecome(Self.bom) { return }
                if startsHere(Self.bom) { i += 3 }
                mode = .scan
            case .scan:
                guard let open = bytes[i...].firstIndex(of: UInt8(ascii: "<")) else {
                    i = bytes.count
                    if atEnd { decided = true }
                    return
                }
                i = open
                if !atEnd && (mayBecome(Self.doctype) || mayBecome(Self.instruction) || mayBecome(Self.comment)) { return }
                if startsHere(Self.doctype) {
                    decided = true
                    foundDoctype = true
                    return
                }
                if startsHere(Self.instruction) {
                    mode = .skip(past: Array("?>".utf8))
                } else if startsHere(Self.comment) {
                    mode = .skip(past: Array("-->".utf8))
                } else {
                    decided = true
                    return
                }
            case .skip(let end):
                // Searched for from the "<" on, as a whole part was.
                var j = i
                while j + end.count <= bytes.count, !bytes[j..<(j + end.count)].elementsEqual(end) {
                    j = bytes[(j + 1)...].firstIndex(of: end[0]) ?? bytes.count
                }
                if j + end.count <= bytes.count {
                    i = j + end.count
                    mode = .scan
                } else {
                    // Keep what may be the start of the end mark.
                    i = max(i, bytes.count - (end.count - 1))
                    if atEnd {
                        decided = true
                        return
                    }
                    return
                }
            }
        }
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        return text
    }
}
