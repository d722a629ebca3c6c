import CaseModel
import ChartLayout
import CohortStatistics
import Foundation
import SpreadsheetWriting

/// The first step of a build: the cohort's statistics and charts, the values the
/// templates may name, and what a published build withholds. The later steps ask
/// it for the figures, the data files and the page.
struct PreparedBuild {
    let cohort: Cohort
    let options: BuildOptions
    let statistics: CohortStatistics
    /// Each chart is built once: its order orders the template values' families, and
    /// it is the figure unless a chapter gives the figure words of its own.
    let charts: [String: ChartBody]
    let values: ReportValues
    let numbers: [String: Int]
    /// Disclosure control: what a published build withholds. A draft shows every
    /// true value and marks what the published build would withhold.
    let disclosure: Disclosure?
    /// What this build withholds: the disclosure, unless this is a draft.
    let withholding: Disclosure?
    /// What `[c]` means, when this build withholds anything.
    let key: String?
    private(set) var context: TemplateContext
    let diagramSourceNote: String
    /// The analyses the authors declared, counted over the cohort.
    let declared: [DeclaredFigure]
    /// Every figure the report can show: built-in and declared alike.
    let definitions: [FigureDefinition]
    /// The declarations' problems, each located in its file.
    let declarationProblems: [TemplateProblem]
    /// Every case's fields, for a draft's annex and its record (empty in a published build).
    let records: [CaseRecord]

    init(_ cohort: Cohort, templates: TemplateFiles, options: BuildOptions) {
        self.cohort = cohort
        self.options = options
        let statistics = CohortStatistics(cohort)
        self.statistics = statistics
        let fields = CodedFields.cases(vocabulary: cohort.vocabulary, areas: cohort.areas)
        var declared: [DeclaredFigure] = []
        var problems: [TemplateProblem] = []
        var unread: Set<String> = []
        for id in templates.declarations.keys.sorted() {
            let file = templates.declarations[id]!
            switch FigureDeclarationReader.read(file.text, file: file.path, id: id, fields: fields) {
            case .success(let declaration): declared.append(DeclaredFigure(declaration, cases: cohort.cases, fields: fields))
            case .failure(let found):
                problems += found.problems
                unread.insert(id)
            }
        }
        self.declared = declared
        declarationProblems = problems
        let definitions = FigureRegistry.all(declared: declared)
        self.definitions = definitions
        charts = FigureRegistry.chartBodies(statistics, review: cohort.review, definitions: definitions)
        var values = ReportValues(statistics: statistics, review: cohort.review, charts: charts, declared: declared)
        numbers = FigureNumbering.numbers(templates)
        let disclosure = (options.suppressBelow ?? cohort.review.suppressBelow).map {
            Disclosure(
                threshold: $0, values: values, statistics: statistics, cohort: cohort, secondary: options.secondarySuppression)
        }
        self.disclosure = disclosure
        let withholding = options.draft ? nil : disclosure
        self.withholding = withholding
        if let withholding {
            for definition in definitions where definition.order == .byValue {
                if let prefix = definition.valuePrefix { values.moveWithheldLast(prefix, withholding) }
            }
        }
        self.values = values
        key = withholding.flatMap { $0.suppressesAnything ? $0.key : nil }
        context = TemplateContext(
            values: values, figureNumbers: numbers, themes: cohort.vocabulary.themes.map(\.code),
            baseline: options.draft ? options.baseline : nil,
            disclosure: disclosure, marksWithheld: options.draft, figureIDs: templates.figureIDs)
        context.unreadDeclarations = unread
        context.properNames = cohort.vocabulary.properNames + Region.allCases.map(\.label)
        diagramSourceNote = FigureRegistry.diagramSourceNote(cohort.review)
        records = options.draft ? cohort.cases.map { CaseRecord($0, vocabulary: cohort.vocabulary) } : []
    }

    /// Every figure, with the words the chapters gave it; in a draft with
    /// disclosure control, each chart row marked with what the published build withholds.
    func figures(_ read: ReportBuilder.ReadTemplates) -> [Figure] {
        var figures = figures(read, disclosure: withholding)
        guard options.draft, let disclosure else { return figures }
        let marked = self.figures(read, disclosure: disclosure)
        // The published build may order its categories differently (withheld ones
        // last): its table's rows are matched to the draft's by label, not by position.
        for index in figures.indices {
            guard case .chart(let spec) = marked[index].content else { continue }
            figures[index].wouldWithhold = spec
        }
        return figures
    }

