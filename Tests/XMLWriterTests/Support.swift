import Testing
import XMLWriter

/// What every HTML document written by `bodyHTML` starts and ends with.
let htmlPrefix = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>"
let htmlSuffix = "</body></html>\n"

/// Writes `content` inside `<html><body>` and returns just what it put in the body,
/// after checking the surrounding bytes are exactly the expected ones.
func bodyHTML(_ content: (XMLWriter) throws -> Void) throws -> String {
    let writer = try XMLWriter(kind: .html)
    try writer.element("html") {
        try writer.element("body") { try content(writer) }
    }
    let document = try writer.finish()
    try #require(document.hasPrefix(htmlPrefix) && document.hasSuffix(htmlSuffix), "\(document)")
    return String(document.dropFirst(htmlPrefix.count).dropLast(htmlSuffix.count))
}

/// Writes `content` inside a standalone `<svg>` root and returns the whole document.
func svgDocument(_ content: (XMLWriter) throws -> Void) throws -> String {
    let writer = try XMLWriter(kind: .svg)
    try writer.element("svg") { try content(writer) }
    return try writer.finish()
}

/// Opens `<html><body><p>` and returns the writer, for tests of refused calls.
func writerInParagraph() throws -> XMLWriter {
    let writer = try XMLWriter(kind: .html)
    try writer.startElement("html")
    try writer.startElement("body")
    try writer.startElement("p")
    return writer
}

/// Runs `body` and returns the `XMLWriterError` it throws, or records a failure.
func thrownError(_ body: () throws -> Void) -> XMLWriterError? {
    do {
        try body()
        Issue.record("expected an XMLWriterError, but nothing was thrown")
        return nil
    } catch let error as XMLWriterError {
        return error
    } catch {
        Issue.record("expected an XMLWriterError, got \(error)")
        return nil
    }
}
