import CaseLoading
import CaseValidation
import Testing

/// Labels and titles that the report could not tell apart are refused by validation,
/// so `validate` refuses whatever `build` would refuse for the vocabulary.
@Suite struct VocabularyClashTests {
    private func problems(_ old: String, _ new: String) -> [String] {
        let result = TestCohort.load(TestCohort.yamlFiles("Inputs/vocabulary.yaml", replacing: old, with: new))
        if result.diagnostics.containsErrors { #expect(result.cohort == nil) }
        return result.lines
    }

    @Test func labelsDifferingOnlyInCaseOrPunctuationShareAPlaceholderName() {
        #expect(
            problems("  - Asian\n", "  - Asian\n  - white-british\n") == [
                #"Inputs/vocabulary.yaml:4:5: ethnicities[3]: "white-british" gives the same placeholder name (ethnicity.white-british) as "White British" at Inputs/vocabulary.yaml:2:5; make the labels differ in more than letter case, spaces or punctuation"#
            ])
        #expect(
            problems("  - Asian\n", "  - Asian\n  - \"ASIAN!\"\n") == [
                #"Inputs/vocabulary.yaml:4:5: ethnicities[3]: "ASIAN!" gives the same placeholder name (ethnicity.asian) as "Asian" at Inputs/vocabulary.yaml:3:5; make the labels differ in more than letter case, spaces or punctuation"#
            ])
    }

    @Test func properNamesAreReadAndEachIsListedOnce() {
        let result = TestCohort.load(
            TestCohort.yamlFiles("Inputs/vocabulary.yaml", replacing: "  - Asian\n", with: "  - Asian\nproper_names: [White, Asian]\n"))
        #expect(result.cohort?.vocabulary.properNames == ["White", "Asian"], "\(result.lines)")
        #expect(
            problems("  - Asian\n", "  - Asian\nproper_names: [White, White]\n") == [
                #"Inputs/vocabulary.yaml:4:23: proper_names[2]: "White" is listed twice; list each name once"#
            ])
    }

    @Test func aLabelMayNotTakeTheNameOfTheLargestGroup() {
        #expect(
            problems("  - Asian\n", "  - Asian\n  - Largest\n") == [
                #"Inputs/vocabulary.yaml:4:5: ethnicities[3]: "Largest" would have the placeholder name ethnicity.largest, which names the largest group; choose another label"#
            ])
    }

    @Test func aLabelNeedsALetterOrDigit() {
        #expect(
            problems("  - Asian\n", "  - Asian\n  - \"—\"\n") == [
                #"Inputs/vocabulary.yaml:4:5: ethnicities[3]: "—" has no letter or digit, so no placeholder name can refer to its count; include at least one letter or digit"#
            ])
    }

    @Test func twoThemesWithOneTitleCannotBothBeCharted() {
        #expect(
            problems("title: \"Domestic abuse\"", "title: \"Information sharing\"") == [
                #"Inputs/vocabulary.yaml:8:12: themes[2].title: "Information sharing" is already the title of theme "information-sharing" at Inputs/vocabulary.yaml:6:12; give each theme its own title"#
            ])
    }

    @Test func aRepeatedTitleAfterAThemeWithoutCodeSaysAnotherTheme() {
        let lines = problems("  - code: information-sharing\n    title: \"Information sharing\"", "  - title: \"Domestic abuse\"")
        #expect(
            lines.contains(
                #"Inputs/vocabulary.yaml:7:12: themes[2].title: "Domestic abuse" is already the title of another theme at Inputs/vocabulary.yaml:5:12; give each theme its own title"#
            ))
    }
}
