import CaseModel
import ChartLayout
import CohortStatistics

/// A figure's inline drawings: one for wide screens and print, and for charts a
/// narrower one for phones, so that their text stays at a readable size.
public struct InlineScenes: Sendable {
    public var wide: Scene
    public var narrow: Scene?
    public init(wide: Scene, narrow: Scene?) {
        self.wide = wide
        self.narrow = narrow
    }
}

/// Everything the HTML page shows, assembled before any markup is written.
public struct ReportPage: Sendable {
    public var review: Review
    public var statistics: CohortStatistics
    public var chapters: [Chapter]
    public var figures: [Figure]
    /// Inline SVG scenes by figure id (laid out without heading and source, which the page prints).
    public var scenes: [String: InlineScenes]
    public var css: String
    public var draft: Draft?
    /// What `[c]` means, when the page prints it (a published build that withholds numbers).
    public var disclosureKey: String?
    /// The preview server's reload script (see ``BuildOptions/previewScript``); nil in every written report.
    public var previewScript: String? = nil
    /// The sheets of `data/tables.ods` and `data/tables.xlsx` that hold a table, in
    /// order, which the page's Data section lists.
    public var tableSheets: [TableSheet] = []

    /// A sheet of the tables workbooks: its name and its table's title.
    public struct TableSheet: Sendable, Hashable {
        public var name: String
        public var title: String
    }

    /// What only a reviewers' draft carries.
    public struct Draft: Sendable {
        /// The earlier build compared with, if any.
        public var baseline: Baseline?
        /// When the draft was built and from what.
        public var stamp: DraftStamp?
        /// What changed since the baseline (nil without one).
        public var changes: DraftChanges?
        /// With disclosure control: each count the published report withholds, and what a reader could work out.
        public var withheld: [Withheld] = []
        /// What would stop the published build (a withheld count left unprotected).
        public var disclosureProblems: [String] = []

        /// A count the published report withholds.
        public struct Withheld: Sendable, Hashable {
            public var title: String
            public var value: Int
            /// The values a reader of the published report could work out it may be ("1 to 6"); nil when not modelled.
            public var range: String?
            /// Withheld for being small, rather than to protect another.
            public var small: Bool
        }

        public init(baseline: Baseline?, stamp: DraftStamp?, changes: DraftChanges?) {
            self.baseline = baseline
            self.stamp = stamp
            self.changes = changes
        }
    }
}
