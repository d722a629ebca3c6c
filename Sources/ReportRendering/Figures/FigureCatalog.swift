import CaseModel
import ChartLayout
import CohortStatistics

/// A numbered figure of the report: a chart built from the statistics, or the
/// whole-system diagram.
public struct Figure: Sendable {
    public enum Content: Sendable {
        case chart(ChartSpec)
        case diagram(DiagramSpec)
    }

    public let id: String
    public let number: Int
    public let content: Content
    /// What the first column of the data table names ("Ethnicity").
    public let categoryHeading: String
    /// The case ids behind each category, for the reviewers' annex (draft only).
    public let caseIDs: [(category: String, ids: [String])]
    /// The template value name of each category's count (`sex.male`), in the
    /// chart's order, so a draft can mark a changed count in the data table.
    /// Empty for the diagram and the stacked chart.
    public var valueNames: [String] = []

    public var title: String {
        switch content {
        case .chart(let spec): spec.title
        case .diagram(let spec): spec.centre
        }
    }
}

/// The report's figures, built from the statistics in one place so the charts,
/// their data tables and their CSV files cannot disagree.
public enum FigureCatalog {
    /// Where the numbers come from, printed under every chart.
    static func source(_ review: Review) -> String {
        "Source: \(review.publisher), structured case summaries of the review cohort"
    }

    public static func figures(_ s: CohortStatistics, review: Review, diagram: DiagramSpec) -> [Figure] {
        let n = s.cohort.cases
        let source = source(review)
        func categories(_ tally: Tally, labelledByKey: Bool = false) -> [ChartCategory] {
            tally.categories.map { ChartCategory(label: labelledByKey ? $0.key : $0.label, value: $0.count) }
        }
        func ids(_ tally: Tally) -> [(String, [String])] { tally.categories.map { ($0.label, $0.caseIDs) } }
        /// A pie lists its largest part first (ties keep the tally's order).
        func largestFirst(_ tally: Tally) -> Tally {
            Tally(total: tally.total, categories: tally.categories.enumerated()
                .sorted { ($1.element.count, $0.offset) < ($0.element.count, $1.offset) }.map(\.element))
        }
        let outcome = largestFirst(s.harm.outcome)
        let agency = largestFirst(s.agencyInvolvement)
        let profiles = s.harm.injuryProfiles.categories.filter { $0.count > 0 }
        let died = s.harm.died.injuryProfiles
        let harmed = s.harm.seriouslyHarmed.injuryProfiles
        func count(_ detail: Tally, _ key: String) -> Int {
            detail.categories.first { $0.key == key }?.count ?? 0
        }

        /// The value names of a tally's categories (see ReportValues).
        func names(_ prefix: String, _ tally: Tally, slugged: Bool = false) -> [String] {
            tally.categories.map { "\(prefix).\(slugged ? ReportValues.slug($0.key) : $0.key)" }
        }
        func named(_ figure: Figure, _ valueNames: [String]) -> Figure {
            var f = figure
            f.valueNames = valueNames
            return f
        }

        return [
            named(Figure(id: "figure-1", number: 1, content: .chart(ChartSpec(
                kind: .pie, id: "figure-1", title: "Babies who died or were seriously harmed",
                subtitle: "Number of babies, \(n) in all", categories: categories(outcome), unit: "babies", total: n,
                sourceNote: source)), categoryHeading: "Outcome", caseIDs: ids(outcome)), names("outcome", outcome)),
            named(Figure(id: "figure-2", number: 2, content: .chart(ChartSpec(
                kind: .verticalBar, id: "figure-2", title: "Sex of the babies",
                subtitle: "Number of babies, \(n) in all", categories: categories(s.child.sex), unit: "babies", total: n,
                sourceNote: source, categoryAxisTitle: "Sex")), categoryHeading: "Sex", caseIDs: ids(s.child.sex)), names("sex", s.child.sex)),
            named(Figure(id: "figure-3", number: 3, content: .chart(ChartSpec(
                kind: .horizontalBar, id: "figure-3", title: "Ethnicity of the babies",
                subtitle: "Number of babies, \(n) in all", categories: categories(s.child.ethnicity), unit: "babies",
                total: n, sourceNote: source)), categoryHeading: "Ethnicity", caseIDs: ids(s.child.ethnicity)), names("ethnicity", s.child.ethnicity, slugged: true)),
            named(Figure(id: "figure-4", number: 4, content: .chart(ChartSpec(
                kind: .verticalBar, id: "figure-4", title: "Age of the babies when they were injured",
                subtitle: "Number of babies by age in completed months, \(n) in all",
                categories: categories(s.child.ageMonths, labelledByKey: true), unit: "babies", total: n, sourceNote: source,
                categoryAxisTitle: "Age in completed months")), categoryHeading: "Age in completed months",
                caseIDs: ids(s.child.ageMonths)), names("age", s.child.ageMonths)),
            named(Figure(id: "figure-5", number: 5, content: .chart(ChartSpec(
                kind: .pie, id: "figure-5", title: "Agency involvement at the time of the injury",
                subtitle: "Number of families by the highest level of involvement, \(n) in all",
                categories: categories(agency), unit: "families", total: n, sourceNote: source)),
                categoryHeading: "Agency involvement", caseIDs: ids(agency)), names("agency", agency)),
            named(Figure(id: "figure-6", number: 6, content: .chart(ChartSpec(
                kind: .horizontalBar, id: "figure-6", title: "Features of the parents",
                subtitle: "Number of cases with each feature, out of \(n); a case can have several",
                categories: categories(s.parents), unit: "cases", total: n, sourceNote: source)),
                categoryHeading: "Feature", caseIDs: ids(s.parents)), names("parents", s.parents)),
            Figure(id: "figure-7", number: 7, content: .diagram(diagram), categoryHeading: "Element", caseIDs: []),
            Figure(id: "figure-8", number: 8, content: .chart(ChartSpec(
                kind: .stackedHorizontalBar, id: "figure-8", title: "Injury profiles by outcome",
                subtitle: "Number of babies with each pattern of injuries, \(n) in all",
                categories: profiles.map { ChartCategory(label: $0.label, values: [count(died, $0.key), count(harmed, $0.key)]) },
                series: [Outcome.died.label, Outcome.seriouslyHarmed.label], unit: "babies", total: n, sourceNote: source)),
                categoryHeading: "Injury profile", caseIDs: profiles.map { ($0.label, $0.caseIDs) }),
            named(Figure(id: "figure-9", number: 9, content: .chart(ChartSpec(
                kind: .horizontalBar, id: "figure-9", title: "Cases in which each theme featured",
                subtitle: "Number of cases, out of \(n); a case can have several themes",
                categories: categories(s.themes.cases), unit: "cases", total: n, sourceNote: source)),
                categoryHeading: "Theme", caseIDs: ids(s.themes.cases)), names("theme", s.themes.cases)),
        ]
    }
}
