// MARK: - Scoped elements

extension XMLWriter {
    /// Writes a whole element: its start tag with `attributes` in the order given,
    /// whatever `content` writes, and its end.
    ///
    /// ```swift
    /// try writer.element("p", ["class": "lead"]) { try writer.text("Findings") }
    /// ```
    /// - Throws: any `XMLWriterError` from the writer, or what `content` throws (the
    ///   element is then left open).
    public func element(
        _ name: String,
        _ attributes: KeyValuePairs<String, String> = [:],
        content: () throws -> Void = {}
    ) throws {
        try element(name, attributes: attributes.map { ($0.key, $0.value) }, content: content)
    }

    /// Writes a whole element whose attributes are built at run time, in array order.
    ///
    /// - Throws: any `XMLWriterError` from the writer, or what `content` throws (the
    ///   element is then left open).
    public func element(
        _ name: String,
        attributes: [(String, String)],
        content: () throws -> Void = {}
    ) throws {
        try startElement(name)
        for (attributeName, value) in attributes {
            try attribute(attributeName, value)
        }
        try content()
        try endElement()
    }

    /// Writes a whole element holding only `text`, such as `<td>12</td>`.
    ///
    /// - Throws: any `XMLWriterError` from the writer.
    public func element(
        _ name: String,
        _ attributes: KeyValuePairs<String, String> = [:],
        text: String
    ) throws(XMLWriterError) {
        try startElement(name)
        for (attributeName, value) in attributes {
            try attribute(attributeName, value)
        }
        try self.text(text)
        try endElement()
    }
}
