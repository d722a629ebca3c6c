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
           (0x21...0x7E).contains(first.value), (0x21...0x7E).contains(last.value) {
            return String(self)
        }
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
