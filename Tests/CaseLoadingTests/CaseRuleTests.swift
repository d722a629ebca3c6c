import CaseLoading
import CaseValidation
import Testing

/// Every rule for a single YAML case, each asserting the exact diagnostic printed.
@Suite struct CaseRuleTests {
    private let c01 = "Inputs/cases/C01.yaml"
    private let c02 = "Inputs/cases/C02.yaml"

    private func problems(_ path: String, _ old: String, _ new: String) -> [String] {
        let result = TestCohort.load(TestCohort.yamlFiles(path, replacing: old, with: new))
        if result.diagnostics.containsErrors { #expect(result.cohort == nil) }
        return result.lines
    }

    @Test func valueOutsideItsCodes() {
        #expect(
            problems(c01, "outcome: seriously-harmed", "outcome: injured") == [
                #"Inputs/cases/C01.yaml:12:12: harm.outcome: "injured" is not a valid value; expected one of: died, seriously-harmed"#
            ])
    }

    @Test func unknownKeyNamesTheValidKeys() {
        #expect(
            problems(c01, "  sex: male", "  gender: male") == [
                #"Inputs/cases/C01.yaml:5:3: child.gender: unknown key "gender"; valid keys here: sex, ethnicity, age_months, premature, feeding_difficulties, weight_loss"#,
                "Inputs/cases/C01.yaml:5:3: child.sex: required field is missing; expected one of: male, female",
            ])
    }

    @Test func missingRequiredKey() {
        #expect(
            problems(c01, "agency_involvement: universal\n", "") == [
                "Inputs/cases/C01.yaml:1:1: agency_involvement: required field is missing; expected one of: universal, early-help, child-in-need, child-protection"
            ])
    }

    @Test func keyWithNoValueIsMissing() {
        #expect(
            problems(c01, "  ethnicity: White British", "  ethnicity:") == [
                "Inputs/cases/C01.yaml:6:3: child.ethnicity: required field is missing"
            ])
    }

    @Test func wrongTypes() {
        #expect(
            problems(c01, "injuries: [head-injury, fracture]", "injuries: {head: yes}") == [
                "Inputs/cases/C01.yaml:13:13: harm.injuries: expected a list of injuries; found a mapping of fields"
            ])
        #expect(
            problems(c01, "premature: false", "premature: [false]") == [
                "Inputs/cases/C01.yaml:8:14: child.premature: expected one of: true, false, yes, no; found a list"
            ])
        #expect(
            problems(c02, "  current_domestic_abuse: false\n", "  current_domestic_abuse: maybe\n") == [
                #"Inputs/cases/C02.yaml:21:27: parents.current_domestic_abuse: "maybe" is not a valid value; expected one of: true, false, yes, no"#
            ])
        #expect(
            problems(
                c01, "male_carer:\n  relationship: birth-father\n  criminal_convictions: true\n  probation: previous\n",
                "male_carer: birth-father\n") == [
                    #"Inputs/cases/C01.yaml:16:13: male_carer: expected a mapping with the keys: relationship, criminal_convictions, probation; found the value "birth-father""#
                ])
    }

    @Test func ageInMonthsIsAWholeNumberFrom0To11() {
        #expect(
            problems(c01, "age_months: 3", "age_months: 12") == [
                "Inputs/cases/C01.yaml:7:15: child.age_months: 12 is out of range; expected a whole number from 0 to 11"
            ])
        #expect(
            problems(c01, "age_months: 3", "age_months: -1") == [
                "Inputs/cases/C01.yaml:7:15: child.age_months: -1 is out of range; expected a whole number from 0 to 11"
            ])
        #expect(
            problems(c01, "age_months: 3", "age_months: three") == [
                #"Inputs/cases/C01.yaml:7:15: child.age_months: "three" is not a whole number; expected a whole number from 0 to 11"#
            ])
    }

    @Test func idPattern() {
        #expect(
            problems(c01, "id: C01", "id: C 01") == [
                #"Inputs/cases/C01.yaml:1:5: id: "C 01" is not a valid id; use 1 to 32 letters, digits, '-' or '_'"#
            ])
        let long = String(repeating: "x", count: 33)
        #expect(
            problems(c01, "id: C01", "id: \(long)") == [
                "Inputs/cases/C01.yaml:1:5: id: \"\(long)\" is not a valid id; use 1 to 32 letters, digits, '-' or '_'"
            ])
        let result = TestCohort.load(TestCohort.yamlFiles(c01, replacing: "id: C01", with: "id: \(String(repeating: "a", count: 32))"))
        #expect(result.lines == [])
        // Letters are ASCII letters: a letter with an accent, or the character just past Z or z, is not one.
        for id in ["Ç01", "C[01", "C{01", "C@01", "C01/"] {
            #expect(
                problems(c01, "id: C01", "id: \"\(id)\"") == [
                    "Inputs/cases/C01.yaml:1:5: id: \"\(id)\" is not a valid id; use 1 to 32 letters, digits, '-' or '_'"
                ])
        }
        #expect(TestCohort.load(TestCohort.yamlFiles(c01, replacing: "id: C01", with: "id: az-AZ_09")).lines == [])
    }

    @Test func idIsUniqueAcrossTheCohortNamingBothFiles() {
        #expect(
            problems(c02, "id: C02", "id: C01") == [
                "Inputs/cases/C02.yaml:1:5: id: \"C01\" is already used by Inputs/cases/C01.yaml:1:5; each case needs its own id"
            ])
    }

    @Test func areaMustBeDeclared() {
        #expect(
            problems(c01, "area: A01", "area: A99") == [
                #"Inputs/areas.yaml:1:9: warning: areas[1].code: area "A01" is not referred to by any case"#,
                #"Inputs/cases/C01.yaml:2:7: area: "A99" is not declared in areas.yaml; expected one of: A01, A02"#,
            ])
    }

    @Test func ethnicityMustBeDeclared() {
        #expect(
            problems(c01, "ethnicity: White British", "ethnicity: White") == [
                #"Inputs/cases/C01.yaml:6:14: child.ethnicity: "White" is not declared in vocabulary.yaml; expected one of: White British, Asian"#
            ])
    }

    @Test func themesMustBeDeclaredAndListedOnce() {
        #expect(
            problems(c01, "themes: [information-sharing, domestic-abuse]", "themes: [information-sharing, housing]") == [
                #"Inputs/cases/C01.yaml:31:31: themes[2]: "housing" is not declared in vocabulary.yaml; expected one of: information-sharing, domestic-abuse"#
            ])
        #expect(
            problems(c01, "themes: [information-sharing, domestic-abuse]", "themes: [domestic-abuse, domestic-abuse]") == [
                #"Inputs/cases/C01.yaml:31:26: themes[2]: "domestic-abuse" is listed more than once; list each theme once"#
            ])
    }

    @Test func themesMayBeEmptyOrAbsent() throws {
        let result = TestCohort.load(TestCohort.yamlFiles(c02, replacing: "themes: []\n", with: ""))
        #expect(result.lines == [])
        #expect(try #require(result.cohort).cases[1].themes == [])
    }

    @Test func learningThemeMustBeDeclared() {
        #expect(
            problems(c01, "  - theme: information-sharing", "  - theme: housing") == [
                #"Inputs/cases/C01.yaml:35:12: learning[1].theme: "housing" is not declared in vocabulary.yaml; expected one of: information-sharing, domestic-abuse"#
            ])
    }

    @Test func learningNeedNotBeOneOfTheCaseThemes() {
        let result = TestCohort.load(
            TestCohort.yamlFiles(c01, replacing: "themes: [information-sharing, domestic-abuse]", with: "themes: [domestic-abuse]"))
        #expect(result.lines == [])
    }

    @Test func learningPointKeys() {
        #expect(
            problems(c01, "    publishable: false", "    publishable: maybe\n    author: X")
                == [
                    #"Inputs/cases/C01.yaml:37:18: learning[1].publishable: "maybe" is not a valid value; expected one of: true, false, yes, no"#,
                    #"Inputs/cases/C01.yaml:38:5: learning[1].author: unknown key "author"; valid keys here: theme, text, publishable"#,
                ].sorted { _, _ in false })
    }

    @Test func injuriesAreNotEmptyAndNotRepeated() {
        #expect(
            problems(c01, "injuries: [head-injury, fracture]", "injuries: []") == [
                "Inputs/cases/C01.yaml:13:13: harm.injuries: is empty; expected at least one of: head-injury, fracture, bruising, ruptured-frenulum"
            ])
        #expect(
            problems(c01, "injuries: [head-injury, fracture]", "injuries: [head-injury, fracture, head-injury]") == [
                #"Inputs/cases/C01.yaml:13:37: harm.injuries[3]: "head-injury" is listed more than once; list each injury once"#
            ])
        #expect(
            problems(c01, "injuries: [head-injury, fracture]", "injuries: [head-injury, burns]") == [
                #"Inputs/cases/C01.yaml:13:27: harm.injuries[2]: "burns" is not a valid value; expected one of: head-injury, fracture, bruising, ruptured-frenulum"#
            ])
    }

    @Test func prognosisRequiredWhenSeriouslyHarmed() {
        #expect(
            problems(c01, "  prognosis: impairment-unlikely\n", "") == [
                "Inputs/cases/C01.yaml:12:3: harm.prognosis: required when harm.outcome is seriously-harmed; expected one of: impairment-likely, impairment-unlikely, unknown"
            ])
    }

    @Test func prognosisAbsentWhenDied() {
        #expect(
            problems(c02, "  occasions: single\n", "  occasions: single\n  prognosis: unknown\n") == [
                #"Inputs/cases/C02.yaml:16:14: harm.prognosis: must be absent when harm.outcome is died (found "unknown"); remove it"#
            ])
    }

    @Test func murderChargeRequiresDeath() {
        #expect(
            problems(c01, "murder_charge: none", "murder_charge: father") == [
                #"Inputs/cases/C01.yaml:29:18: proceedings.murder_charge: "father" requires harm.outcome to be died, but it is seriously-harmed; use none"#
            ])
    }

    @Test func probationRequiresConvictions() {
        #expect(
            problems(c01, "criminal_convictions: true", "criminal_convictions: false") == [
                #"Inputs/cases/C01.yaml:19:14: male_carer.probation: "previous" requires male_carer.criminal_convictions to be true, but it is false; use none, or correct criminal_convictions"#
            ])
    }

    @Test func controlCharactersInText() {
        #expect(
            problems(c01, "summary: |\n  Fictional text.", #"summary: "Fictional\a text.""#) == [
                "Inputs/cases/C01.yaml:32:10: summary: contains a control character (U+0007) at character 10; only tab and line breaks are allowed"
            ])
        // DEL and the C1 controls, just past printable ASCII, are controls too (escaped in YAML: libyaml refuses them raw).
        #expect(
            problems(c01, "summary: |\n  Fictional text.", #"summary: "Fictional\x7F text.""#) == [
                "Inputs/cases/C01.yaml:32:10: summary: contains a control character (U+007F) at character 10; only tab and line breaks are allowed"
            ])
        #expect(
            problems(c01, "  Fictional text.", "  Fictional\u{7} text.") == [
                "Inputs/cases/C01.yaml:33: contains a control character (U+0007) at byte offset 711; only tab and line breaks are allowed"
            ])
        let tabbed = TestCohort.load(TestCohort.yamlFiles(c01, replacing: "  Fictional text.", with: "  Fictional\ttext.\n  Second line."))
        #expect(tabbed.lines == [])
        #expect(tabbed.cohort?.cases[0].summary == "Fictional\ttext.\nSecond line.")
    }

    @Test func booleansInAnyLetterCase() throws {
        let result = TestCohort.load(TestCohort.yamlFiles(c01, replacing: "premature: false", with: "premature: YES"))
        #expect(result.lines == [])
        #expect(try #require(result.cohort).cases[0].child.premature)
    }

    @Test func duplicateKeyInYAML() {
        #expect(
            problems(c01, "  sex: male\n", "  sex: male\n  sex: female\n") == [
                #"Inputs/cases/C01.yaml:6:3: key "sex" appears twice in the same mapping (first on line 5); keep one"#
            ])
    }

    @Test func malformedYAMLNamesItsLine() {
        #expect(
            problems(c01, "  occasions: repeated", "  occasions: [repeated") == [
                // Where the "[" was opened, not where libyaml gave up looking for its "]".
                #"Inputs/cases/C01.yaml:14:14: the list opened here with "[" is not closed (libyaml: did not find expected ',' or ']' at line 15, column 12); close it with "]" and separate its items with commas"#
            ])
    }

    @Test func moreThanOneDocument() {
        #expect(
            problems(c01, "id: C01\n", "id: C01\n---\nid: C09\n") == [
                #"Inputs/cases/C01.yaml:2:1: the file holds more than one YAML document (a second "---"); keep one document per file"#
            ])
    }

    @Test func emptyCaseFile() {
        var files = TestCohort.yamlFiles
        files["Inputs/cases/C03.yaml"] = "# nothing yet\n"
        #expect(
            TestCohort.load(files).lines == [
                "Inputs/cases/C03.yaml:1:1: the file is empty; expected a mapping with the keys: id, area, local_review, child, harm, male_carer, parents, agency_involvement, proceedings, themes, summary, learning"
            ])
    }

    @Test func caseThatIsAListNotAMapping() {
        var files = TestCohort.yamlFiles
        files["Inputs/cases/C03.yaml"] = "- id: C03\n"
        #expect(
            TestCohort.load(files).lines == [
                "Inputs/cases/C03.yaml:1:1: expected a mapping with the keys: id, area, local_review, child, harm, male_carer, parents, agency_involvement, proceedings, themes, summary, learning; found a list"
            ])
    }
}
