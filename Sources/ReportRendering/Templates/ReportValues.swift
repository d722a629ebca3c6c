import CaseModel
import CohortStatistics

/// Every name a template placeholder may use, built from the statistics.
///
/// The names are documented in `docs/templates.md`; a template naming anything
/// else stops the build.
public struct ReportValues: Sendable {
    public internal(set) var values: [String: TemplateValue] = [:]
    /// The categories of a tally, by the prefix of their names (`ethnicity` →
    /// `ethnicity.white-british`, …): what `{{ list: … }}` writes out, and what the
    /// coverage check compares a paragraph's numbers with.
    public internal(set) var families: [String: Family] = [:]
    /// Every name, in the order the report meets them (roughly chapter by chapter).
    public private(set) var names: [String] = []
    /// What each name counts, in words ("Ethnicity: Asian"), for the changes a draft lists.
    public private(set) var titles: [String: String] = [:]
    /// The name of the value each count is a share of (`ethnicity.asian` → `cases`,
    /// `died.occasions.single` → `outcome.died`), where that total is itself a
    /// named count: what disclosure control needs to know to protect shares and totals.
    public private(set) var totalNames: [String: String] = [:]
    /// Which cases (or areas) each count counts, over the coded fields: what
    /// disclosure control's model of everything published is made of. Counts of
    /// something else (the first shortlist, family members who spoke to the
    /// reviewers, practitioners, regions covered) have none.
    public internal(set) var definitions: [String: CellDefinition] = [:]
    /// Counts published as the sum of others that are not published themselves
    /// (a co-occurrence figure's "other combinations": a disjunction of exact
    /// combinations, which no one ``CellDefinition`` can describe), with the names
    /// of those parts; each part's definition is in ``definitions``.
    public internal(set) var derivedSums: [String: [String]] = [:]
    /// Counts that a reader can work out from other published counts whatever is
    /// withheld, so that withholding them would hide nothing (the regions covered:
    /// every region published as 0 has no area, every withheld one has at least one).
    public private(set) var derivable: Set<String> = []
    /// Counts not published on their own, by name: their values, for disclosure
    /// control, which models what a reader knows of them (``bounds``).
    public internal(set) var unpublished: [String: Int] = [:]
    /// What a reader knows of a count whatever is withheld, when it is more than that
    /// it is at least 1: a combination a co-occurrence figure shows has at least its
    /// minimum; one it counts with "other combinations" has fewer (0 included).
    public internal(set) var bounds: [String: (lower: Int, upper: Int?)] = [:]

    /// The categories of one tally, in the order a reader meets them.
    public struct Family: Sendable, Hashable {
        public var members: [Member]
        /// The number of cases the counts are of.
        public var total: Int
        /// Whether each case is counted in exactly one category (so the counts add
        /// up to the total), as opposed to features a case may or may not have.
        public var exclusive: Bool
        /// The name of the value `total` is (`cases`, `outcome.died`), if it is one.
        public var totalName: String? = nil

        public struct Member: Sendable, Hashable {
            public var name: String
            public var label: String
            public var count: Int
        }
    }

    public subscript(name: String) -> TemplateValue? { values[name] }

    /// Values for a cohort's statistics; `review.published` is the date the report
    /// prints, in the prose as in the masthead.
    public init(statistics s: CohortStatistics, review: Review) {
        self.init(statistics: s, review: review, charts: FigureRegistry.chartBodies(s, review: review))
    }

