import CaseModel
import ChartLayout
import CohortStatistics
import Dispatch
import Foundation

/// The template files a build reads, as text (the CLI reads them from disk).
public struct TemplateFiles: Sendable {
    /// The templates folder, as the user named it (for messages about the whole folder).
    public var folder: String
    /// Chapter templates in reading order: (path for messages, text).
    public var chapters: [(path: String, text: String)]
    public var styleSheet: (path: String, text: String)
    /// Each diagram's content file by figure id (`figures/ID.yaml`; see ``FigureDefinition/diagramFile``).
    public var diagrams: [String: (path: String, text: String)]
    public init(folder: String, chapters: [(path: String, text: String)], styleSheet: (path: String, text: String),
                diagrams: [String: (path: String, text: String)]) {
        self.folder = folder
        self.chapters = chapters
        self.styleSheet = styleSheet
        self.diagrams = diagrams
    }
}

/// How to build.
public struct BuildOptions: Sendable {
    /// A reviewers' draft: banner, case ids, unpublished learning, reviewers' annex.
    public var draft: Bool
    /// Values from an earlier build, to mark changes (drafts only).
    public var baseline: Baseline?
    /// When a draft was built and from which inputs (drafts only; the CLI reads the clock).
    public var stamp: DraftStamp?
    /// `--suppress-below N`: counts from 1 to N-1 are published as `[c]`, taking
    /// precedence over review.yaml's `disclosure.suppress_below` (nil: review.yaml decides).
    /// A draft shows the true values and marks those a published build would withhold.
    public var suppressBelow: Int?
    /// Only `panel-report preview` sets this: the same-origin address of its
    /// reload script, which the page then loads and allows (and nothing else).
    /// Every report that is written keeps it nil, so it stays script-free.
    public var previewScript: String?
    public init(draft: Bool, baseline: Baseline? = nil, stamp: DraftStamp? = nil, suppressBelow: Int? = nil,
                previewScript: String? = nil) {
        self.draft = draft
        self.baseline = baseline
        self.stamp = stamp
        self.suppressBelow = suppressBelow
        self.previewScript = previewScript
    }
}

/// When a draft was built and from what, printed in its header instead of the publication date.
public struct DraftStamp: Sendable, Hashable {
    /// UTC, ISO 8601 (`2026-11-29T18:05:00Z`).
    public var built: String
    /// A short digest of the inputs and templates it was built from.
    public var inputs: String
    public init(built: String, inputs: String) {
        self.built = built
        self.inputs = inputs
    }
}

/// What a build writes, and the warnings its templates gave.
public struct BuiltReport: Sendable {
    /// Output files by path relative to the output folder, in a stable order.
    public var files: [(path: String, bytes: Data)]
    /// Things worth a look that did not stop the build.
    public var warnings: [TemplateProblem]
}

