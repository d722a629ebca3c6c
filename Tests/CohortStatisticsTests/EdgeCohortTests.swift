import CaseModel
import Foundation
import Testing

@testable import CohortStatistics

/// Small hand-built cohorts for the edges the reference cohort does not reach.
@Suite struct EdgeCohortTests {
    @Test func oneCase() {
        let s = CohortStatistics(Factory.cohort([Factory.case("X1")]))
        #expect(s.cohort.cases == 1)
        #expect(s.harm.outcome[Outcome.seriouslyHarmed].share == Share(1, of: 1))
        #expect(s.harm.outcome[Outcome.died].count == 0)
        #expect(s.child.modalAgeMonths == [3])
        #expect(s.child.modalAgeCount == 1)
        #expect(s.child.ageMonths.categories.count == 12)
        #expect(s.harm.seriouslyHarmed.injuryProfiles["fractures-only"].caseIDs == ["X1"])
        #expect(s.areas.areas == 1)
        #expect(s.areas.regionsCovered == Share(1, of: 9))
    }

    @Test func allDiedHaveNoPrognosisAtAll() {
        let cases = (1...3).map { i in
            Factory.case("D\(i)") {
                $0.harm = .init(outcome: .died, injuries: [.headInjury], occasions: .repeated, prognosis: nil)
            }
        }
        let s = CohortStatistics(Factory.cohort(cases))
        #expect(s.harm.died.cases == 3)
        #expect(s.harm.died.prognosis.total == 0)
        #expect(s.harm.died.prognosis.categories.allSatisfy { $0.count == 0 && $0.share.wholePercent == 0 })
        #expect(s.harm.seriouslyHarmed.cases == 0)
        #expect(s.harm.seriouslyHarmed.occasions.countedSum == 0)
        #expect(s.harm.died.injuries[Injury.headInjury.rawValue].share == Share(3, of: 3))
        #expect(s.dataQuality.unknownPrognosis.isEmpty)
    }

    @Test func categoriesWithNoCasesAreKeptAsZeros() {
        let s = CohortStatistics(Factory.cohort([Factory.case("A"), Factory.case("B")]))
        #expect(s.agencyInvolvement.categories.map(\.key) == ["universal", "early-help", "child-in-need", "child-protection"])
        #expect(s.agencyInvolvement[AgencyInvolvement.childProtection].count == 0)
        #expect(s.proceedings.criminal.categories.count == CriminalProceedings.allCases.count)
        #expect(s.child.ethnicity["Asian"].count == 0)
        #expect(s.child.sex[Sex.female].count == 0)
        #expect(s.child.boysPerGirl == Share(2, of: 0))
    }

    @Test func ethnicityOrderedByCountThenLabel() {
        let s = CohortStatistics(
            Factory.cohort([
                Factory.case("1") { $0.child.ethnicity = "Mixed" },
                Factory.case("2") { $0.child.ethnicity = "Asian" },
                Factory.case("3") { $0.child.ethnicity = "White British" },
                Factory.case("4") { $0.child.ethnicity = "White British" },
            ]))
        // White British has 2; Asian and Mixed tie on 1 and go alphabetically.
        #expect(s.child.ethnicity.categories.map(\.key) == ["White British", "Asian", "Mixed"])
        #expect(s.child.ethnicity.categories.map(\.count) == [2, 1, 1])
    }

    @Test func tiedModalAgesAreAllReported() {
        let s = CohortStatistics(
            Factory.cohort([
                Factory.case("1") { $0.child.ageMonths = 5 },
                Factory.case("2") { $0.child.ageMonths = 1 },
                Factory.case("3") { $0.child.ageMonths = 0 },
            ]))
        #expect(s.child.modalAgeMonths == [0, 1, 5])
        #expect(s.child.modalAgeCount == 1)
        #expect(s.child.ageMonths["1"].label == "1 month")
        #expect(s.child.ageMonths["0"].label == "0 months")
    }

    @Test func themesNoCaseUsesCountZero() {
        let s = CohortStatistics(
            Factory.cohort([
                Factory.case("1") { $0.themes = ["alpha", "beta"] },
                Factory.case("2") { $0.themes = ["alpha"] },
                Factory.case("3"),
            ]))
        #expect(s.themes.cases.categories.map(\.count) == [2, 1, 0])
        #expect(s.themes.cases["alpha"].share == Share(2, of: 3))
        #expect(
            s.themes.coOccurrence.map { "\($0.first)+\($0.second)=\($0.cases.count)" }
                == ["alpha+beta=1", "alpha+gamma=0", "beta+gamma=0"])
        #expect(s.themes.byAgencyInvolvement[2].cases.total == 0)
        #expect(s.dataQuality.withoutThemes == ["3"])
    }

    @Test func injuryProfilesNameUnusualCombinationsByTheirParts() {
        let s = CohortStatistics(
            Factory.cohort([
                Factory.case("1") { $0.harm.injuries = [.bruising, .headInjury] },
                Factory.case("2") { $0.harm.injuries = [.fracture, .headInjury] },
                Factory.case("3") { $0.harm.injuries = [.bruising] },
            ]))
        let keys = s.harm.injuryProfiles.categories.map(\.key)
        #expect(
            keys == [
                "head-injury-with-fractures", "head-injury-only", "fractures-with-bruising", "fractures-only",
                "ruptured-frenulum", "bruising", "head-injury+bruising",
            ])
        #expect(s.harm.injuryProfiles["head-injury+bruising"].label == "Head injury, bruising")
        #expect(s.harm.injuryProfiles["head-injury-with-fractures"].caseIDs == ["2"])
    }

    @Test func learningIsGroupedByThemeAndSplitByPublishability() {
        let s = CohortStatistics(
            Factory.cohort([
                Factory.case("1") {
                    $0.learning = [
                        LearningPoint(theme: "beta", text: "B1", publishable: true),
                        LearningPoint(theme: "alpha", text: "A-secret", publishable: false),
                    ]
                },
                Factory.case("2") {
                    $0.learning = [
                        LearningPoint(theme: "alpha", text: "A2", publishable: true),
                        LearningPoint(theme: "beta", text: "B2", publishable: true),
                    ]
                },
            ]))
        #expect(s.themes.publishableLearning.map(\.theme) == ["alpha", "beta"])
        #expect(s.themes.publishableLearning[1].points.map(\.text) == ["B1", "B2"])
        #expect(s.themes.unpublishedLearning.flatMap(\.points).map(\.text) == ["A-secret"])
    }

    @Test func areasAreCountedOnlyWhenACaseUsesThem() {
        let areas = [
            Factory.area("A01", region: .london, fnp: true, practitioners: 5, partners: 2),
            Factory.area("A02", region: .northEast, type: .county, practitioners: 7, partners: 3),
            Factory.area("A03", region: .southWest, fnp: true, practitioners: 100, partners: 100),
        ]
        let s = CohortStatistics(
            Factory.cohort(
                [Factory.case("1"), Factory.case("2", area: "A02"), Factory.case("3")],
                areas: areas))
        #expect(s.areas.areas == 2)
        #expect(s.areas.practitioners == 12)
        #expect(s.areas.strategicPartners == 5)
        #expect(s.areas.familyNursePartnership == Share(1, of: 2))
        #expect(s.areas.regionsCovered == Share(2, of: 9))
        #expect(s.areas.areaTypes[AreaType.county].count == 1)
        #expect(s.areas.unusedAreaCodes == ["A03"])
    }
}
