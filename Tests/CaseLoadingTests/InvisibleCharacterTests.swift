import CaseLoading
import CaseValidation
import Testing

/// Bidirectional controls, zero-width and other invisible characters: refused where
/// they could make a code, label or text read differently from what it holds, and
/// never printed raw in a message.
@Suite struct InvisibleCharacterTests {
    private let c01 = "Inputs/cases/C01.yaml"
    private let vocabulary = "Inputs/vocabulary.yaml"
    static let strict =
        "remove it: ids, codes, labels, titles and names may not contain invisible formatting characters (bidirectional controls, zero-width characters)"
    static let free =
        "remove it: text may not contain invisible formatting characters (bidirectional controls, zero-width spaces) other than the zero-width joiner U+200D and non-joiner U+200C"

    private func problems(_ path: String, _ old: String, _ new: String) -> [String] {
        let result = TestCohort.load(TestCohort.yamlFiles(path, replacing: old, with: new))
        if result.diagnostics.containsErrors { #expect(result.cohort == nil) }
        return result.lines
    }

    /// True when a printed line holds a control, format (bidi, zero-width) or separator character.
    static func holdsRawInvisible(_ line: String) -> Bool {
        line.unicodeScalars.contains { scalar in
            [.control, .format, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory)
        }
    }

    @Test func bidiOverrideInAnIdIsRefusedAndNamed() {
        let lines = problems(c01, "id: C01", "id: C\u{202E}01")
        #expect(
            lines == [
                "Inputs/cases/C01.yaml:1:5: id: contains an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE) at character 2; \(Self.strict)"
            ])
        #expect(!lines.contains(where: Self.holdsRawInvisible))
    }

