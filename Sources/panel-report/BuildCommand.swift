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

    @Option(help: ArgumentHelp("The templates folder: chapters/*.md, report.css, figures/figure-7.yaml.", valueName: "dir"))
    var templates: String = "Templates"

    @Option(help: ArgumentHelp("Where to write the report (default: Output, or Output-draft with --draft, so a draft never sits among published files).", valueName: "dir"))
    var output: String?

    /// Drafts carry case ids and unpublished learning: they go to their own folder.
    var outputFolder: String { output ?? (draft ? "Output-draft" : "Output") }

    @Flag(help: "Build a reviewers' draft: DRAFT banner, case ids, unpublished learning and a reviewers' annex.")
    var draft = false

    @Option(help: ArgumentHelp("A statistics.json from an earlier build; changed numbers are highlighted (with --draft).", valueName: "path"))
    var baseline: String?

    func validate() throws {
        if baseline != nil && !draft {
            throw ValidationError("--baseline marks changes in a reviewers' draft; add --draft")
        }
    }

    func run() throws {
        try reportingFailures {
            // Where the report may go is settled first, before anything is read or created.
            try OutputPlace.check(output: outputFolder, inputs: input.inputs, templates: templates)
            // A build killed part-way is finished (or undone) before anything else happens there.
            try OutputWriter.recover(outputFolder)
            let (cohort, loaded) = try CohortReading.load(input.inputs)
            let templateFiles = try TemplateReading.read(templates)
            let baselineValue = try baseline.map { path -> Baseline in
                let bytes = try FileReading.wholeFile(path, role: " (--baseline)")
                do { return try Baseline(json: Data(bytes), name: path) } catch { throw Failure(.badData, "\(error)") }
            }
            let options = BuildOptions(draft: draft, published: try ReportDate.published(cohort.review),
                                       baseline: baselineValue)
            let files: [(path: String, bytes: Data)]
            do {
                files = try ReportBuilder.build(cohort, templates: templateFiles, options: options)
            } catch let error as ReportBuildError {
                throw Failure(.badData, lines: error.problems + ["panel-report: \(error.problems.count) template \(error.problems.count == 1 ? "problem" : "problems"); nothing was written"])
            }
            try OutputWriter.replace(outputFolder, kind: draft ? .draft : .published, with: files)
            let cases = cohort.cases.count
            let warnings = loaded.warnings.count
            Console.error("panel-report: wrote \(outputFolder)/report.html (\(draft ? "reviewers' draft" : "published"), \(cases) \(cases == 1 ? "case" : "cases"), \(files.count) files)"
                + (warnings == 0 ? "" : "; see the \(warnings == 1 ? "warning" : "\(warnings) warnings") above"))
        }
    }
}
