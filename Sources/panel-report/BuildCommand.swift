import ArgumentParser
import CaseModel
import Foundation
import ReportRendering

/// `panel-report build`: validates the inputs and writes the report, figures and data.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Validate the inputs and write report.html, figures/*.svg and data/*.",
        discussion: """
            Nothing is written unless the inputs and templates are valid. The printed \
            publication date is review.yaml's 'published', or SOURCE_DATE_EPOCH when set; \
            the same inputs always give the same bytes.
            """)

    @OptionGroup var input: InputOptions

    @OptionGroup var templateOptions: TemplateOptions

    @Option(help: ArgumentHelp("Where to write the report (default: Output, or Output-draft with --draft, so a draft never sits among published files).", valueName: "dir"))
    var output: String?

    /// Drafts carry case ids and unpublished learning: they go to their own folder.
    var outputFolder: String { output ?? (draft ? "Output-draft" : "Output") }

    @Flag(help: "Build a reviewers' draft: DRAFT banner, case ids, unpublished learning and a reviewers' annex.")
    var draft = false

    @Option(help: ArgumentHelp("An earlier draft's data/cases.json (cases and numbers that changed) or a published statistics.json (numbers); changes are listed and highlighted (with --draft).", valueName: "path"))
    var baseline: String?

    @Flag(help: "Also print the report to report.pdf (A4, page numbers, bookmarks, tagged) with headless Chromium.")
    var pdf = false

    @Option(help: ArgumentHelp("The Chromium to print the PDF with (default: chromium on PATH).", valueName: "path"))
    var chromium: String?

    func validate() throws {
        if baseline != nil && !draft {
            throw ValidationError("--baseline marks changes in a reviewers' draft; add --draft")
        }
    }

    func run() throws {
        try reportingFailures {
            // Where the report may go is settled first, before anything is read or created.
            try OutputPlace.check(output: outputFolder, inputs: input.inputs, templates: templateOptions.templates)
            // A build killed part-way is finished (or undone) before anything else happens there.
            try OutputWriter.recover(outputFolder)
            let ready = try Preparation.run(inputs: input.inputs, templates: templateOptions.templates, buildChecksTemplates: true)
            let (cohort, loaded, templateFiles) = (ready.cohort, ready.result, ready.templates)
            let baselineValue = try baseline.map { path -> Baseline in
                let bytes = try FileReading.wholeFile(path, role: " (--baseline)")
                // Named by its file name: a draft must not print the user's folders.
                do { return try Baseline(json: Data(bytes), name: URL(fileURLWithPath: path).lastPathComponent) } catch { throw Failure(.badData, "\(error)") }
            }
            let stamp = draft ? DraftStamp(built: try DraftClock.now(), inputs: String(InputDigest.combined(
                [("inputs", input.inputs), ("templates", templateOptions.templates)]).prefix(12))) : nil
            let options = BuildOptions(draft: draft, published: try ReportDate.published(cohort.review),
                                       baseline: baselineValue, stamp: stamp)
            let built: BuiltReport
            do throws(ReportBuildError) {
                built = try ReportBuilder.build(cohort, templates: templateFiles, options: options)
            } catch {
                throw Failure(.badData, lines: error.problems.map(\.description)
                    + [CohortReading.summary(inputs: input.inputs, result: nil, templateProblems: error.problems.count)])
            }
            for warning in built.warnings { Console.error(warning.description) }
            let files = try PDFPrinting.adding(to: built.files, when: pdf, chromium: chromium, published: options.published)
            try OutputWriter.replace(outputFolder, kind: draft ? .draft : .published, with: files)
            let cases = cohort.cases.count
            let warnings = loaded.warnings.count + built.warnings.count
            Console.error("panel-report: wrote \(outputFolder)/report.html (\(draft ? "reviewers' draft" : "published"), \(cases) \(cases == 1 ? "case" : "cases"), \(files.count) files)"
                + (warnings == 0 ? "" : "; see the \(warnings == 1 ? "warning" : "\(warnings) warnings") above"))
        }
    }
}
