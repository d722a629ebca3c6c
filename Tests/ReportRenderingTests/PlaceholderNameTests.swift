import Testing

@testable import ReportRendering

/// A placeholder's name is letters and digits of any script, and `-._:`.
@Suite struct PlaceholderNameTests {
    @Test func namesOfLettersDigitsAndPunctuationOfNames() {
        for name in ["count.died_2-a:b", "année", "Ж٣", "x²"] { #expect(Placeholder.isValidName(name), "\(name)") }
        for name in ["count total", "a|b", "a{b", "bébé\u{A0}", "👶", "a\r\nb", "a/b", "\u{301}"] {
            #expect(!Placeholder.isValidName(name), "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