    private func figures(_ read: ReportBuilder.ReadTemplates, disclosure: Disclosure?) -> [Figure] {
        FigureRegistry.figures(
            statistics, review: cohort.review, numbers: numbers, diagrams: read.diagrams,
            words: read.figureWords, disclosure: disclosure, charts: charts, definitions: definitions)
    }

    /// The data behind the figures: a CSV file for each chart, `statistics.json`,
    /// the report's tables as a workbook in both formats (``ReportTables``) and, in a draft only, `cases.json` (the draft's own record, for a later draft
    /// to compare with).
    func dataFiles(_ figures: [Figure], tables book: Spreadsheet, templates: TemplateFiles) throws(ReportBuildError) -> [(
        path: String, bytes: Data
    )] {
        var files: [(path: String, bytes: Data)] = []
        for figure in figures {
            if case .chart(let spec) = figure.content, let csv = figure.csvFile {
                files.append((csv, ReportBuilder.bytes(FigureData.csv(spec, disclosureKey: key))))
            }
        }
        files.append(("data/statistics.json", StatisticsFile(statistics: statistics, values: values, disclosure: withholding).data()))
        do {
            files.append((ReportTables.odsFile, Data(try ODSWriter.data(book))))
            files.append((ReportTables.xlsxFile, Data(try XLSXWriter.data(book))))
        } catch {
            throw ReportBuildError(problems: [
                TemplateProblem(file: templates.folder, line: nil, reason: .unreadable("the tables could not be written: \(error)"))
            ])
        }
        if options.draft {
            files.append(
                (
                    "data/cases.json",
                    DraftRecordFile(
                        built: options.stamp?.built ?? "", inputs: options.stamp?.inputs ?? "", values: StatisticsFile.named(values),
                        cases: records
                    ).data()
                ))
        }
        return files
    }

    /// The report's tables as one workbook model, for both formats and the page's Data section.
    func tables(_ figures: [Figure]) -> Spreadsheet {
        ReportTables.spreadsheet(review: cohort.review, statistics: statistics, figures: figures, disclosure: withholding, key: key)
    }

    /// The page, with its figures drawn inline.
    func page(
        chapters: [Chapter], figures: [Figure], scenes: [String: InlineScenes],
        tables: Spreadsheet, templates: TemplateFiles
    ) throws(ReportBuildError) -> Data {
        var draft: ReportPage.Draft?
        if options.draft {
            draft = ReportPage.Draft(
                baseline: options.baseline, stamp: options.stamp,
                changes: options.baseline.map { DraftChanges(values: values, records: records, baseline: $0) })
            if let disclosure {
                draft?.withheld = values.names.compactMap { name in
                    guard disclosure.isSuppressed(name), case .count(let n, _) = values[name] else { return nil }
                    return ReportPage.Draft.Withheld(
                        title: values.titles[name] ?? name, value: n, range: disclosure.ranges[name]?.description,
                        small: disclosure.primary.contains(name))
                }
                draft?.disclosureProblems = disclosure.problems
            }
        }
        let page = ReportPage(
            review: cohort.review, statistics: statistics, chapters: chapters, figures: figures,
            scenes: scenes, css: templates.styleSheet.text, draft: draft,
            disclosureKey: options.draft ? disclosure.flatMap { $0.suppressesAnything ? $0.draftKey : nil } : key,
            previewScript: options.previewScript,
            tableSheets: tables.sheets.filter { !ReportTables.frontSheets.contains($0.name) }.map {
                ReportPage.TableSheet(name: $0.name, title: $0.title)
            })
        do {
            return ReportBuilder.bytes(try ReportHTMLWriter.html(page))
        } catch {
            // Every source was checked before; this is the writer's last line of defence.
            throw ReportBuildError(problems: [
                TemplateProblem(
                    file: templates.folder, line: nil,
                    reason: .unreadable(
                        "the report could not be written: \(error)"))
            ])
        }
    }
}