    /// `charts`: the figures' charts (``FigureRegistry/chartBodies(_:review:)``), whose
    /// order the families they show take; a build passes the ones it draws.
    /// `declared`: the analyses the authors declared, whose counts join the values.
    init(statistics s: CohortStatistics, review: Review, charts: [String: ChartBody], declared: [DeclaredFigure] = []) {
        let cases = s.cohort.cases
        let all = CellDefinition.allCases
        set("cases", .count(cases, of: nil), title: "Cases in the cohort", counting: all)
        set("shortlist", .count(s.cohort.initialShortlist, of: nil), title: "Cases on the first shortlist")
        set("family-contributions", .count(s.cohort.familyContributions, of: nil), title: "Family members who spoke to the reviewers")
        add("local-review", s.cohort.localReviews, title: "Local reviews", of: "cases", counting: Self.key(of: "local_review"))
        set(
            "local-reviews", .count(s.cohort.withLocalReview.count, of: cases), title: "Cases with a local review", of: "cases",
            counting: CellDefinition(.cases, [.init("local_review", .oneOf([LocalReview.scr.rawValue, LocalReview.lcspr.rawValue]))]))

        let areas = CellDefinition(.areas, [])
        set("areas", .count(s.areas.areas, of: nil), title: "Areas with a case", counting: areas)
        set("regions", .count(s.areas.regionsCovered.count, of: s.areas.regionsCovered.total), title: "Regions covered")
        derivable.insert("regions")
        add("region", s.areas.regions, title: "Areas by region", of: "areas", counting: Self.key(of: "region", within: areas))
        add("area-type", s.areas.areaTypes, title: "Areas by type", of: "areas", counting: Self.key(of: "type", within: areas))
        set(
            "fnp-areas", .count(s.areas.familyNursePartnership.count, of: s.areas.familyNursePartnership.total),
            title: "Areas with a Family Nurse Partnership", of: "areas",
            counting: areas.and([.init("family_nurse_partnership", .oneOf(["true"]))]))
        set("practitioners", .count(s.areas.practitioners, of: nil), title: "Practitioners who met the reviewers")
        set("strategic-partners", .count(s.areas.strategicPartners, of: nil), title: "Strategic partners who met the reviewers")

        add("outcome", s.harm.outcome, title: "Outcome", of: "cases", counting: Self.key(of: "harm.outcome"))
        add("profile", s.harm.injuryProfiles, title: "Injury profiles", of: "cases", counting: Self.profile(within: all))
        for (prefix, detail, who, outcome) in [
            ("died", s.harm.died, "babies who died", Outcome.died),
            ("harmed", s.harm.seriouslyHarmed, "babies seriously harmed", Outcome.seriouslyHarmed),
        ] {
            let within = CellDefinition.field("harm.outcome", is: outcome.rawValue)
            let total = "outcome.\(outcome.rawValue)"
            add(
                "\(prefix).injury", detail.injuries, title: "Injuries of the \(who)", exclusive: false, of: total,
                counting: Self.item(of: "harm.injuries", within: within))
            add(
                "\(prefix).profile", detail.injuryProfiles, title: "Injury profiles of the \(who)", of: total,
                counting: Self.profile(within: within))
            add(
                "\(prefix).occasions", detail.occasions, title: "Occasions of injury, \(who)", of: total,
                counting: Self.key(of: "harm.occasions", within: within))
        }
        add(
            "harmed.prognosis", s.harm.seriouslyHarmed.prognosis, title: "Prognosis of the babies seriously harmed",
            of: "outcome.seriously-harmed",
            counting: Self.key(of: "harm.prognosis", within: .field("harm.outcome", is: Outcome.seriouslyHarmed.rawValue)))
        add(
            "relationship", s.maleCarer.relationship, title: "The man's relationship to the baby", of: "cases",
            counting: Self.key(of: "male_carer.relationship"))

        add("sex", s.child.sex, title: "Sex", of: "cases", counting: Self.key(of: "child.sex"))
        set("boys-per-girl", .ratio(s.child.boysPerGirl), title: "Boys for each girl")
        add("ethnicity", s.child.ethnicity, title: "Ethnicity", of: "cases", slugged: true, counting: Self.key(of: "child.ethnicity"))
        if let largest = s.child.ethnicity.categories.first {
            set("ethnicity.largest", .text(largest.label), title: "Largest ethnic group")
        }
        add("age", s.child.ageMonths, title: "Age at injury", of: "cases", counting: Self.key(of: "child.age_months"))
        let modal = s.child.modalAgeMonths.map { s.child.ageMonths[String($0)].label }
        set("modal-age", .text(Self.list(modal)), title: "Most common age")
        set(
            "modal-age-count", .count(s.child.modalAgeCount, of: cases), title: "Babies of the most common age", of: "cases",
            counting: s.child.modalAgeMonths.first.map { .field("child.age_months", is: String($0)) })
        let yes = { (field: String) in CellDefinition.field(field, is: "true") }
        set(
            "premature", .count(s.child.premature.count, of: cases), title: "Babies born prematurely", of: "cases",
            counting: yes("child.premature"))
        set(
            "feeding-difficulties", .count(s.child.feedingDifficulties.count, of: cases), title: "Babies with feeding difficulties",
            of: "cases", counting: yes("child.feeding_difficulties"))
        set(
            "weight-loss", .count(s.child.weightLoss.count, of: cases), title: "Babies with weight loss", of: "cases",
            counting: yes("child.weight_loss"))

        add("agency", s.agencyInvolvement, title: "Agency involvement", of: "cases", counting: Self.key(of: "agency_involvement"))
        add("criminal", s.proceedings.criminal, title: "Criminal proceedings", of: "cases", counting: Self.key(of: "proceedings.criminal"))
        add("murder", s.proceedings.murderCharge, title: "Murder charges", of: "cases", counting: Self.key(of: "proceedings.murder_charge"))
        add(
            "trial-murder", s.proceedings.murderChargeInOngoingTrials, title: "Murder charges in ongoing trials",
            of: "criminal.trial-ongoing",
            counting: Self.key(
                of: "proceedings.murder_charge", within: .field("proceedings.criminal", is: CriminalProceedings.trialOngoing.rawValue)))
        add(
            "findings", s.proceedings.findingsOfFact, title: "Findings of fact", of: "cases",
            counting: Self.key(of: "proceedings.findings_of_fact"))
        add(
            "parents", s.parents, title: "Features of the parents", exclusive: false, of: "cases",
            counting: { yes(CohortStatistics.parentalFeatureFields[$0.key]!) })
        set(
            "convictions", .count(s.maleCarer.criminalConvictions.count, of: cases), title: "Men with criminal convictions", of: "cases",
            counting: yes("male_carer.criminal_convictions"))
        add(
            "probation", s.maleCarer.probation, title: "Probation, of the men with convictions", of: "convictions",
            counting: Self.key(of: "male_carer.probation", within: yes("male_carer.criminal_convictions")))
        add("theme", s.themes.cases, title: "Cases per theme", exclusive: false, of: "cases", counting: Self.item(of: "themes"))
        for category in s.themes.cases.categories {
            set("theme-title." + category.key, .text(category.label), title: "Title of the theme \(category.key)")
        }

        set("review.title", .text(review.title), title: "Title")
        set("review.subtitle", .text(review.subtitle ?? ""), title: "Subtitle")
        set("review.publisher", .text(review.publisher), title: "Publisher")
        set("review.published", .text(DateWords.long(review.published)), title: "Publication date")
        set("review.period.from", .text(DateWords.month(review.period.from)), title: "Period from")
        set("review.period.to", .text(DateWords.month(review.period.to)), title: "Period to")
        for figure in declared { figure.publish(into: &self) }
        orderFamiliesLikeFigures(charts, FigureRegistry.all(declared: declared))
    }

