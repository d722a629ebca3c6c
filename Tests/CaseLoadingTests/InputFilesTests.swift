import CaseLoading
import CaseValidation
import Testing

/// review.yaml, areas.yaml, vocabulary.yaml, and the shape of the inputs folder.
@Suite struct InputFilesTests {
    private func lines(_ path: String, _ old: String, _ new: String) -> [String] {
        let result = TestCohort.load(TestCohort.yamlFiles(path, replacing: old, with: new))
        if result.diagnostics.containsErrors { #expect(result.cohort == nil) }
        return result.lines
    }

    // MARK: review.yaml

    @Test func reviewDatesAndPeriod() {
        #expect(
            lines("Inputs/review.yaml", "published: 2021-09-15", "published: 2021-02-30") == [
                #"Inputs/review.yaml:4:12: published: "2021-02-30" is not a valid date; expected YYYY-MM-DD"#
            ])
        #expect(
            lines("Inputs/review.yaml", "{from: 2018-06, to: 2020-06}", "{from: 2020-07, to: 2020-06}") == [
                "Inputs/review.yaml:5:9: period: from (2020-07) is later than to (2020-06); expected from to be the same month or earlier"
            ])
        #expect(
            lines("Inputs/review.yaml", "{from: 2018-06, to: 2020-06}", "{from: 2018-6, to: 2020-13}") == [
                #"Inputs/review.yaml:5:16: period.from: "2018-6" is not a valid month; expected YYYY-MM"#,
                #"Inputs/review.yaml:5:28: period.to: "2020-13" is not a valid month; expected YYYY-MM"#,
            ])
    }

    @Test func reviewCountsAndKeys() {
        #expect(
            lines("Inputs/review.yaml", "initial_shortlist: 74", "initial_shortlist: -3\nregion_total: 9") == [
                "Inputs/review.yaml:6:20: initial_shortlist: -3 is out of range; expected a whole number from 0 to 1000000",
                #"Inputs/review.yaml:7:1: region_total: unknown key "region_total"; valid keys here: title, subtitle, publisher, published, period, initial_shortlist, regions_total, family_contributions, disclosure, contact"#,
            ])
    }

    @Test func reviewDisclosureThreshold() throws {
        let valid = TestCohort.load(
            TestCohort.yamlFiles(
                "Inputs/review.yaml", replacing: "family_contributions: 2", with: "family_contributions: 2\ndisclosure: {suppress_below: 5}"
            ))
        #expect(valid.lines == [])
        #expect(try #require(valid.cohort).review.suppressBelow == 5)
        #expect(try #require(TestCohort.load(TestCohort.yamlFiles).cohort).review.suppressBelow == nil)
        #expect(
            lines("Inputs/review.yaml", "family_contributions: 2", "family_contributions: 2\ndisclosure: {suppress_below: 1}") == [
                "Inputs/review.yaml:9:30: disclosure.suppress_below: 1 is out of range; expected a whole number from 2 to 100"
            ])
        #expect(
            lines("Inputs/review.yaml", "family_contributions: 2", "family_contributions: 2\ndisclosure: {suppress_below: five}") == [
                #"Inputs/review.yaml:9:30: disclosure.suppress_below: "five" is not a whole number; expected a whole number from 2 to 100"#
            ])
        #expect(
            lines("Inputs/review.yaml", "family_contributions: 2", "family_contributions: 2\ndisclosure: {below: 5}") == [
                "Inputs/review.yaml:9:13: disclosure.suppress_below: required field is missing; expected a whole number from 2 to 100",
                #"Inputs/review.yaml:9:14: disclosure.below: unknown key "below"; valid keys here: suppress_below"#,
            ])
    }

    /// `contact`, printed on the tables' cover: optional, and one email address when given.
    @Test func reviewContactIsOneEmailAddress() throws {
        let valid = TestCohort.load(
            TestCohort.yamlFiles(
                "Inputs/review.yaml", replacing: "family_contributions: 2", with: "family_contributions: 2\ncontact: tables@example.gov.uk")
        )
        #expect(valid.lines == [])
        #expect(try #require(valid.cohort).review.contact == "tables@example.gov.uk")
        #expect(try #require(TestCohort.load(TestCohort.yamlFiles).cohort).review.contact == nil)
        for bad in ["the secretariat", "a@b", "a b@example.org", "@example.org", "a@example..org", "a@x.org; b@y.org"] {
            #expect(
                lines("Inputs/review.yaml", "family_contributions: 2", "family_contributions: 2\ncontact: \"\(bad)\"") == [
                    "Inputs/review.yaml:9:10: contact: \"\(bad)\" is not an email address; expected one address such as tables@example.gov.uk"
                ], "\(bad)")
        }
        #expect(
            lines("Inputs/review.yaml", "family_contributions: 2", "family_contributions: 2\ncontact: {email: a@example.org}").count == 1)
    }

    @Test func reviewSubtitleIsOptional() throws {
        let result = TestCohort.load(TestCohort.yamlFiles("Inputs/review.yaml", replacing: "subtitle: \"Made up for tests\"\n", with: ""))
        #expect(result.lines == [])
        #expect(try #require(result.cohort).review.subtitle == nil)
    }

    // MARK: areas.yaml

    @Test func areaCodesAreUniqueAndFieldsValid() {
        #expect(
            lines("Inputs/areas.yaml", "- code: A02\n  type: london-borough", "- code: A01\n  type: borough") == [
                #"Inputs/areas.yaml:7:9: areas[2].code: "A01" is already declared at Inputs/areas.yaml:1:9; each area is declared once"#,
                #"Inputs/areas.yaml:8:9: areas[2].type: "borough" is not a valid value; expected one of: county, unitary, metropolitan, london-borough"#,
                #"Inputs/cases/C02.yaml:2:7: area: "A02" is not declared in areas.yaml; expected one of: A01"#,
            ])
        #expect(
            lines("Inputs/areas.yaml", "practitioners: 0", "practitioners: -1") == [
                "Inputs/areas.yaml:11:18: areas[2].practitioners: -1 is out of range; expected a whole number from 0 to 1000000"
            ])
        #expect(
            lines("Inputs/areas.yaml", "region: london", "region: midlands") == [
                #"Inputs/areas.yaml:9:11: areas[2].region: "midlands" is not a valid value; expected one of: north-east, north-west, yorkshire-and-the-humber, east-midlands, west-midlands, east-of-england, london, south-east, south-west"#
            ])
    }

    @Test func unusedAreaIsOnlyAWarning() throws {
        var files = TestCohort.yamlFiles
        files["Inputs/areas.yaml"]! +=
            "- {code: A03, type: unitary, region: south-west, family_nurse_partnership: no, practitioners: 1, strategic_partners: 1}\n"
        let result = TestCohort.load(files)
        #expect(result.lines == [#"Inputs/areas.yaml:13:10: warning: areas[3].code: area "A03" is not referred to by any case"#])
        #expect(try #require(result.cohort).areas.map(\.code) == ["A01", "A02", "A03"])
    }

    // MARK: vocabulary.yaml

    @Test func vocabularyLabelsAndCodesAreUnique() {
        #expect(
            lines("Inputs/vocabulary.yaml", "  - Asian\n", "  - Asian\n  - Asian\n") == [
                #"Inputs/vocabulary.yaml:4:5: ethnicities[3]: "Asian" is already declared at Inputs/vocabulary.yaml:3:5; declare each label once"#
            ])
        #expect(
            lines("Inputs/vocabulary.yaml", "code: domestic-abuse", "code: information-sharing") == [
                #"Inputs/cases/C01.yaml:31:31: themes[2]: "domestic-abuse" is not declared in vocabulary.yaml; expected one of: information-sharing"#,
                #"Inputs/vocabulary.yaml:7:11: themes[2].code: "information-sharing" is already declared at Inputs/vocabulary.yaml:5:11; declare each theme once"#,
            ])
    }

    // MARK: The inputs folder

    @Test func missingInputFilesAreErrors() {
        var files = TestCohort.yamlFiles
        files["Inputs/review.yaml"] = nil
        files["Inputs/vocabulary.yaml"] = nil
        files["Inputs/areas.yaml"] = nil
        let result = TestCohort.load(files)
        #expect(result.cohort == nil)
        #expect(
            result.lines == [
                "Inputs/areas.yaml: required file is missing",
                "Inputs/review.yaml: required file is missing",
                "Inputs/vocabulary.yaml: required file is missing",
            ])
    }

    @Test func bothCasesFolderAndSpreadsheetIsAnError() {
        var files = TestCohort.yamlFiles
        files["Inputs/cases.csv"] = TestCohort.csv
        let result = TestCohort.load(files)
        #expect(result.cohort == nil)
        #expect(
            result.lines == [
                "Inputs: both cases/ and cases.csv are present; remove cases.csv to use the YAML case files, or remove the cases/ folder to use the spreadsheet"
            ])
    }

    @Test func noCaseAtAllIsAnError() {
        #expect(
            TestCohort.load(TestCohort.base).lines == [
                "Inputs: no cases found; expected a cases/ folder of .yaml files, a cases.csv file or a cases.xlsx workbook"
            ])
        var files = TestCohort.base
        files["Inputs/cases/README.txt"] = "notes"
        #expect(
            TestCohort.load(files).lines == [
                "Inputs/cases: no case found; add one .yaml file per case",
                "Inputs/cases/README.txt: warning: ignored: not a .yaml or .yml file",
            ])
        var csvOnlyHeader = TestCohort.base
        csvOnlyHeader["Inputs/cases.csv"] = String(TestCohort.csv.split(separator: "\n")[0]) + "\n"
        #expect(
            TestCohort.load(csvOnlyHeader).lines == [
                "Inputs/cases.csv: no case found; add one row per case below the header"
            ])
    }

    @Test func otherFilesWarnHiddenFilesAreSilent() throws {
        var files = TestCohort.yamlFiles
        files["Inputs/cases/notes.txt"] = "x"
        files["Inputs/cases/.DS_Store"] = "\u{0}\u{1}"
        files["Inputs/cases/.hidden/C09.yaml"] = "id: C09"
        let result = TestCohort.load(files)
        #expect(result.lines == ["Inputs/cases/notes.txt: warning: ignored: not a .yaml or .yml file"])
        #expect(try #require(result.cohort).cases.count == 2)
        #expect(result.filesRead == 5)
    }

    @Test func nonUTF8BytesNameTheLineAndOffset() {
        var fs = InMemoryFileSystem(textFiles: TestCohort.yamlFiles)
        fs.files["Inputs/cases/C02.yaml"] = Array("id: C02\narea: A\u{2}\n".utf8).map { $0 == 2 ? 0xFF : $0 }
        let result = CohortLoader.load(inputs: "Inputs", fileSystem: fs)
        #expect(result.cohort == nil)
        #expect(
            result.lines == [
                "Inputs/cases/C02.yaml:2: not valid UTF-8 text: byte 0xFF at byte offset 15; save the file as UTF-8"
            ])
    }

    @Test func pathsKeepTheCallersFolderSpelling() {
        var fs = InMemoryFileSystem(textFiles: [:])
        for (path, text) in TestCohort.yamlFiles { fs.files["data/in/" + path.dropFirst("Inputs/".count)] = Array(text.utf8) }
        fs.files["data/in/cases/C01.yaml"] = nil
        let result = CohortLoader.load(inputs: "data/in/", fileSystem: fs)
        #expect(result.lines == [#"data/in/areas.yaml:1:9: warning: areas[1].code: area "A01" is not referred to by any case"#])
    }

    @Test func everyProblemOfARunIsReportedAtOnce() {
        var files = TestCohort.yamlFiles
        files["Inputs/review.yaml"] = files["Inputs/review.yaml"]!.replacingOccurrences(of: "regions_total: 9", with: "regions_total: nine")
        files["Inputs/cases/C01.yaml"] = files["Inputs/cases/C01.yaml"]!
            .replacingOccurrences(of: "sex: male", with: "sex: boy")
            .replacingOccurrences(of: "murder_charge: none", with: "murder_charge: mother")
        files["Inputs/cases/C02.yaml"] = files["Inputs/cases/C02.yaml"]!
            .replacingOccurrences(of: "id: C02", with: "id: C01")
            .replacingOccurrences(of: "age_months: 0", with: "age_months: 20")
        files["Inputs/cases/C03.yaml"] = "id: [C03\n"
        let result = TestCohort.load(files)
        #expect(result.cohort == nil)
        #expect(result.casesRead == 2)
        #expect(
            result.lines == [
                #"Inputs/cases/C01.yaml:5:8: child.sex: "boy" is not a valid value; expected one of: male, female"#,
                #"Inputs/cases/C01.yaml:29:18: proceedings.murder_charge: "mother" requires harm.outcome to be died, but it is seriously-harmed; use none"#,
                "Inputs/cases/C02.yaml:1:5: id: \"C01\" is already used by Inputs/cases/C01.yaml:1:5; each case needs its own id",
                "Inputs/cases/C02.yaml:7:15: child.age_months: 20 is out of range; expected a whole number from 0 to 11",
                #"Inputs/cases/C03.yaml:1:5: the list opened here with "[" is not closed (libyaml: did not find expected ',' or ']' at line 2, column 1); close it with "]" and separate its items with commas"#,
                #"Inputs/review.yaml:7:16: regions_total: "nine" is not a whole number; expected a whole number from 1 to 9"#,
            ])
    }
}
