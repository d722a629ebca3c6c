import CaseModel
import ChartLayout
import CohortStatistics

/// One figure the report can show, declared once.
///
/// Everything else derives from the declaration: the id templates place and
/// reference it by (`{{ figure: ethnicity }}`), the names of its counts, the
/// table in `docs/templates.md` (tested against this registry), and, through
/// ``FigureNumbering``, its printed number and file names. Adding a figure is one
/// entry in ``FigureRegistry/all`` and one `{{ figure: … }}` line in a chapter.
public struct FigureDefinition: Sendable {
    /// A stable id that says what the figure shows: lower case, digits and `-`.
    public let id: String
    /// What it shows, in a few words (the documentation's table).
    public let shows: String
    /// What the first column of its data table names ("Ethnicity").
    public let categoryHeading: String
    /// The prefix of the template value names of its categories' counts
    /// (`ethnicity` → `ethnicity.asian`), or nil when it has none.
    public let valuePrefix: String?
    /// The order its categories are shown in (and listed in the prose and its data).
    public let order: CategoryOrder
    public let source: Source
    /// The file that declares it, for a figure an author declares (`figures/ID.yaml`
    /// with a `kind:`); nil for a figure built into the report.
    public var declaredIn: String? = nil

    /// The Analysis Function's rule: sort by value, largest first, unless the categories
    /// have a natural order, which is then kept and said here.
    public enum CategoryOrder: Sendable, Equatable {
        /// Largest first; ties keep the order of the contract's vocabulary.
        case byValue
        /// The categories' own order, described for the documentation ("youngest first").
        case natural(String)
    }

    /// Where a figure's content comes from.
    public enum Source: Sendable {
        /// A chart built from the statistics.
        case chart(@Sendable (FigureInputs) -> ChartBody)
        /// A diagram whose content an author writes in `figures/ID.yaml` beside the chapters.
        case diagram
    }

    public var isDiagram: Bool {
        if case .diagram = source { true } else { false }
    }

    /// The chart this figure draws for a cohort, in `words` if a chapter gave it some;
    /// nil for a diagram.
    public func chart(_ statistics: CohortStatistics, review: Review, words: FigureWords = FigureWords()) -> ChartBody? {
        guard case .chart(let build) = source else { return nil }
        var input = FigureInputs(definition: self, statistics: statistics, sourceNote: FigureRegistry.sourceNote(review))
        input.words = words
        return build(input)
    }

    /// The diagram's content file, relative to the templates folder.
    public var diagramFile: String? { isDiagram ? "figures/\(id).yaml" : nil }
}

/// A figure's own words, given where a template places it
/// (`{{ figure: outcome | title: Infants who died or were injured | unit: infants }}`),
/// so that a review can name its charts in its own vocabulary.
public struct FigureWords: Sendable, Hashable {
    /// The caption, instead of the figure's own title.
    public var title: String?
    /// The plural noun counted ("infants"), used in the subtitle, the axis and the data table.
    public var unit: String?
    public init(title: String? = nil, unit: String? = nil) {
        self.title = title
        self.unit = unit
    }
}

/// What a chart figure is built from.
public struct FigureInputs: Sendable {
    /// The figure being built: its id, value-name prefix and order come from here.
    public let definition: FigureDefinition
    public let statistics: CohortStatistics
    /// "Source: …", printed under every chart.
    public let sourceNote: String
    /// The words the chapter placing the figure gave it, if any.
    public var words = FigureWords()

    /// The number of cases, which every chart's subtitle states.
    var cases: Int { statistics.cohort.cases }
}

/// A chart, the cases behind each of its categories (draft only), and the value
/// names of its counts in the chart's order (empty for a stacked chart).
public struct ChartBody: Sendable {
    public var spec: ChartSpec
    public var caseIDs: [(category: String, ids: [String])]
    public var valueNames: [String]
    /// The names of each category's counts (one per series) and of its sum, for
    /// disclosure control; empty when they are `valueNames` (a plain chart).
    public var cellNames: [(values: [String], sum: String)] = []
    /// The value names of a chart of combinations' set sizes (``ChartSpec/sets``), for disclosure control.
    public var setNames: [String] = []
    /// The name of the chart's total when disclosure control may withhold it (a
    /// declared figure's filtered cases), with the subtitle to print then.
    public var withheldTotal: (name: String, subtitle: String)?
}

/// A figure as placed in the report: its definition, the number it got from
/// where it stands, and its content.
public struct Figure: Sendable {
    public enum Content: Sendable {
        case chart(ChartSpec)
        case diagram(DiagramSpec)
    }

