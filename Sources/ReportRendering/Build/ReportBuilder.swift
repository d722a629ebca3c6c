import CaseModel
import ChartLayout
import CohortStatistics
import Foundation
import SpreadsheetWriting

/// The template files a build reads, as text (the CLI reads them from disk).
public struct TemplateFiles: Sendable {
    /// The templates folder, as the user named it (for messages about the whole folder).
    public var folder: String
    /// Chapter templates in reading order: (path for messages, text).
    public var chapters: [(path: String, text: String)]
    public var styleSheet: (path: String, text: String)
    /// Each diagram's content file by figure id (`figures/ID.yaml`; see ``FigureDefinition/diagramFile``).
    public var diagrams: [String: (path: String, text: String)]
    /// Each analysis the authors declare, by figure id: every other `figures/ID.yaml`.
    public var declarations: [String: (path: String, text: String)]
    public init(
        folder: String, chapters: [(path: String, text: String)], styleSheet: (path: String, text: String),
        diagrams: [String: (path: String, text: String)], declarations: [String: (path: String, text: String)] = [:]
    ) {
        self.folder = folder
        self.chapters = chapters
        self.styleSheet = styleSheet
        self.diagrams = diagrams
        self.declarations = declarations
    }

    /// Every figure id a chapter may place: the built-in figures' and the declared ones'.
    var figureIDs: [String] { FigureRegistry.all.map(\.id) + declarations.keys.sorted() }
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
    /// Off only for the attacker's test (`--without-secondary-suppression`): small
    /// counts are withheld and nothing else, and the build does not refuse what its
    /// audit finds unprotected, so that the test can show it finds what that leaves open.
    public var secondarySuppression = true
    public init(
        draft: Bool, baseline: Baseline? = nil, stamp: DraftStamp? = nil, suppressBelow: Int? = nil,
        previewScript: String? = nil, secondarySuppression: Bool = true
    ) {
        self.secondarySuppression = secondarySuppression
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
        "reviewers-data-quality", "reviewers-unpublished-learning", DataSection.id,
    ]

    /// Every problem of the templates, found the way a build finds them. With a
    /// valid cohort it is exactly what ``build(_:templates:options:)`` would refuse.
    /// Without one (the inputs have errors of their own), one run still reports both:
    /// with a `frame` (``CaseValidation/CohortLoadResult/frame``: the review, areas and
    /// vocabulary, no cases) the names of values, families and themes and the declared
    /// figures are checked against it, since names come from the vocabulary and the
    /// contract, not from the cases; what depends on the counts (a format that does
    /// not fit a count of 0, the warnings) waits for valid cases. Without a frame,
    /// everything but names, themes and declarations is checked.
    /// Warnings come last, marked ``TemplateProblem/isWarning``.
    public static func check(_ cohort: Cohort?, frame: Cohort? = nil, templates: TemplateFiles) -> [TemplateProblem] {
        if cohort == nil, var frame {
            // The frame's own disclosure setting would only withhold zeros: leave it out.
            frame.review.suppressBelow = nil
            let prepared = PreparedBuild(frame, templates: templates, options: BuildOptions(draft: false))
            var context = prepared.context
            context.namesOnly = true
            return read(templates, context: context, declared: prepared.declarationProblems).problems
        }
        guard let cohort else {
            let read = read(
                templates,
                context: TemplateContext(
                    values: nil, figureNumbers: FigureNumbering.numbers(templates.chapters, ids: templates.figureIDs), themes: nil,
                    figureIDs: templates.figureIDs))
            return read.problems + read.warnings
        }
        do {
            return try build(cohort, templates: templates, options: BuildOptions(draft: false)).warnings
        } catch {
            return error.problems
        }
    }

    /// The templates as read: chapters, diagrams, where each figure was placed, and every problem.
    struct ReadTemplates {
        var chapters: [Chapter] = []
        var diagrams: [String: DiagramSpec] = [:]
        var placedFigures: [String: String] = [:]
        var figureWords: [String: FigureWords] = [:]
        var problems: [TemplateProblem] = []
        var warnings: [TemplateProblem] = []
    }

