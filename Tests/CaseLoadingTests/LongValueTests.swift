import CaseLoading
import CaseValidation
import Testing

/// Unknown content is echoed only as a short excerpt, however long it is, and
/// many long unknown keys are reported quickly.
@Suite struct LongValueTests {
    private static let keys =
        "id, area, local_review, child, harm, male_carer, parents, agency_involvement, proceedings, themes, summary, learning"

    /// `count` characters, starting with a marker that makes each one different.
    private func long(_ marker: String, _ count: Int = 20_000) -> String {
        marker + String(repeating: "x", count: count - marker.count)
    }

    private func excerpt(_ text: String) -> String { String(text.prefix(60)) + "…" }

    @Test func twentyLongUnknownKeysAreCutAndReportedQuickly() throws {
        var text = TestCohort.c01
        for index in 0..<20 {
            // A key over 1,024 characters must be written as an explicit YAML key.
            text += "? \(long("k\(index)-"))\n: \(long("v\(index)-"))\n"
        }
        let files = TestCohort.yamlFiles.merging(["Inputs/cases/C01.yaml": text]) { $1 }
        let clock = ContinuousClock()
        var result: CohortLoadResult?
        let elapsed = clock.measure { result = TestCohort.load(files) }
        let lines = try #require(result).lines
        #expect(elapsed < .seconds(3))
        #expect(lines.count == 20)
        let first = long("k0-")
        #expect(
            lines.first == "Inputs/cases/C01.yaml:38:3: \(excerpt(first)): unknown key \"\(excerpt(first))\"; valid keys here: \(Self.keys)"
        )
        #expect(lines.allSatisfy { $0.count < 400 })
        #expect(!lines.contains { $0.contains("v0-") })
    }

    @Test func longUndefinedAliasIsCut() {
        let anchor = long("anchor-")
        let result = TestCohort.load(TestCohort.yamlFiles("Inputs/cases/C01.yaml", replacing: "area: A01", with: "area: *\(anchor)"))
        let cut = excerpt(anchor)
        #expect(result.lines == ["Inputs/cases/C01.yaml:2:7: the alias *\(cut) refers to no anchor &\(cut) defined before it"])
    }

    @Test func longBadValuesAreCut() {
        let value = long("bad-")
        let result = TestCohort.load(TestCohort.yamlFiles("Inputs/cases/C01.yaml", replacing: "  sex: male", with: "  sex: \(value)"))
        #expect(
            result.lines == [
                "Inputs/cases/C01.yaml:5:8: child.sex: \"\(excerpt(value))\" is not a valid value; expected one of: male, female"
            ])
        let area = TestCohort.load(TestCohort.yamlFiles("Inputs/cases/C01.yaml", replacing: "area: A01", with: "area: \(value)"))
        #expect(
            area.lines == [
                #"Inputs/areas.yaml:1:9: warning: areas[1].code: area "A01" is not referred to by any case"#,
                "Inputs/cases/C01.yaml:2:7: area: \"\(excerpt(value))\" is not declared in areas.yaml; expected one of: A01, A02",
            ])
    }

    @Test func longUnknownColumnAndCellAreCut() {
        let header = String(TestCohort.csv.split(separator: "\n")[0])
        let column = long("column-")
        let cell = long("cell-")
        let result = TestCohort.load(
            TestCohort.csvFiles(replacing: header, with: header.replacingOccurrences(of: ",summary", with: ",summary,\(column)"))
                .mapValues {
                    $0.replacingOccurrences(of: "Fictional text.\n", with: "Fictional text.,x\n")
                        .replacingOccurrences(of: "\"quote\"\".\"\n", with: "\"quote\"\".\",y\n")
                        .replacingOccurrences(of: "C01,A01,lcspr,male,", with: "C01,A01,lcspr,\(cell),")
                })
        #expect(
            result.lines == [
                "Inputs/cases.csv:row 1, column \(excerpt(column)): unknown column; valid columns: "
                    + CaseCSVColumns.canonical.joined(separator: ", "),
                "Inputs/cases.csv:row 2, column child.sex, case C01: \"\(excerpt(cell))\" is not a valid value; expected one of: male, female",
            ])
    }

    /// A vocabulary of 30,000 labels and 10,000 themes and 7,000 areas: declarations are
    /// checked in linear time (this took 37 s when each label was compared with every
    /// earlier one), and a message lists 20 declared values, then how many more.
    @Test func largeVocabularyIsCheckedQuicklyAndListedShortly() throws {
        var vocabulary = "ethnicities:\n"
        for index in 0..<30_000 { vocabulary += "  - L\(index)\n" }
        vocabulary += "themes:\n  - {code: information-sharing, title: x}\n  - {code: domestic-abuse, title: y}\n"
        for index in 0..<10_000 { vocabulary += "  - {code: t\(index), title: T\(index)}\n" }
        var areas = TestCohort.areas
        for index in 0..<7_000 {
            areas +=
                "- {code: B\(index), type: county, region: london, family_nurse_partnership: no, practitioners: 1, strategic_partners: 1}\n"
        }
        var files = TestCohort.yamlFiles
        files["Inputs/vocabulary.yaml"] = vocabulary
        files["Inputs/areas.yaml"] = areas
        let clock = ContinuousClock()
        var result: CohortLoadResult?
        let elapsed = clock.measure { result = TestCohort.load(files) }
        let lines = try #require(result).lines
        #expect(elapsed < .seconds(8))
        let listed = (0..<20).map { "L\($0)" }.joined(separator: ", ")
        #expect(
            lines.contains(
                #"Inputs/cases/C01.yaml:6:14: child.ethnicity: "White British" is not declared in vocabulary.yaml; expected one of: "#
                    + listed + ", … and 29980 more"))
        #expect(lines.filter { !$0.contains("warning: areas[") }.count == 2)
        #expect(lines.allSatisfy { $0.count < 400 })
    }
}
