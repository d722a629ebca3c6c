extension StringProtocol {
    /// Without surrounding white space and line breaks: how every input value (a YAML
    /// block scalar ends in a line break) and every word of a template's `{{ … }}`
    /// is read. The one trimming rule of the project.
    ///
    /// Inlinable, so that callers in other modules get it specialised for `String`
    /// and `Substring` (unspecialised, every character went through the protocol's
    /// witness table: a tenth of decoding a spreadsheet).
    @inlinable
    public func trimmingWhitespace() -> String {
        // Most values start and end with a visible ASCII character: nothing to trim,
        // and no need to look up Unicode's whitespace table.
        let scalars = unicodeScalars
        if let first = scalars.first, let last = scalars.last,
            (0x21...0x7E).contains(first.value), (0x21...0x7E).contains(last.value)
        {
            return String(self)
        }
        // ASCII white space (tab to carriage return, and the space) around text that
        // starts and ends with an ASCII character: found without Unicode's table. Where
        // a scan stops at an ASCII character, it is not white space by Unicode's rule
        // either; where it stops at another, the table decides below.
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, Self.isASCIIWhitespace(scalars[start]) { start = scalars.index(after: start) }
        while start < end, Self.isASCIIWhitespace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == end { return "" }
        if scalars[start].isASCII && scalars[scalars.index(before: end)].isASCII {
            return Self.copy(utf8[start..<end])
        }
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return Self.copy(utf8[first..<scalars.index(after: last)])
    }

    /// The text between two scalar boundaries, copied whole (not scalar by scalar,
    /// and not through the character view, which would move a boundary inside a
    /// character such as " \u{301}" to the character's start).
    @inlinable
    static func copy(_ bytes: UTF8View.SubSequence) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    @inlinable
    static func isASCIIWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && UInt8(scalar.value).isASCIIWhitespace
    }
}

extension UInt8 {
    /// U+0009 to U+000D and U+0020: the ASCII characters Unicode calls white space
    /// (so a byte below 0x80 that is not one of them is not white space by any of
    /// Swift's rules either).
    @inlinable
    public var isASCIIWhitespace: Bool { self == 0x20 || (0x09...0x0D).contains(self) }
}