    @Test func zeroWidthAndIsolatesInLabelsTitlesAndAreaCodes() {
        #expect(
            problems(vocabulary, "  - Asian\n", "  - Asian\n  - Mixed\u{200B}\n") == [
                "Inputs/vocabulary.yaml:4:5: ethnicities[3]: contains an invisible character (U+200B ZERO WIDTH SPACE) at character 6; \(Self.strict)"
            ])
        #expect(
            problems(vocabulary, "title: \"Domestic abuse\"", "title: \"Domestic \u{2066}abuse\u{2069}\"") == [
                "Inputs/vocabulary.yaml:8:12: themes[2].title: contains an invisible character (U+2066 LEFT-TO-RIGHT ISOLATE) at character 10; \(Self.strict)"
            ])
        #expect(
            problems(vocabulary, "title: \"Domestic abuse\"", "title: \"Domestic\u{200E} abuse\"") == [
                "Inputs/vocabulary.yaml:8:12: themes[2].title: contains an invisible character (U+200E LEFT-TO-RIGHT MARK) at character 9; \(Self.strict)"
            ])
        #expect(
            problems("Inputs/areas.yaml", "- code: A02", "- code: A\u{061C}02").first
                == "Inputs/areas.yaml:7:9: areas[2].code: contains an invisible character (U+061C ARABIC LETTER MARK) at character 2; \(Self.strict)"
        )
        #expect(
            problems(c01, "area: A01", "area: A01\u{2060}") == [
                #"Inputs/areas.yaml:1:9: warning: areas[1].code: area "A01" is not referred to by any case"#,
                "Inputs/cases/C01.yaml:2:7: area: contains an invisible character (U+2060 WORD JOINER) at character 4; \(Self.strict)",
            ])
        #expect(
            problems(c01, "outcome: seriously-harmed", "outcome: seriously\u{200D}-harmed") == [
                "Inputs/cases/C01.yaml:12:12: harm.outcome: contains an invisible character (U+200D ZERO WIDTH JOINER) at character 10; \(Self.strict)"
            ])
    }

    @Test func bidiControlsInFreeTextAreRefused() {
        #expect(
            problems(c01, "  Fictional text.", "  Fictional \u{202E}text.") == [
                "Inputs/cases/C01.yaml:32:10: summary: contains an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE) at character 11; \(Self.free)"
            ])
        #expect(
            problems(c01, "text: \"Fictional learning point.\"", "text: \"Fictional\u{FEFF} learning point.\"") == [
                "Inputs/cases/C01.yaml:36:11: learning[1].text: contains an invisible character (U+FEFF ZERO WIDTH NO-BREAK SPACE) at character 10; \(Self.free)"
            ])
    }

    /// Persian and Indic spellings and emoji sequences need the joiners, so free text keeps them.
    @Test func joinersInFreeTextAreKept() throws {
        let persian = "\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}"
        let result = TestCohort.load(
            TestCohort.yamlFiles(c01, replacing: "  Fictional text.", with: "  Fictional \(persian) text \u{1F468}\u{200D}\u{1F467}."))
        #expect(result.lines == [])
        #expect(try #require(result.cohort).cases[0].summary == "Fictional \(persian) text \u{1F468}\u{200D}\u{1F467}.")
    }

    /// U+FDD0 and U+FFFE are not characters; a web page cannot hold them, so the build
    /// would fail: validation refuses them first.
    /// Swift's string literals refuse noncharacters, so they are made from their number.
    static func scalar(_ value: UInt32) -> String { String(Unicode.Scalar(value)!) }

    @Test func noncharactersAreRefused() {
        #expect(
            problems(vocabulary, "  - Asian\n", "  - Asian\n  - Mixed\(Self.scalar(0xFDD0))\n") == [
                "Inputs/vocabulary.yaml:4:5: ethnicities[3]: contains U+FDD0, which is not a character (a noncharacter code point) at character 6; remove it: it cannot appear in a web page"
            ])
        // libyaml itself stops at U+FFFF; the message says what it is, not "a control character".
        #expect(
            problems(c01, "  Fictional text.", "  Fictional\(Self.scalar(0xFFFF)) text.") == [
                "Inputs/cases/C01.yaml:33: contains U+FFFF, which is not a character (a noncharacter code point) at byte offset 711; remove it: it cannot appear in a web page"
            ])
        let csv = TestCohort.load(TestCohort.csvFiles(replacing: "Fictional text.", with: "Fictional\(Self.scalar(0xFFFE)) text."))
        #expect(
            csv.lines == [
                "Inputs/cases.csv:row 2, column summary, case C01: contains U+FFFE, which is not a character (a noncharacter code point) at character 10; remove it: it cannot appear in a web page"
            ])
    }

    @Test func invisibleCharactersAreEscapedInKeysColumnsAndFileNames() {
        let key = problems(c01, "  sex: male", "  s\u{202E}ex: male")
        #expect(
            key.first
                == #"Inputs/cases/C01.yaml:5:3: child.s<U+202E>ex: unknown key "s<U+202E>ex"; valid keys here: sex, ethnicity, age_months, premature, feeding_difficulties, weight_loss"#
        )
        #expect(!key.contains(where: Self.holdsRawInvisible))

        let header = String(TestCohort.csv.split(separator: "\n")[0])
        let column = TestCohort.load(
            TestCohort.csvFiles(replacing: header, with: header.replacingOccurrences(of: "child.sex", with: "child.sex\u{2067}")))
        #expect(
            column.lines == [
                "Inputs/cases.csv:row 1: child.sex: the header has no such column; every case needs it",
                "Inputs/cases.csv:row 1, column child.sex<U+2067>: unknown column; did you mean child.sex?; valid columns: "
                    + CaseCSVColumns.canonical.joined(separator: ", "),
            ])

        var files = TestCohort.yamlFiles
        files["Inputs/cases/C03\u{202E}lmy.txt"] = "x"
        #expect(
            TestCohort.load(files).lines == [
                "Inputs/cases/C03<U+202E>lmy.txt: warning: ignored: not a .yaml or .yml file"
            ])
    }

    @Test func controlCharactersInMessagesAreEscapedTheSameWay() {
        #expect(
            problems(c01, "outcome: seriously-harmed", "outcome: \"injured\\e\"") == [
                #"Inputs/cases/C01.yaml:12:12: harm.outcome: "injured<U+001B>" is not a valid value; expected one of: died, seriously-harmed"#
            ])
    }
}