    public let definition: FigureDefinition
    /// Numbered by placement: the first figure placed in the chapters is Figure 1.
    public let number: Int
    public let content: Content
    /// The case ids behind each category, for the reviewers' annex (draft only).
    public let caseIDs: [(category: String, ids: [String])]
    /// The template value name of each category's count, in the chart's order.
    public let valueNames: [String]
    /// A chart of combinations': the value name of each set's size, in the sets' order.
    public var setNames: [String] = []
    /// A diagram's caption, when the chapter gave one (a chart's is in its spec).
    public var caption: String? = nil
    /// In a draft built with disclosure control: the chart as a published build withholds
    /// it, so that its table marks what would be withheld.
    public var wouldWithhold: ChartSpec? = nil

    public var id: String { definition.id }
    /// The page's fragment id and the stem of its files (`figure-4.svg`, `figure-4.csv`):
    /// a reader looking for Figure 4's data finds it by its number.
    public var anchor: String { "figure-\(number)" }
    public var svgFile: String { "figures/\(anchor).svg" }
    /// Charts only: the diagram has no numbers.
    public var csvFile: String? { if case .chart = content { "data/\(anchor).csv" } else { nil } }

    public var title: String {
        switch content {
        case .chart(let spec): spec.title
        case .diagram(let spec): caption ?? spec.centre
        }
    }
}

/// Every figure the report can show. The order here is only the order of the
/// documentation's table; printed numbers follow placement in the chapters.
public enum FigureRegistry {
    public static let all: [FigureDefinition] = [
        FigureDefinition(
            id: "outcome", shows: "babies who died or were seriously harmed (pie)",
            categoryHeading: "Outcome", valuePrefix: "outcome", order: .byValue,
            source: .chart { input in
                tallyChart(
                    input, .pie, input.statistics.harm.outcome,
                    title: "Babies who died or were seriously harmed",
                    subtitle: { "Number of \($0), \(input.cases) in all" }, unit: "babies")
            }),
        FigureDefinition(
            id: "sex", shows: "sex of the babies (bar)",
            categoryHeading: "Sex", valuePrefix: "sex", order: .byValue,
            source: .chart { input in
                tallyChart(
                    input, .verticalBar, input.statistics.child.sex,
                    title: "Sex of the babies", subtitle: { "Number of \($0), \(input.cases) in all" },
                    unit: "babies", axisTitle: "Sex")
            }),
        FigureDefinition(
            id: "ethnicity", shows: "ethnicity of the babies (bar)",
            categoryHeading: "Ethnicity", valuePrefix: "ethnicity", order: .byValue,
            source: .chart { input in
                tallyChart(
                    input, .horizontalBar, input.statistics.child.ethnicity,
                    title: "Ethnicity of the babies", subtitle: { "Number of \($0), \(input.cases) in all" },
                    unit: "babies", slugged: true)
            }),
        FigureDefinition(
            id: "age", shows: "age of the babies in completed months (bar)",
            categoryHeading: "Age in completed months", valuePrefix: "age",
            order: .natural("age, youngest first"),
            source: .chart { input in
                tallyChart(
                    input, .verticalBar, input.statistics.child.ageMonths,
                    title: "Age of the babies when they were injured",
                    subtitle: { "Number of \($0) by age in completed months, \(input.cases) in all" },
                    unit: "babies", axisTitle: "Age in completed months", labelledByKey: true)
            }),
        FigureDefinition(
            id: "agency-involvement", shows: "agency involvement at the time of the injury (pie)",
            categoryHeading: "Agency involvement", valuePrefix: "agency", order: .byValue,
            source: .chart { input in
                tallyChart(
                    input, .pie, input.statistics.agencyInvolvement,
                    title: "Agency involvement at the time of the injury",
                    subtitle: { "Number of \($0) by the highest level of involvement, \(input.cases) in all" },
                    unit: "families")
            }),
        FigureDefinition(
            id: "parent-features", shows: "features of the parents (bar)",
            categoryHeading: "Feature", valuePrefix: "parents", order: .byValue,
            source: .chart { input in
                tallyChart(
                    input, .horizontalBar, input.statistics.parents,
                    title: "Features of the parents",
                    subtitle: { "Number of \($0) with each feature, out of \(input.cases); a case can have several" },
                    unit: "cases")
            }),
        FigureDefinition(
            id: "whole-system-change", shows: "elements of whole-system change (diagram)",
            categoryHeading: "Element", valuePrefix: nil,
            order: .natural("the groups in the order Templates/figures/whole-system-change.yaml gives them"), source: .diagram),
        FigureDefinition(
            id: "injury-profiles", shows: "injury profiles by outcome (stacked bar)",
            categoryHeading: "Injury profile", valuePrefix: nil,
            order: .natural("the contract's profiles, from head injury with fractures to the least severe"),
            source: .chart(injuryProfiles)),
        FigureDefinition(
            id: "themes", shows: "cases in which each theme featured (bar)",
            categoryHeading: "Theme", valuePrefix: "theme", order: .byValue,
            source: .chart { input in
                tallyChart(
                    input, .horizontalBar, input.statistics.themes.cases,
                    title: "Cases in which each theme featured",
                    subtitle: { "Number of \($0), out of \(input.cases); a case can have several themes" },
                    unit: "cases")
            }),
        FigureDefinition(
            id: "local-review", shows: "cases by the kind of local review undertaken (bar)",
            categoryHeading: "Local review", valuePrefix: "local-review",
            order: .natural("no review, then the older serious case reviews, then LCSPRs, as the contract lists them"),
            source: .chart { input in
                tallyChart(
                    input, .verticalBar, input.statistics.cohort.localReviews,
                    title: "Cases by local review",
                    subtitle: { "Number of \($0) by the kind of local review undertaken, \(input.cases) in all" },
                    unit: "cases", axisTitle: "Local review")
            }),
    ]