    private static func read(_ templates: TemplateFiles, context: TemplateContext, declared: [TemplateProblem] = []) -> ReadTemplates {
        var result = ReadTemplates()
        result.problems += declared
        result.problems += SourceCheck.styleSheet(templates.styleSheet.text, file: templates.styleSheet.path)
        for definition in FigureRegistry.all where definition.isDiagram {
            guard let file = templates.diagrams[definition.id] else {
                result.problems.append(
                    TemplateProblem(
                        file: "\(templates.folder)/\(definition.diagramFile!)", line: nil,
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
        for id in templates.figureIDs where state.placedFigures[id] == nil {
            result.problems.append(
                TemplateProblem(file: "\(templates.folder)/chapters", line: nil, reason: .figureNeverPlaced(id)))
        }
        result.placedFigures = state.placedFigures
        result.figureWords = state.figureWords
        return result
    }

    /// Every output file, and the templates' warnings, in five steps: the values
    /// and what is withheld, the templates read with them, the figures, their
    /// drawings, and the files.
    public static func build(_ cohort: Cohort, templates: TemplateFiles, options: BuildOptions) throws(ReportBuildError) -> BuiltReport {
        let prepared = PreparedBuild(cohort, templates: templates, options: options)
        if let disclosure = prepared.disclosure, !disclosure.problems.isEmpty, !options.draft {
            throw ReportBuildError(
                problems: disclosure.problems.map {
                    TemplateProblem(file: "--suppress-below \(disclosure.threshold)", line: nil, reason: .refused($0))
                })
        }
        let read = Self.read(templates, context: prepared.context, declared: prepared.declarationProblems)
        guard read.problems.isEmpty else { throw ReportBuildError(problems: read.problems) }
        let figures = prepared.figures(read)
        // In figure order, so that the first figure that cannot be drawn is the one named.
        var drawn: [(figure: Figure, drawings: Drawings?)] = []
        for figure in figures {
            do {
                drawn.append((figure, try drawings(figure, diagramSourceNote: prepared.diagramSourceNote)))
            } catch {
                throw Self.cannotDraw(figure, error, read: read, templates: templates)
            }
        }
        let tables = prepared.tables(figures)
        var files = try prepared.dataFiles(figures, tables: tables, templates: templates)
        for case (let figure, let drawings?) in drawn {
            do {
                files.append((figure.svgFile, Self.bytes(try SceneSVGWriter.document(drawings.standalone, id: figure.anchor))))
            } catch {
                throw Self.cannotDraw(figure, error, read: read, templates: templates)
            }
        }
        let scenes = Dictionary(uniqueKeysWithValues: drawn.compactMap { item in item.drawings.map { (item.figure.id, $0.inline) } })
        files.append(
            (
                "report.html",
                try prepared.page(chapters: read.chapters, figures: figures, scenes: scenes, tables: tables, templates: templates)
            ))
        return BuiltReport(files: files.sorted { $0.path < $1.path }, warnings: read.warnings)
    }

    /// `statistics.json` with every number as it is (`panel-report stats --format json`):
    /// the statistics, the built-in values and the declared figures' counts.
    public static func statisticsFile(_ cohort: Cohort, templates: TemplateFiles) throws(ReportBuildError) -> Data {
        let prepared = PreparedBuild(cohort, templates: templates, options: BuildOptions(draft: false))
        guard prepared.declarationProblems.isEmpty else { throw ReportBuildError(problems: prepared.declarationProblems) }
        return StatisticsFile(statistics: prepared.statistics, values: prepared.values).data()
    }

    /// A file's bytes: the text's UTF-8.
    static func bytes(_ text: String) -> Data { Data(text.utf8) }

    /// A figure's drawings: wide and narrow for the page, and the standalone file's.
    private struct Drawings {
        var inline: InlineScenes
        var standalone: Scene
    }

    /// A figure's drawings: `nil` for a pie with a withheld part (its angles would give
    /// it away: the page shows its table, with a note), the layout's error for a chart
    /// that cannot be drawn.
    private static func drawings(_ figure: Figure, diagramSourceNote: String) throws -> Drawings? {
        switch figure.content {
        case .chart(let spec) where spec.kind == .pie && spec.hasSuppression:
            return nil
        case .chart(let spec):
            return Drawings(
                inline: InlineScenes(
                    wide: try ChartLayoutEngine.layout(spec, options: ChartLayoutOptions(includesHeading: false, includesSource: false)),
                    narrow: try ChartLayoutEngine.layout(
                        spec,
                        options: ChartLayoutOptions(
                            width: Self.narrowWidth, includesHeading: false, includesSource: false))),
                standalone: try ChartLayoutEngine.layout(spec, options: ChartLayoutOptions()))
        case .diagram(let spec):
            // Like a chart: wide and narrow inline, and a standalone file that carries
            // its title and source line, so that it stands alone in a slide or a briefing.
            return Drawings(
                inline: InlineScenes(
                    wide: DiagramLayout.layout(spec),
                    narrow: DiagramLayout.layout(spec, options: DiagramLayoutOptions(width: Self.narrowWidth))),
                standalone: DiagramLayout.layout(
                    spec,
                    options: DiagramLayoutOptions(
                        heading: figure.title, sourceNote: diagramSourceNote)))
        }
    }

    /// A figure that cannot be drawn, named at the chapter that places it.
    private static func cannotDraw(_ figure: Figure, _ error: any Error, read: ReadTemplates, templates: TemplateFiles) -> ReportBuildError
    {
        ReportBuildError(problems: [
            TemplateProblem(
                file: read.placedFigures[figure.id] ?? templates.folder, line: nil,
                reason: .figureCannotBeDrawn(figure: figure.id, why: "\(error)"))
        ])
    }
}
