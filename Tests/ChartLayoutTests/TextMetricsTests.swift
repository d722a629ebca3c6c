import Testing

@testable import ChartLayout

@Suite("TextMetrics")
struct TextMetricsTests {
    @Test("Known strings measure to the sum of their Liberation Sans advances")
    func knownWidths() {
        // H 722 + e 556 + l 222 + l 222 + o 556 = 2278 thousandths of an em.
        #expect(TextMetrics.width("Hello", fontSize: 10) == 22.78)
        // Bold: H 722 + e 556 + l 278 + l 278 + o 611 = 2445.
        #expect(TextMetrics.width("Hello", fontSize: 10, weight: .bold) == 24.45)
        // "19 (83%)": 556·2 + 278 + 333 + 556·2 + 889 + 333 = 4057.
        #expect(abs(TextMetrics.width("19 (83%)", fontSize: 14) - 56.798) < 1e-9)
        #expect(TextMetrics.width("", fontSize: 14) == 0)
    }

    @Test("Characters outside the table use the default advance; combining marks add none")
    func fallbacks() {
        #expect(TextMetrics.advance(of: "Ж") == TextMetrics.defaultAdvance)
        #expect(TextMetrics.advance(of: "Ж", weight: .bold) == TextMetrics.defaultBoldAdvance)
        #expect(TextMetrics.advance(of: "\u{2019}") == 222)
        #expect(TextMetrics.advance(of: "\u{0301}") == 0)
        #expect(TextMetrics.advance(of: "i") < TextMetrics.advance(of: "m"))
    }

    @Test("Wrapping keeps every word, in order, with each line inside the width")
    func wrapsLongLabels() {
        let label = "White British and Black Caribbean (mixed heritage) babies"
        let lines = TextMetrics.wrap(label, maxWidth: 120, fontSize: 14)
        #expect(lines.count > 1)
        #expect(lines.joined(separator: " ") == label)
        for line in lines { #expect(TextMetrics.width(line, fontSize: 14) <= 120) }
        // Greedy: the first word of each line would not have fitted on the line before.
        for (previous, next) in zip(lines, lines.dropFirst()) {
            let word = next.split(separator: " ").first.map(String.init) ?? ""
            #expect(TextMetrics.width(previous + " " + word, fontSize: 14) > 120)
        }
    }

    @Test("A word wider than the line is split between characters; blank text gives no lines")
    func wrapsOverlongWords() {
        let lines = TextMetrics.wrap("Supercalifragilistic", maxWidth: 40, fontSize: 14)
        #expect(lines.count > 1)
        #expect(lines.joined() == "Supercalifragilistic")
        for line in lines { #expect(TextMetrics.width(line, fontSize: 14) <= 40) }
        #expect(TextMetrics.wrap("   \n ", maxWidth: 100, fontSize: 14).isEmpty)
        #expect(TextMetrics.wrap("a  b\tc", maxWidth: 500, fontSize: 14) == ["a b c"])
    }

    @Test("Block height counts line gaps, ascent and descent")
    func blockHeight() {
        #expect(TextMetrics.blockHeight(lineCount: 0, fontSize: 10) == 0)
        #expect(abs(TextMetrics.blockHeight(lineCount: 1, fontSize: 10) - 11.17) < 1e-9)
        #expect(abs(TextMetrics.blockHeight(lineCount: 3, fontSize: 10) - 35.17) < 1e-9)
    }

    @Test("Words are split where Unicode's white space is")
    func wordsAreTheCharacterSplit() {
        #expect(TextMetrics.words("  Birth father\tof\r\nthe baby ") == ["Birth", "father", "of", "the", "baby"])
        #expect(TextMetrics.words("bébé\u{A0}né\u{2003}👶🏽") == ["bébé", "né", "👶🏽"])
    }
}