    /// Built-in figures whose categories are ordered by their counts.
    static let orderedByCount: Set<String> = Set(all.filter { $0.order == .byValue }.map(\.id))

    /// The built-in figures and those the authors declared, alike from here on.
    static func all(declared: [DeclaredFigure]) -> [FigureDefinition] { all + declared.map(\.definition) }

    /// The definition with this id.
    public static func definition(_ id: String) -> FigureDefinition? { all.first { $0.id == id } }

    /// The figure's row in the table of figures in `docs/templates.md` (a test keeps the two in step).
    public static func guideRow(_ definition: FigureDefinition) -> String {
        let from =
            definition.diagramFile.map { ", content from `Templates/\($0)`" } ?? definition.declaredIn.map { ", declared in `\($0)`" } ?? ""
        let names = definition.valuePrefix.map { "`\($0).…`" } ?? "—"
        let order =
            switch definition.order {
            case .byValue: "largest first"
            case .natural(let order): "natural: \(order)"
            }
        return "| `\(definition.id)` | \(definition.shows)\(from) | \(order) | \(names) |"
    }

    /// Where the numbers come from, printed under every chart.
    static func sourceNote(_ review: Review) -> String {
        "Source: \(review.publisher), structured case summaries of the review cohort"
    }

    /// Where a diagram comes from, printed under it in its standalone file: the review's
    /// own findings, not the case counts.
    static func diagramSourceNote(_ review: Review) -> String {
        "Source: \(review.publisher), from the review's findings"
    }

    /// The placed figures, in number order. `numbers` comes from ``FigureNumbering``;
    /// a figure without a number (placed nowhere) is left out. `diagrams` holds
    /// each diagram's content by figure id.
    /// With `disclosure`, categories ordered by count put the withheld ones last, and
    /// the counts it withholds are marked in each chart's spec.
    /// `charts`: the charts already built in their own words (``chartBodies(_:review:)``),
    /// used as they are for every figure its chapter gave no words of its own.
    static func figures(
        _ statistics: CohortStatistics, review: Review, numbers: [String: Int],
        diagrams: [String: DiagramSpec], words: [String: FigureWords] = [:],
        disclosure: Disclosure? = nil, charts: [String: ChartBody] = [:], definitions: [FigureDefinition] = all
    ) -> [Figure] {
        return definitions.compactMap { definition -> Figure? in
            guard let number = numbers[definition.id] else { return nil }
            let own = words[definition.id] ?? FigureWords()
            switch definition.source {
            case .chart:
                var body =
                    (own == FigureWords() ? charts[definition.id] : nil)
                    ?? definition.chart(statistics, review: review, words: own)!
                if let disclosure {
                    // Categories ordered by their counts (a pie largest first) would rank
                    // withheld ones by their place, so they are put last, by label.
                    if definition.order == .byValue {
                        let order = disclosure.withheldLast(body.valueNames, labels: body.spec.categories.map(\.label))
                        body.spec.categories = order.map { body.spec.categories[$0] }
                        body.valueNames = order.map { body.valueNames[$0] }
                        body.caseIDs = order.map { body.caseIDs[$0] }
                    }
                    body.spec.categories = withholding(body, disclosure)
                    for (index, name) in body.setNames.enumerated() { body.spec.sets[index].suppressed = disclosure.isSuppressed(name) }
                    if let total = body.withheldTotal, disclosure.isSuppressed(total.name) {
                        body.spec.totalSuppressed = true
                        body.spec.subtitle = total.subtitle
                    }
                }
                var figure = Figure(
                    definition: definition, number: number, content: .chart(body.spec),
                    caseIDs: body.caseIDs, valueNames: body.valueNames)
                figure.setNames = body.setNames
                return figure
            case .diagram:
                guard let spec = diagrams[definition.id] else { return nil }
                return Figure(
                    definition: definition, number: number, content: .diagram(spec), caseIDs: [], valueNames: [],
                    caption: own.title)
            }
        }.sorted { $0.number < $1.number }
    }

