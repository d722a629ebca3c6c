import CaseModel
import PropertyBased
import Testing

/// `trimmingWhitespace` finds ASCII white space without Unicode's table; whatever
/// the text, it must trim exactly what Unicode's White_Space property says.
@Suite struct TrimmingTests {
    /// The rule itself: Unicode scalars with the White_Space property, from both ends.
    static func byUnicode(_ text: some StringProtocol) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// ASCII white space, Unicode white space beyond ASCII (next line, no-break and em
    /// spaces, the line separator), a combining accent, a zero-width joiner, letters,
    /// punctuation, an emoji and CR LF.
    static let pieces: [String] = [
        " ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2003}", "\u{2028}",
        "\u{301}", "\u{200D}", "a", "Z", "7", "-", "é", "ß", "👶🏽", "{", "}", "|",
    ]

    @Test func trimsExactlyWhatUnicodeCallsWhiteSpace() async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...(Self.pieces.count - 1)).array(of: 0...8)) { picks in
            let text = picks.map { Self.pieces[$0] }.joined()
            #expect(text.trimmingWhitespace() == Self.byUnicode(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            let inner = Substring("x" + text + "x").dropFirst().dropLast()
            #expect(inner.trimmingWhitespace() == Self.byUnicode(inner))
        }
    }

    @Test(arguments: [
        ("  count.total ", "count.total"), ("\t\r\n", ""), ("\u{A0}é ", "é"), (" a\u{85}", "a"), (" \u{301}x ", "\u{301}x"),
        ("plain", "plain"), ("", ""),
    ])
    func examples(_ text: String, _ trimmed: String) {
        #expect(text.trimmingWhitespace() == trimmed)
        #expect(Self.byUnicode(text) == trimmed)
    }
}
