import CaseLoading
import CaseValidation
import Testing

/// The YAML mistakes a data manager makes most get a hint after libyaml's message,
/// at the place to fix.
@Suite struct YAMLHintTests {
    private func lines(_ old: String, _ new: String) -> [String] {
        let result = TestCohort.load(TestCohort.yamlFiles("Inputs/cases/C01.yaml", replacing: old, with: new))
        #expect(result.cohort == nil)
        return result.lines
    }

    @Test func aTabUsedForIndentation() {
        #expect(
            lines("  sex: male\n", "\tsex: male\n") == [
                "Inputs/cases/C01.yaml:5:1: YAML syntax error: found character that cannot start any token (while scanning for the next token); indent with spaces, not tabs"
            ])
        #expect(
            lines("  ethnicity: White British\n", "\tethnicity: White British\n") == [
                "Inputs/cases/C01.yaml:6:1: YAML syntax error: found a tab character that violates indentation (while scanning a plain scalar); indent with spaces, not tabs"
            ])
    }

    @Test func aKeyIndentedOneSpaceTooManyOrTooFew() {
        #expect(
            lines("  ethnicity: White British\n", "   ethnicity: White British\n") == [
                "Inputs/cases/C01.yaml:6:13: YAML syntax error: mapping values are not allowed in this context; check the indentation of this line against the line above (line 5 is indented 2 spaces, this one 3)"
            ])
        #expect(
            lines("  ethnicity: White British\n", " ethnicity: White British\n") == [
                "Inputs/cases/C01.yaml:6:2: YAML syntax error: did not find expected key (while parsing a block mapping); check the indentation of this line against the line above (line 5 is indented 2 spaces, this one 1)"
            ])
    }

    @Test func anUnclosedQuoteIsReportedWhereItOpens() {
        #expect(
            lines(#"    text: "Fictional learning point.""#, #"    text: "Fictional learning point."#) == [
                #"Inputs/cases/C01.yaml:36:11: the text in quotes opened here with " is never closed (libyaml: found unexpected end of stream at line 38, column 1); end it with a closing ""#
            ])
        #expect(
            lines("area: A01", "area: 'A01") == [
                "Inputs/cases/C01.yaml:2:7: the text in quotes opened here with ' is never closed (libyaml: found unexpected end of stream at line 38, column 1); end it with a closing '"
            ])
    }

    @Test func anUnclosedBracketIsReportedWhereItOpens() {
        #expect(
            lines("themes: [information-sharing, domestic-abuse]", "themes: [information-sharing, domestic-abuse") == [
                #"Inputs/cases/C01.yaml:31:9: the list opened here with "[" is not closed (libyaml: did not find expected ',' or ']' at line 32, column 8); close it with "]" and separate its items with commas"#
            ])
    }
}