    /// Every chart figure's chart, in its own words, by figure id: built once per
    /// build, for the order of the template values' families and for the figures.
    static func chartBodies(
        _ statistics: CohortStatistics, review: Review, definitions: [FigureDefinition] = all
    ) -> [String: ChartBody] {
        var bodies: [String: ChartBody] = [:]
        for definition in definitions {
            if let body = definition.chart(statistics, review: review) { bodies[definition.id] = body }
        }
        return bodies
    }

    /// A chart's categories with the counts `disclosure` withholds marked.
    static func withholding(_ body: ChartBody, _ disclosure: Disclosure) -> [ChartCategory] {
        let names = body.cellNames.isEmpty ? body.valueNames.map { (values: [$0], sum: $0) } : body.cellNames
        return zip(body.spec.categories, names).map { category, names in
            category.suppressing(
                Set(names.values.indices.filter { disclosure.isSuppressed(names.values[$0]) }),
                sum: disclosure.isSuppressed(names.sum))
        }
    }

    // MARK: - Building charts

    /// A chart of one tally: a category per tally category, in the figure's declared order.
    private static func tallyChart(
        _ input: FigureInputs, _ kind: ChartKind, _ unordered: Tally,
        title: String, subtitle: (String) -> String, unit: String, axisTitle: String? = nil,
        labelledByKey: Bool = false, slugged: Bool = false
    ) -> ChartBody {
        let id = input.definition.id
        let prefix = input.definition.valuePrefix ?? id
        let unit = input.words.unit ?? unit
        let tally = input.definition.order == .byValue ? largestFirst(unordered) : unordered
        let spec = ChartSpec(
            kind: kind, id: id, title: input.words.title ?? title, subtitle: subtitle(unit),
            categories: tally.categories.map { ChartCategory(label: labelledByKey ? $0.key : $0.label, value: $0.count) },
            unit: unit, total: input.cases, sourceNote: input.sourceNote, categoryAxisTitle: axisTitle)
        return ChartBody(
            spec: spec, caseIDs: tally.categories.map { ($0.label, $0.caseIDs) },
            valueNames: tally.categories.map { "\(prefix).\(slugged ? ReportValues.slug($0.key) : $0.key)" })
    }

    /// Largest first (ties keep the tally's order, which is the vocabulary's).
    private static func largestFirst(_ tally: Tally) -> Tally {
        Tally(
            total: tally.total,
            categories: tally.categories.enumerated()
                .sorted { ($1.element.count, $0.offset) < ($0.element.count, $1.offset) }.map(\.element))
    }

    /// Injury profiles split by outcome: the profiles that occur, died and seriously harmed side by side.
    private static func injuryProfiles(_ input: FigureInputs) -> ChartBody {
        let s = input.statistics
        let profiles = s.harm.injuryProfiles.categories.filter { $0.count > 0 }
        func count(_ detail: Tally, _ key: String) -> Int { detail.categories.first { $0.key == key }?.count ?? 0 }
        let unit = input.words.unit ?? "babies"
        let spec = ChartSpec(
            kind: .stackedHorizontalBar, id: input.definition.id, title: input.words.title ?? "Injury profiles by outcome",
            subtitle: "Number of \(unit) with each pattern of injuries, \(input.cases) in all",
            categories: profiles.map {
                ChartCategory(
                    label: $0.label,
                    values: [
                        count(s.harm.died.injuryProfiles, $0.key),
                        count(s.harm.seriouslyHarmed.injuryProfiles, $0.key),
                    ])
            },
            series: [Outcome.died.label, Outcome.seriouslyHarmed.label], unit: unit, total: input.cases,
            sourceNote: input.sourceNote)
        return ChartBody(
            spec: spec, caseIDs: profiles.map { ($0.label, $0.caseIDs) }, valueNames: [],
            cellNames: profiles.map { (["died.profile.\($0.key)", "harmed.profile.\($0.key)"], "profile.\($0.key)") })
    }
}
