import CaseModel
import CohortStatistics

/// Every name a template placeholder may use, built from the statistics.
///
/// The names are documented in `docs/templates.md`; a template naming anything
/// else stops the build.
public struct ReportValues: Sendable {
    public private(set) var values: [String: TemplateValue] = [:]

    public subscript(name: String) -> TemplateValue? { values[name] }

    /// Values for a cohort's statistics. `published` is the date the report prints
    /// (review.yaml's, or the build's SOURCE_DATE_EPOCH), so prose and masthead agree.
    public init(statistics s: CohortStatistics, review: Review, published: ISODate) {
        let cases = s.cohort.cases
        set("cases", .count(cases, of: nil))
        set("shortlist", .count(s.cohort.initialShortlist, of: nil))
        set("family-contributions", .count(s.cohort.familyContributions, of: nil))
        add("local-review", s.cohort.localReviews)
        set("local-reviews", .count(s.cohort.withLocalReview.count, of: cases))

        set("areas", .count(s.areas.areas, of: nil))
        set("regions", .count(s.areas.regionsCovered.count, of: s.areas.regionsCovered.total))
        add("region", s.areas.regions)
        add("area-type", s.areas.areaTypes)
        set("fnp-areas", .count(s.areas.familyNursePartnership.count, of: s.areas.familyNursePartnership.total))
        set("practitioners", .count(s.areas.practitioners, of: nil))
        set("strategic-partners", .count(s.areas.strategicPartners, of: nil))

        add("outcome", s.harm.outcome)
        add("profile", s.harm.injuryProfiles)
        for (prefix, detail) in [("died", s.harm.died), ("harmed", s.harm.seriouslyHarmed)] {
            add("\(prefix).injury", detail.injuries)
            add("\(prefix).profile", detail.injuryProfiles)
            add("\(prefix).occasions", detail.occasions)
        }
        add("harmed.prognosis", s.harm.seriouslyHarmed.prognosis)
        add("relationship", s.maleCarer.relationship)

        add("sex", s.child.sex)
        set("boys-per-girl", .ratio(s.child.boysPerGirl))
        for category in s.child.ethnicity.categories {
            set("ethnicity." + Self.slug(category.key), .count(category.count, of: category.share.total))
        }
        if let largest = s.child.ethnicity.categories.first { set("ethnicity.largest", .text(largest.label)) }
        add("age", s.child.ageMonths)
        let modal = s.child.modalAgeMonths.map { s.child.ageMonths[String($0)].label }
        set("modal-age", .text(Self.list(modal)))
        set("modal-age-count", .count(s.child.modalAgeCount, of: cases))
        set("premature", .count(s.child.premature.count, of: cases))
        set("feeding-difficulties", .count(s.child.feedingDifficulties.count, of: cases))
        set("weight-loss", .count(s.child.weightLoss.count, of: cases))

        add("agency", s.agencyInvolvement)
        add("criminal", s.proceedings.criminal)
        add("murder", s.proceedings.murderCharge)
        add("trial-murder", s.proceedings.murderChargeInOngoingTrials)
        add("findings", s.proceedings.findingsOfFact)
        add("parents", s.parents)
        set("convictions", .count(s.maleCarer.criminalConvictions.count, of: cases))
        add("probation", s.maleCarer.probation)
        add("theme", s.themes.cases)
        for category in s.themes.cases.categories { set("theme-title." + category.key, .text(category.label)) }

        set("review.title", .text(review.title))
        set("review.subtitle", .text(review.subtitle ?? ""))
        set("review.publisher", .text(review.publisher))
        set("review.published", .text(DateWords.long(published)))
        set("review.period.from", .text(DateWords.month(review.period.from)))
        set("review.period.to", .text(DateWords.month(review.period.to)))
    }

    private mutating func set(_ name: String, _ value: TemplateValue) { values[name] = value }

    /// Replaces one value; for tests of how templates treat odd values.
    mutating func setForTests(_ name: String, _ value: TemplateValue) { values[name] = value }

    private mutating func add(_ prefix: String, _ tally: Tally) {
        for category in tally.categories {
            set("\(prefix).\(category.key)", .count(category.count, of: tally.total))
        }
    }

    /// A vocabulary label as a name: lower case, runs of other characters as one `-`
    /// (defined in CaseModel, where validation refuses labels that would share one).
    public static func slug(_ label: String) -> String {
        PlaceholderName.slug(label)
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}

/// Dates in words, as GOV.UK writes them: "15 September 2021", "June 2018".
public enum DateWords {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]
    public static func long(_ d: ISODate) -> String { "\(d.day) \(months[d.month - 1]) \(d.year)" }
    public static func month(_ m: YearMonth) -> String { "\(months[m.month - 1]) \(m.year)" }
}
