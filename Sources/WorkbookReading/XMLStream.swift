internal import CLibXML2

/// One XML part read forward with libxml2's streaming reader (`xmlTextReader`), so
/// that memory does not grow with the part.
///
/// libxml2 never fetches or expands anything here: the reader runs with
/// `XML_PARSE_NONET` and without `XML_PARSE_NOENT` or `XML_PARSE_DTDLOAD`, and a
/// document type declaration (where entities are declared) is refused as soon as it
/// is met. Parse errors are collected through a structured handler instead of being
/// printed by libxml2. This file and ``ZipParts`` are the only ones that touch C.
final class XMLStream {
    enum Node {
        /// An element opens; `empty` when it is written `<x/>` (no end event follows).
        case start(String, empty: Bool)
        case end(String)
        /// Text, CDATA or white space inside an element.
        case text(String)
    }

    private let part: String
    private let buffer: UnsafeMutableBufferPointer<CChar>
    private let reader: xmlTextReaderPtr
    private let errors: ErrorBox

    private final class ErrorBox {
        var first: (message: String, line: Int)?
    }

    private static let libraryInitialised: Void = xmlInitParser()

    init(_ bytes: [UInt8], part: String) throws(WorkbookError) {
        Self.libraryInitialised
        self.part = part
        // libxml2 reads a document type's internal subset (and may complain about
        // its entities) before the reader reports it: look for one in the prolog first.
        if Self.prologHasDoctype(bytes) { throw Self.doctypeRefusal(part) }
        let buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: max(bytes.count, 1))
        bytes.withUnsafeBufferPointer { source in
            source.withMemoryRebound(to: CChar.self) { _ = buffer.initialize(from: $0) }
        }
        let options = Int32(XML_PARSE_NONET.rawValue)
        guard let reader = xmlReaderForMemory(buffer.baseAddress, Int32(bytes.count), nil, nil, options) else {
            buffer.deallocate()
            throw WorkbookError("the part \(part) cannot be read as XML; save the workbook again from the spreadsheet")
        }
        let errors = ErrorBox()
        self.buffer = buffer
        self.reader = reader
        self.errors = errors
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let box = Unmanaged<ErrorBox>.fromOpaque(context).takeUnretainedValue()
            guard box.first == nil else { return }
            let message = error.pointee.message.map { String(cString: $0) } ?? "unreadable XML"
            box.first = (message.trimmingTrailingNewlines(), Int(error.pointee.line))
        }, Unmanaged.passUnretained(errors).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
        buffer.deallocate()
    }

    /// The next node of interest, or `nil` at the end of the part.
    func next() throws(WorkbookError) -> Node? {
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { return nil }
            if status < 0 || errors.first != nil {
                let found = errors.first
                let detail = found.map { "\($0.message) (line \($0.line))" } ?? "unreadable XML"
                throw WorkbookError("the part \(part) is not well-formed XML: \(detail); save the workbook again from the spreadsheet")
            }
            switch Int(xmlTextReaderNodeType(reader)) {
            case Int(XML_READER_TYPE_ELEMENT.rawValue):
                return .start(localName, empty: xmlTextReaderIsEmptyElement(reader) == 1)
            case Int(XML_READER_TYPE_END_ELEMENT.rawValue):
                return .end(localName)
            case Int(XML_READER_TYPE_TEXT.rawValue), Int(XML_READER_TYPE_CDATA.rawValue),
                 Int(XML_READER_TYPE_WHITESPACE.rawValue), Int(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                return .text(Self.string(xmlTextReaderConstValue(reader)) ?? "")
            case Int(XML_READER_TYPE_DOCUMENT_TYPE.rawValue), Int(XML_READER_TYPE_ENTITY_REFERENCE.rawValue),
                 Int(XML_READER_TYPE_ENTITY.rawValue):
                throw Self.doctypeRefusal(part)
            default:
                continue
            }
        }
    }

    private static func doctypeRefusal(_ part: String) -> WorkbookError {
        WorkbookError("the part \(part) declares a document type or entities (<!DOCTYPE …>), which a spreadsheet never writes and which could make a reader fetch files or expand text without end; the workbook is refused")
    }

    /// Whether `<!DOCTYPE` comes before the root element, past the XML declaration,
    /// processing instructions, comments and white space.
    static func prologHasDoctype(_ bytes: [UInt8]) -> Bool {
        let doctype = Array("<!DOCTYPE".utf8)
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func skip(past end: [UInt8]) {
            while i < bytes.count, !bytes[i...].starts(with: end) { i += 1 }
            i += end.count
        }
        while i < bytes.count {
            if bytes[i] != UInt8(ascii: "<") { i += 1; continue }
            let rest = bytes[i...]
            if rest.starts(with: doctype) { return true }
            if rest.starts(with: Array("<?".utf8)) { skip(past: Array("?>".utf8)); continue }
            if rest.starts(with: Array("<!--".utf8)) { skip(past: Array("-->".utf8)); continue }
            return false
        }
        return false
    }

    /// The attributes of the element just started, by local name (`r:id` is `id`).
    func attributes() -> [String: String] {
        var result: [String: String] = [:]
        guard xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return result }
        repeat {
            if let name = Self.string(xmlTextReaderConstLocalName(reader)) {
                result[name] = Self.string(xmlTextReaderConstValue(reader)) ?? ""
            }
        } while xmlTextReaderMoveToNextAttribute(reader) == 1
        xmlTextReaderMoveToElement(reader)
        return result
    }

    private var localName: String { Self.string(xmlTextReaderConstLocalName(reader)) ?? "" }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        return text
    }
}
