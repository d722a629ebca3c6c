import CaseModel
import Dispatch

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

    /// Cohorts at least this large are counted on every core.
    static let concurrentFrom = 1_000

    public init(_ cohort: Cohort) {
        self.init(cohort, concurrently: cohort.cases.count >= Self.concurrentFrom)
    }

    /// The sections are independent, each a pass over the cases: in four parts,
    /// on every core when `concurrently` (at 100,000 cases they took a quarter of a
    /// second on one). The parts write disjoint sections, so the result is the same.
    init(_ cohort: Cohort, concurrently: Bool) {
        let cases = cohort.cases
        let parts = Parts()
        let compute: @Sendable (Int) -> Void = { part in
            switch part {
            case 0:
                parts.themes = ThemeStatistics(cohort)
                parts.areas = AreaStatistics(cohort)
            case 1:
                parts.harm = HarmStatistics(cases)
            case 2:
                parts.child = ChildStatistics(cases, vocabulary: cohort.vocabulary)
                parts.maleCarer = MaleCarerStatistics(cases)
                parts.parents = Self.parentalFeatures(cases)
            default:
                parts.cohort = CohortSize(cases: cases.count, initialShortlist: cohort.review.initialShortlist,
                                          familyContributions: cohort.review.familyContributions,
                                          localReviews: Tally.of(cases) { cases[$0].localReview })
                parts.agencyInvolvement = Tally.of(cases) { cases[$0].agencyInvolvement }
                parts.proceedings = ProceedingsStatistics(cases)
                parts.dataQuality = DataQuality(cases)
            }
        }
        if concurrently {
            DispatchQueue.concurrentPerform(iterations: 4, execute: compute)
        } else {
            (0..<4).forEach(compute)
        }
        // Every part has run (concurrentPerform returns when all have): each is set.
        self.cohort = parts.cohort!
        self.areas = parts.areas!
        self.harm = parts.harm!
        self.child = parts.child!
        self.maleCarer = parts.maleCarer!
        self.parents = parts.parents!
        self.agencyInvolvement = parts.agencyInvolvement!
        self.proceedings = parts.proceedings!
        self.themes = parts.themes!
        self.dataQuality = parts.dataQuality!
    }

    /// The sections as the parts compute them; each is written by one part only.
    private final class Parts: @unchecked Sendable {
        var cohort: CohortSize?
        var areas: AreaStatistics?
        var harm: HarmStatistics?
        var child: ChildStatistics?
        var maleCarer: MaleCarerStatistics?
        var parents: Tally?
        var agencyInvolvement: Tally?
        var proceedings: ProceedingsStatistics?
        var themes: ThemeStatistics?
        var dataQuality: DataQuality?
    }

    /// The features of parents shown in Figure 6, each a share of the cohort.
    static func parentalFeatures(_ cases: [Case]) -> Tally {
        Tally.features(cases, [
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
