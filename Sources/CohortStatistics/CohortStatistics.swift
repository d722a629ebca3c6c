import CaseModel

/// Every number the report states about a cohort, computed from its cases.
///
/// A pure value: build it with ``CohortStatistics/init(_:)`` from a validated
/// cohort. Tallies keep exact counts and the ids of the cases they count; shares
/// are exact fractions, rounded only when formatted (see ``Share``).
public struct CohortStatistics: Hashable, Sendable {
    public let cohort: CohortSize
    public let areas: AreaStatistics
    public let harm: HarmStatistics
    public let child: ChildStatistics
    public let maleCarer: MaleCarerStatistics
    public let parents: Tally
    public let agencyInvolvement: Tally
    public let proceedings: ProceedingsStatistics
    public let themes: ThemeStatistics
    public let dataQuality: DataQuality

    public init(_ cohort: Cohort) {
        let cases = cohort.cases
        self.cohort = CohortSize(
            cases: cases.count, initialShortlist: cohort.review.initialShortlist,
            familyContributions: cohort.review.familyContributions,
            localReviews: Tally.of(cases) { cases[$0].localReview })
        areas = AreaStatistics(cohort)
        harm = HarmStatistics(cases)
        child = ChildStatistics(cases, vocabulary: cohort.vocabulary)
        maleCarer = MaleCarerStatistics(cases)
        parents = Self.parentalFeatures(cases)
        agencyInvolvement = Tally.of(cases) { cases[$0].agencyInvolvement }
        proceedings = ProceedingsStatistics(cases)
        themes = ThemeStatistics(cohort)
        dataQuality = DataQuality(cases)
    }

    /// The features of parents shown in Figure 6, each a share of the cohort.
    /// The coded field behind each parental feature's key.
    public static let parentalFeatureFields: [String: String] = [
        "current-domestic-abuse": "parents.current_domestic_abuse", "historical-domestic-abuse": "parents.historical_domestic_abuse",
        "mental-health": "parents.mental_health", "care-leaver": "parents.care_leaver", "under-22": "parents.under_22",
        "father-convictions": "male_carer.criminal_convictions",
    ]

    static func parentalFeatures(_ cases: [Case]) -> Tally {
        Tally.features(
            cases,
            [
                ("current-domestic-abuse", "Current domestic abuse", { cases[$0].parents.currentDomesticAbuse }),
                ("historical-domestic-abuse", "Historical domestic abuse", { cases[$0].parents.historicalDomesticAbuse }),
                ("mental-health", "Mental health of either or both parents", { cases[$0].parents.mentalHealth }),
                ("care-leaver", "Either or both parents a care leaver", { cases[$0].parents.careLeaver }),
                ("under-22", "Either or both parents under 22", { cases[$0].parents.under22 }),
                ("father-convictions", "Father or male carer with criminal convictions", { cases[$0].maleCarer.criminalConvictions }),
            ])
    }
}

/// The size of the cohort and of the work around it.
public struct CohortSize: Hashable, Sendable {
    /// Cases in the final cohort.
    public let cases: Int
    /// Cases identified before the final cohort was chosen.
    public let initialShortlist: Int
    /// Family members who spoke to the reviewers.
    public let familyContributions: Int
    /// Serious case reviews and local child safeguarding practice reviews undertaken.
    public let localReviews: Tally
    /// Cases with a local review of either kind.
    public let withLocalReview: Share

    init(cases: Int, initialShortlist: Int, familyContributions: Int, localReviews: Tally) {
        self.cases = cases
        self.initialShortlist = initialShortlist
        self.familyContributions = familyContributions
        self.localReviews = localReviews
        self.withLocalReview = Share(cases - localReviews[LocalReview.none].count, of: cases)
    }
}
