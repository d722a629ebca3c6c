import CaseLoading
import CaseValidation
import Testing

/// A spreadsheet's column is matched to the contract's ignoring case, spaces, dots,
/// underscores and hyphens, where that is unambiguous; otherwise the nearest is suggested.
@Suite struct LooseHeaderTests {
    private func load(_ header: (String) -> String) -> CohortLoadResult {
        let original = String(TestCohort.csv.split(separator: "\n")[0])
        return TestCohort.load(TestCohort.csvFiles(replacing: original, with: header(original)))
    }

    @Test func aColumnWrittenAsPeopleWriteItIsRead() throws {
        let exact = load { $0 }
        let loose = load {
            $0.replacingOccurrences(of: "harm.outcome", with: "Harm outcome").replacingOccurrences(of: ",area,", with: ",Area,")
                .replacingOccurrences(of: "male_carer.criminal_convictions", with: "Male carer - criminal convictions")
        }
        #expect(loose.lines == [], "\(loose.lines)")
        #expect(try #require(loose.cohort) == (try #require(exact.cohort)))
    }

    @Test func aNameThatIsNotOneIsRefusedWithTheNearest() {
        let result = load { $0.replacingOccurrences(of: "harm.outcome", with: "Harm outcme") }
        #expect(result.cohort == nil)
        #expect(
            result.lines.contains(
                "Inputs/cases.csv:row 1, column Harm outcme: unknown column; did you mean harm.outcome?; valid columns: "
                    + CaseCSVColumns.canonical.joined(separator: ", ")), "\(result.lines)")
    }

    @Test func aLooseNameBesideTheExactOneIsNotTakenForIt() {
        let result = load { $0 + ",AREA" }
        #expect(result.cohort == nil)
        #expect(
            result.lines.contains { $0.hasPrefix("Inputs/cases.csv:row 1, column AREA: unknown column; did you mean area?;") },
            "\(result.lines)")
    }
}
