import PropertyBased
import Testing
@testable import ReportRendering

/// A placeholder's name is letters, digits and `-._:`. An ASCII name is checked
/// byte by byte; the answer must be Unicode's, whatever the name.
@Suite struct PlaceholderNameTests {
    static func byUnicode(_ name: String) -> Bool {
        name.allSatisfy { $0.isLetter || $0.isNumber || "-._:".contains($0) }
    }

    /// Every ASCII character, and a few beyond: letters and digits of other scripts, a
    /// superscript two (a number), a combining accent, a no-break space, an emoji.
    static let pieces: [String] = (0...127).map { String(UnicodeScalar(UInt8($0))) }
        + ["é", "ß", "Ж", "٣", "²", "\u{301}", "\u{A0}", "👶", "\r\n"]

    @Test func agreesWithUnicodeOnAnyName() async {
        await propertyCheck(count: 3000, input: Gen.int(in: 0...(Self.pieces.count - 1)).array(of: 1...6)) { picks in
            let name = picks.map { Self.pieces[$0] }.joined()
            #expect(Placeholder.isValidName(name) == Self.byUnicode(name), "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func everyASCIICharacterAlone() {
        for byte in UInt8(0)...127 {
            let name = String(UnicodeScalar(byte))
            #expect(Placeholder.isValidName(name) == Self.byUnicode(name), "\(byte)")
        }
        #expect(Placeholder.isValidName("count.died_2-a:b"))
        #expect(!Placeholder.isValidName("count total"))
        #expect(Placeholder.isValidName("année"))
    }
}
