import CohortStatistics

// The statistics' own types, named apart from the export's (the module and its
// main type share a name, so `CohortStatistics.Tally` cannot be written).
private typealias StatisticsCategory = Category
private typealias StatisticsTally = Tally
private typealias StatisticsOutcomeDetail = OutcomeDetail

/// What `data/statistics.json` publishes of the statistics: written out field by
/// field, so that nothing reaches the file unless it is named here.
///
/// The statistics hold the case ids behind every count (for reviewers' drafts);
/// this type has no place for them. A new statistic is published only when it is
/// added here, so a field holding case ids cannot be exported by default.
struct StatisticsExport: Encodable {
    struct Category: Encodable {
        let key: String
        let label: String
        let share: Share
        fileprivate init(_ c: StatisticsCategory) { (key, label, share) = (c.key, c.label, c.share) }
    }

    struct Tally: Encodable {
        let total: Int
        let categories: [Category]
        fileprivate init(_ t: StatisticsTally) { (total, categories) = (t.total, t.categories.map(Category.init)) }
    }

    struct Cohort: Encodable {
        let cases, initialShortlist, familyContributions: Int
        let localReviews: Tally
        let withLocalReview: Share
    }

    struct Areas: Encodable {
        let areas: Int
        let regionsCovered: Share
        let regions, areaTypes: Tally
        let familyNursePartnership: Share
        let practitioners, strategicPartners: Int
    }

    struct Child: Encodable {
        let sex, ethnicity, ageMonths: Tally
        let modalAgeMonths: [Int]
        let modalAgeCount: Int
        let premature, feedingDifficulties, weightLoss, boysPerGirl: Share
    }

    struct MaleCarer: Encodable {
        let relationship: Tally
        let criminalConvictions: Share
        let probation: Tally
    }

    struct OutcomeDetail: Encodable {
        let cases: Int
        let injuries, injuryProfiles, occasions, prognosis: Tally
        fileprivate init(_ d: StatisticsOutcomeDetail) {
            cases = d.cases
            (injuries, injuryProfiles, occasions, prognosis) = (Tally(d.injuries), Tally(d.injuryProfiles), Tally(d.occasions), Tally(d.prognosis))
        }
    }

    struct Harm: Encodable {
        let outcome: Tally
        let died, seriouslyHarmed: OutcomeDetail
        let injuryProfiles: Tally
    }

    struct Proceedings: Encodable {
        let criminal, murderCharge, murderChargeInOngoingTrials, findingsOfFact: Tally
    }

    struct Themes: Encodable {
        struct Pair: Encodable { let first, second: String; let cases: Category }
        struct ByAgency: Encodable { let theme: String; let cases: Tally }
        /// Publishable learning only, without the case it came from.
        struct Learning: Encodable {
            struct Point: Encodable { let text: String }
            let theme, title: String
            let points: [Point]
        }
        let cases: Tally
        let coOccurrence: [Pair]
        let byAgencyInvolvement: [ByAgency]
        let publishableLearning: [Learning]
    }

    /// Counts only: the draft lists the cases.
    struct DataQuality: Encodable {
        let unknownPrognosis, unknownOccasions, withoutThemes: Int
    }

    let cohort: Cohort
    let areas: Areas
    let harm: Harm
    let child: Child
    let maleCarer: MaleCarer
    let parents: Tally
    let agencyInvolvement: Tally
    let proceedings: Proceedings
    let themes: Themes
    let dataQuality: DataQuality

    init(_ s: CohortStatistics) {
        cohort = Cohort(cases: s.cohort.cases, initialShortlist: s.cohort.initialShortlist,
                        familyContributions: s.cohort.familyContributions, localReviews: Tally(s.cohort.localReviews),
                        withLocalReview: s.cohort.withLocalReview)
        areas = Areas(areas: s.areas.areas, regionsCovered: s.areas.regionsCovered, regions: Tally(s.areas.regions),
                      areaTypes: Tally(s.areas.areaTypes), familyNursePartnership: s.areas.familyNursePartnership,
                      practitioners: s.areas.practitioners, strategicPartners: s.areas.strategicPartners)
        harm = Harm(outcome: Tally(s.harm.outcome), died: OutcomeDetail(s.harm.died),
                    seriouslyHarmed: OutcomeDetail(s.harm.seriouslyHarmed), injuryProfiles: Tally(s.harm.injuryProfiles))
        child = Child(sex: Tally(s.child.sex), ethnicity: Tally(s.child.ethnicity), ageMonths: Tally(s.child.ageMonths),
                      modalAgeMonths: s.child.modalAgeMonths, modalAgeCount: s.child.modalAgeCount, premature: s.child.premature,
                      feedingDifficulties: s.child.feedingDifficulties, weightLoss: s.child.weightLoss, boysPerGirl: s.child.boysPerGirl)
        maleCarer = MaleCarer(relationship: Tally(s.maleCarer.relationship), criminalConvictions: s.maleCarer.criminalConvictions,
                              probation: Tally(s.maleCarer.probation))
        parents = Tally(s.parents)
        agencyInvolvement = Tally(s.agencyInvolvement)
        proceedings = Proceedings(criminal: Tally(s.proceedings.criminal), murderCharge: Tally(s.proceedings.murderCharge),
                                  murderChargeInOngoingTrials: Tally(s.proceedings.murderChargeInOngoingTrials),
                                  findingsOfFact: Tally(s.proceedings.findingsOfFact))
        themes = Themes(
            cases: Tally(s.themes.cases),
            coOccurrence: s.themes.coOccurrence.map { Themes.Pair(first: $0.first, second: $0.second, cases: Category($0.cases)) },
            byAgencyInvolvement: s.themes.byAgencyInvolvement.map { Themes.ByAgency(theme: $0.theme, cases: Tally($0.cases)) },
            publishableLearning: s.themes.publishableLearning.map { learning in
                Themes.Learning(theme: learning.theme, title: learning.title, points: learning.points.map { Themes.Learning.Point(text: $0.text) })
            })
        dataQuality = DataQuality(unknownPrognosis: s.dataQuality.unknownPrognosis.count,
                                  unknownOccasions: s.dataQuality.unknownOccasions.count,
                                  withoutThemes: s.dataQuality.withoutThemes.count)
    }
}
