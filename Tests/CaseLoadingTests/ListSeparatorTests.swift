import CaseLoading
import CaseValidation
import Testing

/// A list typed in one cell with commas or slashes instead of `;` is refused with
/// how to write it, when every item is valid; in a YAML file it is not (lists are written otherwise there).
@Suite struct ListSeparatorTests {
    @Test func commasOrSlashesBetweenValidItemsGetTheSeparator() {
        let commas = TestCohort.load(TestCohort.csvFiles(replacing: "head-injury;fracture", with: "\"head-injury, fracture\""))
        #expect(
            commas.lines == [
                "Inputs/cases.csv:row 2, column harm.injuries, case C01: harm.injuries[1]: \"head-injury, fracture\" is not a valid value; expected one of: "
                    + "head-injury, fracture, bruising, ruptured-frenulum; a list in one cell has ; between its items (head-injury;fracture)"
            ], "\(commas.lines)")
        let slashes = TestCohort.load(
            TestCohort.csvFiles(replacing: "information-sharing;domestic-abuse", with: "information-sharing/domestic-abuse"))
        #expect(slashes.lines.count == 1, "\(slashes.lines)")
        #expect(
            slashes.lines.first?.hasSuffix(
                "a list in one cell has ; between its items (information-sharing;domestic-abuse)") == true, "\(slashes.lines)")
    }

    @Test func anItemThatIsNotValidGetsNoSeparatorHint() {
        let result = TestCohort.load(TestCohort.csvFiles(replacing: "head-injury;fracture", with: "\"head-injury, burns\""))
        #expect(result.lines.count == 1)
        #expect(result.lines.first?.contains("between its items") == false, "\(result.lines)")
    }
}
