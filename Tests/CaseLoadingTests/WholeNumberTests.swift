import CaseLoading
import CaseValidation
import Testing

/// Whole numbers are digits only: no sign, no leading zero (YAML 1.1 would read
/// `010` as octal 8, a spreadsheet as 10; neither is guessed).
@Suite struct WholeNumberTests {
    private func yaml(_ path: String, _ old: String, _ new: String) -> [String] {
        let result = TestCohort.load(TestCohort.yamlFiles(path, replacing: old, with: new))
        if result.diagnostics.containsErrors { #expect(result.cohort == nil) }
        return result.lines
    }

    @Test(arguments: ["+3", "-0", "010", "00", "3.0", "0x3", "1e1", "３"])
    func signsLeadingZerosAndOtherFormsAreRefusedInYAML(_ written: String) {
        #expect(
            yaml("Inputs/cases/C01.yaml", "age_months: 3", "age_months: \(written)") == [
                "Inputs/cases/C01.yaml:7:15: child.age_months: \"\(written)\" is not a whole number; expected a whole number from 0 to 11"
            ])
    }

    @Test(arguments: ["+9", "-0", "09"])
    func signsAndLeadingZerosAreRefusedInCounts(_ written: String) {
        #expect(
            yaml("Inputs/areas.yaml", "practitioners: 9", "practitioners: \(written)") == [
                "Inputs/areas.yaml:5:18: areas[1].practitioners: \"\(written)\" is not a whole number; expected a whole number from 0 to 1000000"
            ])
    }

    @Test(arguments: ["+3", "-0", "010"])
    func signsAndLeadingZerosAreRefusedInCSV(_ written: String) {
        let result = TestCohort.load(
            TestCohort.csvFiles(replacing: "C01,A01,lcspr,male,White British,3,", with: "C01,A01,lcspr,male,White British,\(written),"))
        #expect(
            result.lines == [
                "Inputs/cases.csv:row 2, column child.age_months, case C01: \"\(written)\" is not a whole number; expected a whole number from 0 to 11"
            ])
    }

    @Test func plainDigitsAreRead() throws {
        let result = TestCohort.load(TestCohort.yamlFiles("Inputs/cases/C01.yaml", replacing: "age_months: 3", with: "age_months: 10"))
        #expect(result.lines == [])
        #expect(try #require(result.cohort).cases[0].child.ageMonths == 10)
    }

    @Test func digitsTooLargeForANumberAreOutOfRange() {
        #expect(
            yaml("Inputs/cases/C01.yaml", "age_months: 3", "age_months: 99999999999999999999") == [
                "Inputs/cases/C01.yaml:7:15: child.age_months: 99999999999999999999 is out of range; expected a whole number from 0 to 11"
            ])
    }
}