    private mutating func set(
        _ name: String, _ value: TemplateValue, title: String, of totalName: String? = nil, counting definition: CellDefinition? = nil
    ) {
        if values[name] == nil { names.append(name) }
        values[name] = value
        titles[name] = title
        if let totalName { totalNames[name] = totalName }
        if let definition { definitions[name] = definition }
    }

    /// `counting`: the definition of each category's count.
    private mutating func add(
        _ prefix: String, _ tally: Tally, title: String, exclusive: Bool = true, of totalName: String,
        slugged: Bool = false, counting definition: (Category) -> CellDefinition
    ) {
        var members: [Family.Member] = []
        for category in tally.categories {
            let name = "\(prefix).\(slugged ? Self.slug(category.key) : category.key)"
            set(
                name, .count(category.count, of: tally.total), title: "\(title): \(category.label)", of: totalName,
                counting: definition(category))
            members.append(Family.Member(name: name, label: category.label, count: category.count))
        }
        families[prefix] = Family(members: members, total: tally.total, exclusive: exclusive, totalName: totalName)
    }

    /// Each category counts the units (of `within`) whose single field `field` has the category's key.
    static func key(of field: String, within: CellDefinition = .allCases) -> (Category) -> CellDefinition {
        { within.and([.init(field, .oneOf([$0.key]))]) }
    }

