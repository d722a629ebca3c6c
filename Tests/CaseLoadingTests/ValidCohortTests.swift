import CaseLoading
import CaseModel
import CaseValidation
import Testing

@Suite struct ValidCohortTests {
    @Test func yamlCohortLoadsWithoutDiagnostics() throws {
        let result = TestCohort.load(TestCohort.yamlFiles)
        #expect(result.lines == [])
        let cohort = try #require(result.cohort)
        #expect(result.filesRead == 5)
        #expect(result.casesRead == 2)
        #expect(cohort.cases.map(\.id) == ["C01", "C02"])
        #expect(cohort.areas.map(\.code) == ["A01", "A02"])
        #expect(cohort.vocabulary.ethnicities == ["White British", "Asian"])
        #expect(cohort.review.period == MonthRange(from: YearMonth(year: 2018, month: 6), to: YearMonth(year: 2020, month: 6)))
        #expect(cohort.review.published == ISODate(year: 2021, month: 9, day: 15))
        #expect(cohort.review.subtitle == "Made up for tests")
    }

    @Test func yamlCaseDecodesEveryField() throws {
        let cohort = try #require(TestCohort.load(TestCohort.yamlFiles).cohort)
        let c01 = cohort.cases[0]
        #expect(
            c01
                == Case(
                    id: "C01", area: "A01", localReview: .lcspr,
                    child: .init(
                        sex: .male, ethnicity: "White British", ageMonths: 3, premature: false, feedingDifficulties: true, weightLoss: false
                    ),
                    harm: .init(
                        outcome: .seriouslyHarmed, injuries: [.headInjury, .fracture], occasions: .repeated, prognosis: .impairmentUnlikely),
                    maleCarer: .init(relationship: .birthFather, criminalConvictions: true, probation: .previous),
                    parents: .init(
                        currentDomesticAbuse: true, historicalDomesticAbuse: false, mentalHealth: true, careLeaver: false, under22: true),
                    agencyInvolvement: .universal,
                    proceedings: .init(criminal: .awaitingDecision, murderCharge: .none, findingsOfFact: .father),
                    themes: ["information-sharing", "domestic-abuse"], summary: "Fictional text.",
                    learning: [LearningPoint(theme: "information-sharing", text: "Fictional learning point.", publishable: false)]))
        let c02 = cohort.cases[1]
        #expect(c02.child.premature && !c02.child.feedingDifficulties && !c02.child.weightLoss)
        #expect(c02.harm.prognosis == nil)
        #expect(c02.themes == [])
        #expect(c02.summary == "Invented, with a comma, and a \"quote\".")
        #expect(cohort.areas[1].familyNursePartnership)
    }

    @Test func csvAndYAMLOfTheSameCohortAreEqual() throws {
        let fromYAML = TestCohort.load(TestCohort.yamlFiles)
        let fromCSV = TestCohort.load(TestCohort.csvFiles)
        #expect(fromYAML.lines == [])
        #expect(fromCSV.lines == [])
        let a = try #require(fromYAML.cohort)
        let b = try #require(fromCSV.cohort)
        #expect(a == b)
        #expect(b.cases[0].learning == [LearningPoint(theme: "information-sharing", text: "Fictional learning point.", publishable: false)])
        #expect(fromCSV.filesRead == 5)
        #expect(fromCSV.casesRead == 2)
    }

    @Test func csvWithoutLearningCSVLoadsWithOneWarningAndNoLearningRecorded() throws {
        var files = TestCohort.csvFiles
        files["Inputs/learning.csv"] = nil
        let result = TestCohort.load(files)
        #expect(
            result.lines == [
                "Inputs/cases.csv: warning: no learning.csv beside it, so the cohort has no learning points and the report will say none are recorded; to add them, put learning.csv (columns case,theme,text,publishable) beside cases.csv"
            ])
        let cohort = try #require(result.cohort)
        #expect(!cohort.learningRecorded)
        #expect(cohort.cases.allSatisfy { $0.learning.isEmpty })
        #expect(try #require(TestCohort.load(TestCohort.yamlFiles).cohort).learningRecorded)
        #expect(try #require(TestCohort.load(TestCohort.csvFiles).cohort).learningRecorded)
    }

    @Test func csvColumnsMayComeInAnyOrderWithCRLFAndABOM() throws {
        let rows = TestCohort.csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        // Reverse the first 25 columns (the cells of those have no quoted commas).
        let reordered = rows.map { cells -> String in
            let head = Array(cells.prefix(25)).reversed()
            return (head + cells.dropFirst(25)).joined(separator: ",")
        }
        var files = TestCohort.csvFiles
        files["Inputs/cases.csv"] = "\u{FEFF}" + reordered.joined(separator: "\r\n") + "\r\n"
        let result = TestCohort.load(files)
        #expect(result.lines == [])
        let expected = try #require(TestCohort.load(TestCohort.csvFiles).cohort)
        #expect(result.cohort == expected)
    }

    @Test func crlfYAMLFilesAreRead() throws {
        var files = TestCohort.yamlFiles
        for (path, text) in files { files[path] = text.replacingOccurrences(of: "\n", with: "\r\n") }
        let result = TestCohort.load(files)
        #expect(result.lines == [])
        #expect(result.cohort == TestCohort.load(TestCohort.yamlFiles).cohort)
    }

    @Test func casesAreOrderedByFileName() throws {
        var files = TestCohort.yamlFiles
        files["Inputs/cases/a-first.yml"] = TestCohort.c02.replacingOccurrences(of: "id: C02", with: "id: Z9")
        let cohort = try #require(TestCohort.load(files).cohort)
        #expect(cohort.cases.map(\.id) == ["C01", "C02", "Z9"])
    }

    @Test func aliasesWithinBoundsAreAllowed() throws {
        var files = TestCohort.yamlFiles(
            "Inputs/cases/C01.yaml",
            replacing: "  ethnicity: White British\n", with: "  ethnicity: &eth White British\n")
        files["Inputs/cases/C01.yaml"] = files["Inputs/cases/C01.yaml"]!
            .replacingOccurrences(of: "summary: |\n  Fictional text.\n", with: "summary: *eth\n")
        let result = TestCohort.load(files)
        #expect(result.lines == [])
        #expect(result.cohort?.cases[0].summary == "White British")
    }

    @Test func learningDefaultsToUnpublishable() throws {
        let files = TestCohort.yamlFiles("Inputs/cases/C01.yaml", replacing: "    publishable: false\n", with: "")
        let cohort = try #require(TestCohort.load(files).cohort)
        #expect(
            cohort.cases[0].learning == [LearningPoint(theme: "information-sharing", text: "Fictional learning point.", publishable: false)]
        )
    }
}