/// Problems that stop a build, every one of them: each names its file and, where
/// it has one, its line. They are all problems of the templates (the cohort was
/// validated before the build).
public struct ReportBuildError: Error, CustomStringConvertible {
    public var problems: [TemplateProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Builds every output file from a validated cohort and the templates: pure, in memory.
public enum ReportBuilder {
    /// The width of the charts and diagrams drawn for phones (the page switches below 641px).
    static let narrowWidth = 340.0

    /// Ids the page itself uses outside chapters and figures, so that no heading takes one.
    /// (Figures' own ids are `figure-N`, reserved as they are numbered; the ids
    /// inside a figure add `_…`, which a heading's id never contains.)
    static let pageIDs: Set<String> = [
        "main", "contents-heading", "changes", "reviewers-annex", "reviewers-cases-by-figure",
        "reviewers-data-quality", "reviewers-unpublished-learning"]

    /// Every problem of the templates, found the way a build finds them. With a
    /// valid cohort it is exactly what ``build(_:templates:options:)`` would refuse;
    /// without one (the inputs have errors of their own), everything but the names
    /// of values and themes is still checked, so one run reports both.
    /// Warnings come last, marked ``TemplateProblem/isWarning``.
    public static func check(_ cohort: Cohort?, templates: TemplateFiles) -> [TemplateProblem] {
        guard let cohort else {
            let read = read(templates, context: TemplateContext(values: nil, figureNumbers: FigureNumbering.numbers(templates.chapters), themes: nil))
            return read.problems + read.warnings
        }
        do {
            return try build(cohort, templates: templates, options: BuildOptions(draft: false)).warnings
        } catch {
            return error.problems
        }
    }

    /// The templates as read: chapters, diagrams, where each figure was placed, and every problem.
    private struct ReadTemplates {
        var chapters: [Chapter] = []
        var diagrams: [String: DiagramSpec] = [:]
        var placedFigures: [String: String] = [:]
        var figureWords: [String: FigureWords] = [:]
        var problems: [TemplateProblem] = []
        var warnings: [TemplateProblem] = []
    }

    private static func read(_ templates: TemplateFiles, context: TemplateContext) -> ReadTemplates {
        var result = ReadTemplates()
        result.problems += SourceCheck.styleSheet(templates.styleSheet.text, file: templates.styleSheet.path)
        for definition in FigureRegistry.all where definition.isDiagram {
            guard let file = templates.diagrams[definition.id] else {
                result.problems.append(TemplateProblem(file: "\(templates.folder)/\(definition.diagramFile!)", line: nil,
                                                       reason: .unreadable("no such file; it holds the content of figure \"\(definition.id)\"")))
                continue
            }
            switch DiagramSpecReader.read(file.text, file: file.path) {
            case .success(let spec): result.diagrams[definition.id] = spec
            case .failure(let problem): result.problems.append(problem)
            }
        }
        var state = DocumentState(reservedIDs: pageIDs.union(context.figureNumbers.values.map { "figure-\($0)" }))
        for template in templates.chapters {
            let (chapter, found, warnings) = ChapterReader.read(template.text, file: template.path, context: context, state: &state)
            result.problems += found
            result.warnings += warnings
            if let chapter { result.chapters.append(chapter) }
        }
        for definition in FigureRegistry.all where state.placedFigures[definition.id] == nil {
            result.problems.append(TemplateProblem(file: "\(templates.folder)/chapters", line: nil, reason: .figureNeverPlaced(definition.id)))
        }
        result.placedFigures = state.placedFigures
        result.figureWords = state.figureWords
        return result
    }

    /// Every output file, and the templates' warnings.
    public static func build(_ cohort: Cohort, templates: TemplateFiles, options: BuildOptions) throws(ReportBuildError) -> BuiltReport {
        let statistics = CohortStatistics(cohort)
        // Each chart is built once: its order orders the template values' families,
        // and it is the figure unless a chapter gives the figure words of its own.
        let charts = FigureRegistry.chartBodies(statistics, review: cohort.review)
        var values = ReportValues(statistics: statistics, review: cohort.review, charts: charts)
        let numbers = FigureNumbering.numbers(templates.chapters)
        // Disclosure control: what a published build withholds. A draft shows every
        // true value and marks what the published build would withhold.
        let disclosure = (options.suppressBelow ?? cohort.review.suppressBelow).map {
            Disclosure(threshold: $0, values: values, statistics: statistics)
        }
        let withholding = options.draft ? nil : disclosure
        if let withholding {
            for id in FigureRegistry.orderedByCount {
                if let prefix = FigureRegistry.definition(id)?.valuePrefix { values.moveWithheldLast(prefix, withholding) }
            }
        }
        let key = withholding.flatMap { $0.suppressesAnything ? $0.key : nil }
        let context = TemplateContext(values: values, figureNumbers: numbers, themes: cohort.vocabulary.themes.map(\.code),
                                      baseline: options.draft ? options.baseline : nil,
                                      disclosure: disclosure, marksWithheld: options.draft)
        // The chapters are read on one core (their placeholders need the values above).
        // Meanwhile the other lays the charts out as they are unless a chapter gives a
        // figure words of its own: a layout depends on its chart alone, so each one whose
        // chart turns out the same is kept, and any other is laid out again below.
        let diagramSourceNote = FigureRegistry.diagramSourceNote(cohort.review)
        let readSlot = Slots<ReadTemplates>(count: 1, empty: ReadTemplates())
        let earlySlot = Slots<[String: EarlyLayout]>(count: 1, empty: [:])
        DispatchQueue.concurrentPerform(iterations: 2) { job in
            if job == 0 {
                readSlot[0] = Self.read(templates, context: context)
            } else {
                var early: [String: EarlyLayout] = [:]
                for figure in FigureRegistry.figures(statistics, review: cohort.review, numbers: numbers, diagrams: [:],
                                                     disclosure: withholding, charts: charts) {
                    guard case .chart(let spec) = figure.content else { continue }
                    early[figure.id] = EarlyLayout(spec: spec, drawing: Self.drawings(figure, diagramSourceNote: diagramSourceNote))
                }
                earlySlot[0] = early
            }
        }
        let read = readSlot[0]
        let problems = read.problems
        guard problems.isEmpty else { throw ReportBuildError(problems: problems) }
        let chapters = read.chapters
        var figures = FigureRegistry.figures(statistics, review: cohort.review, numbers: numbers, diagrams: read.diagrams,
                                             words: read.figureWords, disclosure: withholding, charts: charts)
        if options.draft, let disclosure {
            let marked = FigureRegistry.figures(statistics, review: cohort.review, numbers: numbers, diagrams: read.diagrams,
                                                words: read.figureWords, disclosure: disclosure, charts: charts)
            // The published build may order its categories differently (withheld ones
            // last), so each row is matched to its category by label, not by position.
            for index in figures.indices {
                guard case .chart(let spec) = marked[index].content, case .chart(let own) = figures[index].content else { continue }
                let byLabel = Dictionary(spec.categories.map { ($0.label, $0) }, uniquingKeysWith: { first, _ in first })
                figures[index].wouldWithhold = own.categories.map { byLabel[$0.label] ?? $0 }
            }
        }

        // Scenes: inline ones without heading and source (the page prints them), standalone
        // ones with. Those not laid out above are laid out on whichever core is free; all
        // are then taken in figure order, so the first figure that cannot be drawn is the
        // one named.
        let drawings = Self.layOut(figures, diagramSourceNote: diagramSourceNote, early: earlySlot[0])
        var inline: [String: InlineScenes] = [:]
        var standalone: [(figure: Figure, scene: Scene)] = []
        var files: [(path: String, bytes: Data)] = []
        for (figure, drawing) in zip(figures, drawings) {
            switch drawing {
            case .failure(let error):
                throw Self.cannotDraw(figure, error, read: read, templates: templates)
            case .success(let scenes):
                if let scenes {
                    inline[figure.id] = scenes.inline
                    standalone.append((figure, scenes.standalone))
                }
            }
            if case .chart(let spec) = figure.content, let csv = figure.csvFile {
                files.append((csv, Self.bytes(FigureData.csv(spec, disclosureKey: key))))
            }
        }
        var draft: ReportPage.Draft?
        var records: [CaseRecord] = []
        if options.draft {
            records = cohort.cases.map { CaseRecord($0, vocabulary: cohort.vocabulary) }
            draft = ReportPage.Draft(baseline: options.baseline, stamp: options.stamp,
                                     changes: options.baseline.map { DraftChanges(values: values, records: records, baseline: $0) })
        }
        let page = ReportPage(review: cohort.review, statistics: statistics, chapters: chapters, figures: figures,
                              scenes: inline, css: templates.styleSheet.text, draft: draft,
                              disclosureKey: options.draft ? disclosure.flatMap { $0.suppressesAnything ? $0.draftKey : nil } : key,
                              previewScript: options.previewScript)

        // The page (about half the writing) on one core; the standalone figures and
        // the data files on the other. The same bytes, and the same first error, as
        // writing them one after the other: a figure's, then the page's.
        // What each job wrote: the page (job 0), the other files (job 1).
        let written = Slots<Result<[(path: String, bytes: Data)], ReportBuildError>>(count: 2, empty: .success([]))
        DispatchQueue.concurrentPerform(iterations: 2) { [standalone, values, records] job in
            if job == 0 {
                written[0] = Result { () throws(ReportBuildError) in
                    do {
                        return [("report.html", Self.bytes(try ReportHTMLWriter.html(page)))]
                    } catch {
                        // Every source was checked above; this is the writer's last line of defence.
                        throw ReportBuildError(problems: [TemplateProblem(file: templates.folder, line: nil, reason: .unreadable(
                            "the report could not be written: \(error)"))])
                    }
                }
            } else {
                written[1] = Result { () throws(ReportBuildError) in
                    var own: [(path: String, bytes: Data)] = []
                    for (figure, scene) in standalone {
                        do {
                            own.append((figure.svgFile, Self.bytes(try SceneSVGWriter.document(scene, id: figure.anchor))))
                        } catch {
                            throw Self.cannotDraw(figure, error, read: read, templates: templates)
                        }
                    }
                    own.append(("data/statistics.json", StatisticsFile(statistics: statistics, values: values, disclosure: withholding).data()))
                    if options.draft {
                        // The draft's own record, for a later draft to compare with (never in a published build).
                        own.append(("data/cases.json", DraftRecordFile(
                            built: options.stamp?.built ?? "", values: StatisticsFile.named(values), cases: records).json.fileData()))
                    }
                    return own
                }
            }
        }
        files += try written[1].get()
        files += try written[0].get()
        return BuiltReport(files: files.sorted { $0.path < $1.path }, warnings: read.warnings)
    }

    /// A file's bytes: the text's UTF-8, copied at once (`Data(text.utf8)` takes
    /// Data's generic path for any sequence).
    static func bytes(_ text: String) -> Data {
        var text = text
        return text.withUTF8 { Data($0) }
    }

    /// A figure's drawings: wide and narrow for the page, and the standalone file's.
    private struct Drawings: Sendable {
        var inline: InlineScenes
        var standalone: Scene
    }

    /// A chart's drawings laid out while the chapters were read, and the chart they are of.
    private struct EarlyLayout: Sendable {
        var spec: ChartSpec
        var drawing: Result<Drawings?, any Error>
    }

    /// Every figure's drawings, in figure order: those of `early` whose chart is the
    /// figure's, and the others laid out on both cores.
    private static func layOut(_ figures: [Figure], diagramSourceNote: String, early: [String: EarlyLayout]) -> [Result<Drawings?, any Error>] {
        let results = Slots<Result<Drawings?, any Error>>(count: figures.count, empty: .success(nil))
        var missing: [Int] = []
        for (index, figure) in figures.enumerated() {
            if case .chart(let spec) = figure.content, let laidOut = early[figure.id], laidOut.spec == spec {
                results[index] = laidOut.drawing
            } else {
                missing.append(index)
            }
        }
        if !missing.isEmpty {
            DispatchQueue.concurrentPerform(iterations: missing.count) { [missing] position in
                let index = missing[position]
                results[index] = drawings(figures[index], diagramSourceNote: diagramSourceNote)
            }
        }
        return results.all
    }

    /// A figure's drawings: `nil` for a pie with a withheld part (its angles would give
    /// it away: the page shows its table, with a note), the layout's error for a chart
    /// that cannot be drawn.
    private static func drawings(_ figure: Figure, diagramSourceNote: String) -> Result<Drawings?, any Error> {
        Result { () throws -> Drawings? in
            switch figure.content {
            case .chart(let spec) where spec.kind == .pie && spec.hasSuppression:
                return nil
            case .chart(let spec):
                return Drawings(
                    inline: InlineScenes(
                        wide: try ChartLayoutEngine.layout(spec, options: ChartLayoutOptions(includesHeading: false, includesSource: false)),
                        narrow: try ChartLayoutEngine.layout(spec, options: ChartLayoutOptions(
                            width: Self.narrowWidth, includesHeading: false, includesSource: false))),
                    standalone: try ChartLayoutEngine.layout(spec, options: ChartLayoutOptions()))
            case .diagram(let spec):
                // Like a chart: wide and narrow inline, and a standalone file that carries
                // its title and source line, so that it stands alone in a slide or a briefing.
                return Drawings(
                    inline: InlineScenes(
                        wide: DiagramLayout.layout(spec),
                        narrow: DiagramLayout.layout(spec, options: DiagramLayoutOptions(width: Self.narrowWidth))),
                    standalone: DiagramLayout.layout(spec, options: DiagramLayoutOptions(
                        heading: figure.title, sourceNote: diagramSourceNote)))
            }
        }
    }

    /// A figure that cannot be drawn, named at the chapter that places it.
    private static func cannotDraw(_ figure: Figure, _ error: any Error, read: ReadTemplates, templates: TemplateFiles) -> ReportBuildError {
        ReportBuildError(problems: [TemplateProblem(
            file: read.placedFigures[figure.id] ?? templates.folder, line: nil,
            reason: .figureCannotBeDrawn(figure: figure.id, why: "\(error)"))])
    }
}
