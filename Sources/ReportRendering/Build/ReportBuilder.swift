import CaseModel
import ChartLayout
import CohortStatistics
import Foundation

/// The template files a build reads, as text (the CLI reads them from disk).
public struct TemplateFiles: Sendable {
    /// Chapter templates in reading order: (path for messages, text).
    public var chapters: [(path: String, text: String)]
    public var styleSheet: String
    public var diagram: (path: String, text: String)
    public init(chapters: [(path: String, text: String)], styleSheet: String, diagram: (path: String, text: String)) {
        self.chapters = chapters
        self.styleSheet = styleSheet
        self.diagram = diagram
    }
}

/// How to build.
public struct BuildOptions: Sendable {
    /// A reviewers' draft: banner, case ids, unpublished learning, reviewers' annex.
    public var draft: Bool
    /// The date printed as the publication date (never the wall clock).
    public var published: ISODate
    /// Values from an earlier build, to mark changes (drafts only).
    public var baseline: Baseline?
    public init(draft: Bool, published: ISODate, baseline: Baseline? = nil) {
        self.draft = draft
        self.published = published
        self.baseline = baseline
    }
}

/// Problems that stop a build, every one of them.
public struct ReportBuildError: Error, CustomStringConvertible {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}

/// Builds every output file from a validated cohort and the templates: pure, in memory.
public enum ReportBuilder {
    /// The width of the charts drawn for phones (the page switches below 641px).
    static let narrowWidth = 340.0

    /// Output files by path relative to the output folder, in a stable order.
    public static func build(_ cohort: Cohort, templates: TemplateFiles, options: BuildOptions) throws -> [(path: String, bytes: Data)] {
        let statistics = CohortStatistics(cohort)
        let values = ReportValues(statistics: statistics, review: cohort.review, published: options.published)
        var problems: [String] = []

        var diagram = DiagramSpec(centre: "", groups: [])
        switch DiagramSpecReader.read(templates.diagram.text, file: templates.diagram.path) {
        case .success(let spec): diagram = spec
        case .failure(let problem): problems.append(problem.description)
        }
        let figures = FigureCatalog.figures(statistics, review: cohort.review, diagram: diagram)

        // Chapters, with every template problem collected.
        let context = TemplateContext(
            values: values, figureNumbers: Dictionary(uniqueKeysWithValues: figures.map { ($0.id, $0.number) }),
            themes: cohort.vocabulary.themes.map(\.code), baseline: options.draft ? options.baseline?.values : nil)
        // Ids the page itself uses, so no heading takes one.
        var state = DocumentState(reservedIDs: Set(figures.map(\.id)).union([
            "main", "contents-heading", "changes", "reviewers-annex", "reviewers-cases-by-figure",
            "reviewers-data-quality", "reviewers-unpublished-learning"]))
        var chapters: [Chapter] = []
        var templateProblems: [TemplateProblem] = []
        for template in templates.chapters {
            let (chapter, found) = ChapterReader.read(template.text, file: template.path, context: context, state: &state)
            templateProblems += found
            if let chapter { chapters.append(chapter) }
        }
        for figure in figures where state.placedFigures[figure.id] == nil {
            templateProblems.append(TemplateProblem(file: "Templates/chapters", line: 0, reason: .figureNeverPlaced(figure.id)))
        }
        problems += templateProblems.map(\.description)
        guard problems.isEmpty else { throw ReportBuildError(problems: problems) }

        // Scenes: inline ones without heading and source (the page prints them), standalone ones with.
        var inline: [String: InlineScenes] = [:]
        var files: [(path: String, bytes: Data)] = []
        for figure in figures {
            let standalone: Scene
            switch figure.content {
            case .chart(let spec):
                do {
                    inline[figure.id] = InlineScenes(
                        wide: try ChartLayoutEngine.layout(spec, options: ChartLayoutOptions(includesHeading: false, includesSource: false)),
                        narrow: try ChartLayoutEngine.layout(spec, options: ChartLayoutOptions(
                            width: Self.narrowWidth, includesHeading: false, includesSource: false)))
                    standalone = try ChartLayoutEngine.layout(spec, options: ChartLayoutOptions())
                } catch {
                    throw ReportBuildError(problems: ["Figure \(figure.number) (\(figure.id)): \(error)"])
                }
                files.append(("data/\(figure.id).csv", Data(FigureData.csv(spec).utf8)))
            case .diagram(let spec):
                standalone = DiagramLayout.layout(spec)
                inline[figure.id] = InlineScenes(wide: standalone, narrow: nil)
            }
            files.append(("figures/\(figure.id).svg", Data(try SceneSVGWriter.document(standalone, id: figure.id).utf8)))
        }
        files.append(("data/statistics.json", try StatisticsFile(statistics: statistics, values: values).data()))

        let draft = options.draft
            ? ReportPage.Draft(baseline: options.baseline, changes: Self.changes(values, baseline: options.baseline)) : nil
        let page = ReportPage(review: cohort.review, statistics: statistics, chapters: chapters, figures: figures,
                              scenes: inline, css: templates.styleSheet, published: options.published, draft: draft)
        files.append(("report.html", Data(try ReportHTMLWriter.html(page).utf8)))
        return files.sorted { $0.path < $1.path }
    }

    /// Named values that differ from the baseline, by name: changed, new and removed.
    static func changes(_ values: ReportValues, baseline: Baseline?) -> [(name: String, previous: String, current: String)] {
        guard let baseline else { return [] }
        func text(_ value: TemplateValue) -> String {
            switch value {
            case .count(let n, let total?): "\(NumberFormat.integer(n)) of \(NumberFormat.integer(total))"
            case .count(let n, nil): NumberFormat.integer(n)
            case .ratio(let r): "\(NumberFormat.integer(r.count)) to \(NumberFormat.integer(r.total))"
            case .text(let s): s
            }
        }
        let current = values.values.keys.sorted().compactMap { name -> (name: String, previous: String, current: String)? in
            let now = values[name]!
            guard let before = baseline.values[name] else { return (name, "not in the baseline", text(now)) }
            return before == now ? nil : (name, text(before), text(now))
        }
        // Names the baseline had that this build has not (a theme or label removed).
        let removed = baseline.values.keys.filter { values[$0] == nil }.sorted().map { name in
            (name: name, previous: text(baseline.values[name]!), current: "no longer counted")
        }
        return (current + removed).sorted { $0.name < $1.name }
    }
}
