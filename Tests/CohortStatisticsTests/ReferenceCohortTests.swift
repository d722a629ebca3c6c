import CaseModel
import Testing

@testable import CohortStatistics

/// The fictional cohort in `Inputs/` reproduces every count the reference text
/// publishes, computed by this module. Each row names the paragraph it comes from
/// ("Fieldwork" = background chapter, "Headline" = headline data, "Findings",
/// "Themes", "Additional" = additional features).
@Suite struct ReferenceCohortTests {
    static let stats: CohortStatistics = {
        guard let cohort = ReferenceCohort.yaml.cohort else {
            fatalError("Inputs/ does not load: \(ReferenceCohort.yaml.diagnostics.map(\.description))")
        }
        return CohortStatistics(cohort)
    }()

    struct Row: CustomTestStringConvertible, Sendable {
        let source: String
        let what: String
        let expected: Int
        let actual: @Sendable (CohortStatistics) -> Int
        var testDescription: String { "\(source): \(what) = \(expected)" }
    }

    static let rows: [Row] = [
        Row(source: "Fieldwork 4", what: "initial shortlist", expected: 74) { $0.cohort.initialShortlist },
        Row(source: "Fieldwork 4", what: "cases in the final cohort", expected: 23) { $0.cohort.cases },
        Row(source: "Fieldwork 4", what: "local authority areas", expected: 19) { $0.areas.areas },
        Row(source: "Fieldwork 4", what: "area types represented", expected: 4) {
            $0.areas.areaTypes.categories.filter { $0.count > 0 }.count
        },
        Row(source: "Fieldwork 4", what: "regions covered", expected: 8) { $0.areas.regionsCovered.count },
        Row(source: "Fieldwork 4", what: "regions in all", expected: 9) { $0.areas.regionsCovered.total },
        Row(source: "Fieldwork 7", what: "practitioners met", expected: 171) { $0.areas.practitioners },
        Row(source: "Fieldwork 8", what: "strategic partners met", expected: 151) { $0.areas.strategicPartners },
        Row(source: "Fieldwork 10", what: "SCRs/LCSPRs undertaken", expected: 13) { $0.cohort.withLocalReview.count },
        Row(source: "Fieldwork 11", what: "family members who spoke to reviewers", expected: 2) { $0.cohort.familyContributions },
        Row(source: "Findings 3", what: "areas with a Family Nurse Partnership", expected: 4) { $0.areas.familyNursePartnership.count },
        Row(source: "Headline 1", what: "babies who died", expected: 4) { $0.harm.outcome[Outcome.died].count },
        Row(source: "Headline 1", what: "babies seriously harmed", expected: 19) { $0.harm.outcome[Outcome.seriouslyHarmed].count },
        Row(source: "Headline 1", what: "died with head injuries", expected: 4) { $0.harm.died.injuries["head-injury"].count },
        Row(source: "Headline 1", what: "died with additional fractures", expected: 3) {
            $0.harm.died.injuryProfiles["head-injury-with-fractures"].count
        },
        Row(source: "Headline 1", what: "deaths from a one-off incident", expected: 1) { $0.harm.died.occasions[Occasions.single].count },
        Row(source: "Headline 1", what: "deaths with injuries on more than one occasion", expected: 3) {
            $0.harm.died.occasions[Occasions.repeated].count
        },
        Row(source: "Headline 2", what: "harmed: head injury with fractures", expected: 5) {
            $0.harm.seriouslyHarmed.injuryProfiles["head-injury-with-fractures"].count
        },
        Row(source: "Headline 2", what: "harmed: head injury only", expected: 3) {
            $0.harm.seriouslyHarmed.injuryProfiles["head-injury-only"].count
        },
        Row(source: "Headline 2", what: "harmed: fractures and bruising", expected: 3) {
            $0.harm.seriouslyHarmed.injuryProfiles["fractures-with-bruising"].count
        },
        Row(source: "Headline 2", what: "harmed: fractures only", expected: 6) {
            $0.harm.seriouslyHarmed.injuryProfiles["fractures-only"].count
        },
        Row(source: "Headline 2", what: "harmed: ruptured frenulum", expected: 2) {
            $0.harm.seriouslyHarmed.injuryProfiles["ruptured-frenulum"].count
        },
        Row(source: "Headline 3", what: "harmed in a one-off incident", expected: 5) {
            $0.harm.seriouslyHarmed.occasions[Occasions.single].count
        },
        Row(source: "Headline 3", what: "harmed on more than one occasion", expected: 10) {
            $0.harm.seriouslyHarmed.occasions[Occasions.repeated].count
        },
        Row(source: "Headline 3", what: "harmed, occasions not known", expected: 4) {
            $0.harm.seriouslyHarmed.occasions[Occasions.unknown].count
        },
        Row(source: "Headline 4", what: "long-term impairment likely", expected: 5) {
            $0.harm.seriouslyHarmed.prognosis[Prognosis.impairmentLikely].count
        },
        Row(source: "Headline 4", what: "long-term impairment unlikely", expected: 9) {
            $0.harm.seriouslyHarmed.prognosis[Prognosis.impairmentUnlikely].count
        },
        Row(source: "Headline 4", what: "prognosis not known", expected: 5) { $0.harm.seriouslyHarmed.prognosis[Prognosis.unknown].count },
        Row(source: "Headline 5", what: "birth fathers", expected: 22) { $0.maleCarer.relationship[Relationship.birthFather].count },
        Row(source: "Headline 5", what: "mothers' partners", expected: 1) { $0.maleCarer.relationship[Relationship.mothersPartner].count },
        Row(source: "Headline 6", what: "boys", expected: 15) { $0.child.sex[Sex.male].count },
        Row(source: "Headline 6", what: "girls", expected: 8) { $0.child.sex[Sex.female].count },
        Row(source: "Headline 7", what: "White British", expected: 18) { $0.child.ethnicity["White British"].count },
        Row(source: "Headline 7", what: "White British/White European", expected: 2) {
            $0.child.ethnicity["White British/White European"].count
        },
        Row(source: "Headline 7", what: "Asian", expected: 1) { $0.child.ethnicity["Asian"].count },
        Row(source: "Headline 7", what: "Asian/Black Caribbean", expected: 1) { $0.child.ethnicity["Asian/Black Caribbean"].count },
        Row(source: "Headline 7", what: "White British/Black Caribbean", expected: 1) {
            $0.child.ethnicity["White British/Black Caribbean"].count
        },
        Row(source: "Headline 8", what: "injured at 3 months", expected: 9) { $0.child.ageMonths["3"].count },
        Row(source: "Headline 8", what: "the modal age is 3 months (and only 3)", expected: 3) { $0.child.modalAgeMonths == [3] ? 3 : -1 },
        Row(source: "Headline 9", what: "known only to universal services", expected: 14) {
            $0.agencyInvolvement[AgencyInvolvement.universal].count
        },
        Row(source: "Headline 9", what: "known to early help", expected: 3) { $0.agencyInvolvement[AgencyInvolvement.earlyHelp].count },
        Row(source: "Headline 9", what: "child in need plan", expected: 2) { $0.agencyInvolvement[AgencyInvolvement.childInNeed].count },
        Row(source: "Headline 9", what: "child protection plan", expected: 4) {
            $0.agencyInvolvement[AgencyInvolvement.childProtection].count
        },
        Row(source: "Headline 10", what: "father convicted", expected: 4) {
            $0.proceedings.criminal[CriminalProceedings.fatherConvicted].count
        },
        Row(source: "Headline 10", what: "trials ongoing", expected: 4) { $0.proceedings.criminal[CriminalProceedings.trialOngoing].count },
        Row(source: "Headline 10", what: "ongoing trials with both parents charged with murder", expected: 3) {
            $0.proceedings.murderChargeInOngoingTrials[MurderCharge.bothParents].count
        },
        Row(source: "Headline 10", what: "awaiting a decision", expected: 8) {
            $0.proceedings.criminal[CriminalProceedings.awaitingDecision].count
        },
        Row(source: "Headline 10", what: "no charges", expected: 7) { $0.proceedings.criminal[CriminalProceedings.noCharges].count },
        Row(source: "Headline 11", what: "findings of fact against the father", expected: 5) {
            $0.proceedings.findingsOfFact[FindingsOfFact.father].count
        },
        Row(source: "Headline 11", what: "findings of fact against both parents", expected: 4) {
            $0.proceedings.findingsOfFact[FindingsOfFact.bothParents].count
        },
        Row(source: "Headline 12", what: "current domestic abuse", expected: 10) { $0.parents["current-domestic-abuse"].count },
        Row(source: "Headline 12", what: "historical domestic abuse", expected: 10) { $0.parents["historical-domestic-abuse"].count },
        Row(source: "Headline 13", what: "parental mental health", expected: 19) { $0.parents["mental-health"].count },
        Row(source: "Headline 14", what: "care leavers", expected: 4) { $0.parents["care-leaver"].count },
        Row(source: "Headline 15", what: "a parent under 22", expected: 9) { $0.parents["under-22"].count },
        Row(source: "Findings 3", what: "young families as a whole percent of the cohort", expected: 39) {
            $0.parents["under-22"].share.wholePercent
        },
        Row(source: "Headline 16", what: "fathers with criminal convictions", expected: 9) { $0.maleCarer.criminalConvictions.count },
        Row(source: "Themes 27", what: "fathers open to probation", expected: 3) { $0.maleCarer.probation[Probation.current].count },
        Row(source: "Themes 27", what: "fathers previously known to probation", expected: 5) {
            $0.maleCarer.probation[Probation.previous].count
        },
        Row(source: "Additional 31", what: "premature babies", expected: 2) { $0.child.premature.count },
    ]