    /// Each category counts the cases (of `within`) whose list field `field` has the category's key.
    static func item(of field: String, within: CellDefinition = .allCases) -> (Category) -> CellDefinition {
        { within.and([.init(field, .has($0.key))]) }
    }

    /// Each category counts the cases (of `within`) with exactly the injuries of its profile.
    static func profile(within: CellDefinition) -> (Category) -> CellDefinition {
        { category in within.and(InjuryProfile.definition(of: category.key)) }
    }

    // MARK: - Declared figures' counts

    /// A count of a declared figure, a share of the count named `totalName` (if any).
    mutating func declare(_ name: String, _ count: CrossTab.Count, of totalName: String?, title: String) {
        set(name, .count(count.count, of: totalName.flatMap { total(of: $0) }), title: title, of: totalName)
        definitions[name] = count.definition
    }

    /// A count published as the sum of `parts`, which are not published on their own.
    mutating func declareSum(_ name: String, _ count: Int, of totalName: String, parts: [String], title: String) {
        set(name, .count(count, of: total(of: totalName)), title: title, of: totalName)
        derivedSums[name] = parts
    }

    /// The definition of a count that is not published, but that a published sum adds up.
    mutating func recordUnpublished(_ name: String, _ count: CrossTab.Count, atMost upper: Int) {
        definitions[name] = count.definition
        unpublished[name] = count.count
        bounds[name] = (0, upper)
    }

    /// A family of counts already set, in this order.
    mutating func family(_ prefix: String, names: [String], labels: [String], exclusive: Bool, total totalName: String) {
        let members = zip(names, labels).map { name, label -> Family.Member in
            guard case .count(let n, _)? = values[name] else { preconditionFailure("\(name) is set before its family") }
            return Family.Member(name: name, label: label, count: n)
        }
        families[prefix] = Family(members: members, total: total(of: totalName) ?? 0, exclusive: exclusive, totalName: totalName)
    }

    private func total(of name: String) -> Int? {
        if case .count(let n, _)? = values[name] { n } else { nil }
    }

    /// Families that a figure shows are listed in the figure's order (a pie puts its largest part first).
    private mutating func orderFamiliesLikeFigures(_ charts: [String: ChartBody], _ definitions: [FigureDefinition]) {
        for definition in definitions {
            guard let prefix = definition.valuePrefix, let family = families[prefix],
                let chart = charts[definition.id]
            else { continue }
            let order = Dictionary(uniqueKeysWithValues: chart.valueNames.enumerated().map { ($1, $0) })
            families[prefix]?.members = family.members.enumerated()
                .sorted { (order[$0.element.name] ?? Int.max, $0.offset) < (order[$1.element.name] ?? Int.max, $1.offset) }
                .map(\.element)
        }
    }

    /// Puts the withheld categories of a family ordered by count after the
    /// published ones, by label (see ``Disclosure/withheldLast(_:labels:)``), as its figure shows them.
    mutating func moveWithheldLast(_ prefix: String, _ disclosure: Disclosure) {
        guard let members = families[prefix]?.members else { return }
        families[prefix]?.members = disclosure.withheldLast(members.map(\.name), labels: members.map(\.label)).map { members[$0] }
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
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]
    public static func long(_ d: ISODate) -> String { "\(d.day) \(months[d.month - 1]) \(d.year)" }
    public static func month(_ m: YearMonth) -> String { "\(months[m.month - 1]) \(m.year)" }

    /// The date of an ISO 8601 timestamp (`2026-11-29T18:05:00Z` → "29 November 2026"),
    /// or the text as it is if it does not start with a date.
    public static func long(isoTimestamp: String) -> String {
        let parts = isoTimestamp.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return isoTimestamp }
        return long(ISODate(year: parts[0], month: parts[1], day: parts[2]))
    }
}
