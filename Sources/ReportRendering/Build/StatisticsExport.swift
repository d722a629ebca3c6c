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
///
/// Every count goes through the build's ``Disclosure`` (when it has one) by the
/// name the templates use for it: a withheld count is written `"[c]"`, and so is a
/// share's percentage when its count or its total is withheld.
///
/// Written by ``JSONFile``: each type's synthesised `Encodable` conformance is its JSON.
struct StatisticsExport: Encodable {
    /// A published count: the integer, or `"[c]"` when withheld.
    struct Count: Encodable {
        let value: Int
        let withheld: Bool
        init(_ value: Int, _ name: String?, _ d: Disclosure?) {
            self.value = value
            withheld = name.map { d?.isSuppressed($0) ?? false } ?? false
        }
        init(_ value: Int, withheld: Bool) { (self.value, self.withheld) = (value, withheld) }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            if withheld { try container.encode(Disclosure.symbol) } else { try container.encode(value) }
        }
    }

    /// A share as ``CohortStatistics/Share`` writes it, each number withheld as needed.
    struct PublishedShare: Encodable {
        let count, percent, total: Count
        init(_ share: Share, _ name: String?, of totalName: String?, _ d: Disclosure?) {
            count = Count(share.count, name, d)
            total = Count(share.total, totalName, d)
            percent = Count(share.wholePercent, withheld: count.withheld || total.withheld)
        }
        /// A ratio (`boysPerGirl`): all three withheld together.
        init(ratio: Share, withheld: Bool) {
            (count, percent, total) = (
                Count(ratio.count, withheld: withheld), Count(ratio.wholePercent, withheld: withheld),
                Count(ratio.total, withheld: withheld)
            )
        }
    }

    struct Category: Encodable {
        let key: String
        let label: String
        let share: PublishedShare
        fileprivate init(_ c: StatisticsCategory, _ name: String?, of totalName: String?, _ d: Disclosure?) {
            (key, label, share) = (c.key, c.label, PublishedShare(c.share, name, of: totalName, d))
        }
    }

    struct Tally: Encodable {
        let total: Count
        let categories: [Category]
        /// `prefix`: the family's name (`ethnicity`), so that a category's count is
        /// named as in the templates; `totalName`: the count `total` is.
        /// `countOrdered`: the tally lists its categories by count, so withheld ones go last, by label.
        fileprivate init(
            _ t: StatisticsTally, _ prefix: String, of totalName: String?, _ d: Disclosure?, slugged: Bool = false,
            countOrdered: Bool = false
        ) {
            total = Count(t.total, totalName, d)
            let names = t.categories.map { "\(prefix).\(slugged ? ReportValues.slug($0.key) : $0.key)" }
            let order = countOrdered ? d?.withheldLast(names, labels: t.categories.map(\.label)) : nil
            categories = (order ?? Array(names.indices)).map { Category(t.categories[$0], names[$0], of: totalName, d) }
        }
    }

    struct Cohort: Encodable {
        let cases, initialShortlist, familyContributions: Count
        let localReviews: Tally
        let withLocalReview: PublishedShare
    }

    struct Areas: Encodable {
        let areas: Count
        let regionsCovered: PublishedShare
        let regions, areaTypes: Tally
        let familyNursePartnership: PublishedShare
        let practitioners, strategicPartners: Count
    }

    struct Child: Encodable {
        let sex, ethnicity, ageMonths: Tally
        let modalAgeMonths: [Int]
        let modalAgeCount: Count
        let premature, feedingDifficulties, weightLoss, boysPerGirl: PublishedShare
    }

    struct MaleCarer: Encodable {
        let relationship: Tally
        let criminalConvictions: PublishedShare
        let probation: Tally
    }

    struct OutcomeDetail: Encodable {
        let cases: Count
        let injuries, injuryProfiles, occasions, prognosis: Tally
        fileprivate init(_ d: StatisticsOutcomeDetail, prefix: String, outcome: String, _ disclosure: Disclosure?) {
            cases = Count(d.cases, outcome, disclosure)
            injuries = Tally(d.injuries, "\(prefix).injury", of: outcome, disclosure)
            injuryProfiles = Tally(d.injuryProfiles, "\(prefix).profile", of: outcome, disclosure)
            occasions = Tally(d.occasions, "\(prefix).occasions", of: outcome, disclosure)
            // Only the babies seriously harmed have a prognosis: for them the total is the
            // outcome's count, for the babies who died it is 0, which is always published.
            prognosis = Tally(d.prognosis, "\(prefix).prognosis", of: d.prognosis.total == d.cases ? outcome : nil, disclosure)
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
        struct Pair: Encodable {
            let first, second: String
            let cases: Category
        }
        struct ByAgency: Encodable {
            let theme: String
            let cases: Tally
        }
        /// Publishable learning only, without the case it came from.
        struct Learning: Encodable {
            struct Point: Encodable {
                let text: String
            }
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
        let unknownPrognosis, unknownOccasions, withoutThemes: Count
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

    init(_ s: CohortStatistics, disclosure d: Disclosure? = nil) {
        cohort = Cohort(
            cases: Count(s.cohort.cases, "cases", d), initialShortlist: Count(s.cohort.initialShortlist, "shortlist", d),
            familyContributions: Count(s.cohort.familyContributions, "family-contributions", d),
            localReviews: Tally(s.cohort.localReviews, "local-review", of: "cases", d),
            withLocalReview: PublishedShare(s.cohort.withLocalReview, "local-reviews", of: "cases", d))
        areas = Areas(
            areas: Count(s.areas.areas, "areas", d),
            // regions_total is how many regions there are, not a count of anything in the cohort.
            regionsCovered: PublishedShare(s.areas.regionsCovered, "regions", of: nil, d),
            regions: Tally(s.areas.regions, "region", of: "areas", d),
            areaTypes: Tally(s.areas.areaTypes, "area-type", of: "areas", d),
            familyNursePartnership: PublishedShare(s.areas.familyNursePartnership, "fnp-areas", of: "areas", d),
            practitioners: Count(s.areas.practitioners, "practitioners", d),
            strategicPartners: Count(s.areas.strategicPartners, "strategic-partners", d))
        harm = Harm(
            outcome: Tally(s.harm.outcome, "outcome", of: "cases", d),
            died: OutcomeDetail(s.harm.died, prefix: "died", outcome: "outcome.died", d),
            seriouslyHarmed: OutcomeDetail(s.harm.seriouslyHarmed, prefix: "harmed", outcome: "outcome.seriously-harmed", d),
            injuryProfiles: Tally(s.harm.injuryProfiles, "profile", of: "cases", d))
        child = Child(
            sex: Tally(s.child.sex, "sex", of: "cases", d),
            ethnicity: Tally(s.child.ethnicity, "ethnicity", of: "cases", d, slugged: true, countOrdered: true),
            ageMonths: Tally(s.child.ageMonths, "age", of: "cases", d),
            modalAgeMonths: s.child.modalAgeMonths, modalAgeCount: Count(s.child.modalAgeCount, "modal-age-count", d),
            premature: PublishedShare(s.child.premature, "premature", of: "cases", d),
            feedingDifficulties: PublishedShare(s.child.feedingDifficulties, "feeding-difficulties", of: "cases", d),
            weightLoss: PublishedShare(s.child.weightLoss, "weight-loss", of: "cases", d),
            boysPerGirl: PublishedShare(ratio: s.child.boysPerGirl, withheld: d?.isSuppressed("boys-per-girl") ?? false))
        maleCarer = MaleCarer(
            relationship: Tally(s.maleCarer.relationship, "relationship", of: "cases", d),
            criminalConvictions: PublishedShare(s.maleCarer.criminalConvictions, "convictions", of: "cases", d),
            probation: Tally(s.maleCarer.probation, "probation", of: "convictions", d))
        parents = Tally(s.parents, "parents", of: "cases", d)
        agencyInvolvement = Tally(s.agencyInvolvement, "agency", of: "cases", d)
        proceedings = Proceedings(
            criminal: Tally(s.proceedings.criminal, "criminal", of: "cases", d),
            murderCharge: Tally(s.proceedings.murderCharge, "murder", of: "cases", d),
            murderChargeInOngoingTrials: Tally(
                s.proceedings.murderChargeInOngoingTrials, "trial-murder",
                of: "criminal.trial-ongoing", d),
            findingsOfFact: Tally(s.proceedings.findingsOfFact, "findings", of: "cases", d))
        themes = Themes(
            cases: Tally(s.themes.cases, "theme", of: "cases", d),
            coOccurrence: s.themes.coOccurrence.map {
                Themes.Pair(
                    first: $0.first, second: $0.second,
                    cases: Category($0.cases, Disclosure.pairName($0.first, $0.second), of: "cases", d))
            },
            byAgencyInvolvement: s.themes.byAgencyInvolvement.map {
                Themes.ByAgency(theme: $0.theme, cases: Tally($0.cases, "theme-agency.\($0.theme)", of: "theme.\($0.theme)", d))
            },
            publishableLearning: s.themes.publishableLearning.map { learning in
                Themes.Learning(
                    theme: learning.theme, title: learning.title, points: learning.points.map { Themes.Learning.Point(text: $0.text) })
            })
        dataQuality = DataQuality(
            unknownPrognosis: Count(s.dataQuality.unknownPrognosis.count, Disclosure.unknownPrognosis, d),
            unknownOccasions: Count(s.dataQuality.unknownOccasions.count, Disclosure.unknownOccasions, d),
            withoutThemes: Count(s.dataQuality.withoutThemes.count, Disclosure.withoutThemes, d))
    }
}