    @Test(arguments: rows)
    func reproducesThePublishedCount(_ row: Row) {
        #expect(row.actual(Self.stats) == row.expected, "\(row.source): \(row.what)")
    }

    @Test func theCohortLoadsWithoutWarningsOrErrors() {
        #expect(ReferenceCohort.yaml.diagnostics.map(\.description) == [])
        #expect(ReferenceCohort.yaml.cohort?.cases.count == 23)
    }

    @Test func itsCSVExportLoadsToTheSameCohort() throws {
        #expect(ReferenceCohort.csv.diagnostics.map(\.description) == [])
        let fromYAML = try #require(ReferenceCohort.yaml.cohort)
        let fromCSV = try #require(ReferenceCohort.csv.cohort)
        // learning.csv carries the learning points: everything is equal, case by case.
        #expect(fromCSV.cases.map(\.id) == fromYAML.cases.map(\.id))
        for (a, b) in zip(fromYAML.cases, fromCSV.cases) { #expect(a == b, "case \(a.id)") }
        #expect(fromCSV.cases.flatMap(\.learning).count > 20)
        #expect(fromYAML == fromCSV)
    }

    @Test func singleChoiceTalliesAddUpToTheCohort() {
        let s = Self.stats
        for tally in [
            s.harm.outcome, s.child.sex, s.child.ethnicity, s.child.ageMonths, s.agencyInvolvement,
            s.proceedings.criminal, s.proceedings.findingsOfFact, s.maleCarer.relationship,
        ] {
            #expect(tally.countedSum == 23)
        }
    }
}
