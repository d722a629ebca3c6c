import ArgumentParser
import BuildInputs
import CaseModel
import Foundation
import OutputFolder
import Platform
import ReportRendering

/// `panel-report build`: validates the inputs and writes the report, figures, data and manifest.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Validate the inputs and write report.html, figures/*.svg, data/* and manifest.json.",
        discussion: """
            Nothing is written unless the inputs and templates are valid. The printed \
            publication date is review.yaml's 'published', always (SOURCE_DATE_EPOCH \
            never changes it); the same inputs always give the same bytes. A draft says \
            when it was built: SOURCE_DATE_EPOCH when set, otherwise the clock.

            With --if-changed, nothing is read but the inputs' and templates' digests: \
            when they, the kind of build, panel-report's version and every file of the \
            report match manifest.json, nothing is written (no timestamp changes) and \
            the run says so and exits 0. A draft's build time is not a change: an \
            unchanged draft keeps the time it was built, unless SOURCE_DATE_EPOCH is \
            set to another time.
            """)

    @OptionGroup var input: InputOptions

    @OptionGroup var templateOptions: TemplateOptions

    @Option(help: ArgumentHelp("Where to write the report (default: Output, or Output-draft with --draft, so a draft never sits among published "
        + "files).", valueName: "dir"))
    var output: String?

    /// Drafts carry case ids and unpublished learning: they go to their own folder.
    var outputFolder: String { output ?? (draft ? "Output-draft" : "Output") }

    @Flag(help: "Build a reviewers' draft: DRAFT banner, case ids, unpublished learning and a reviewers' annex.")
    var draft = false

    @Option(help: ArgumentHelp("An earlier draft's data/cases.json (cases and numbers that changed) or a published statistics.json (numbers); changes are "
        + "listed and highlighted (with --draft).", valueName: "path"))
    var baseline: String?

    @Option(name: .customLong("suppress-below"), help: ArgumentHelp("Publish every count from 1 to N-1 as [c], and withhold enough others that none can be "
        + "worked out (overrides review.yaml's disclosure.suppress_below; a draft shows true values, marked).", valueName: "N"))
    var suppressBelow: Int?

    @Flag(name: .customLong("if-changed"), help: ArgumentHelp("Build only if the inputs, templates, panel-report's version or the report's files differ "
        + "from the output's manifest.json; otherwise write nothing and exit 0."))
    var ifChanged = false

    @Flag(help: "Also print the report to report.pdf (A4, page numbers, bookmarks, tagged) with headless Chromium.")
    var pdf = false

    @Option(help: ArgumentHelp("The Chromium to print the PDF with (default: chromium on PATH).", valueName: "path"))
    var chromium: String?

    @OptionGroup var log: LogOptions

    func validate() throws {
        if let n = suppressBelow, !Review.suppressBelowRange.contains(n) {
            throw ValidationError("--suppress-below \(n): expected a whole number from \(Review.suppressBelowRange.lowerBound) to "
                + "\(Review.suppressBelowRange.upperBound) (counts from 1 to N-1 are withheld)")
        }
        if baseline != nil && !draft {
            throw ValidationError("--baseline marks changes in a reviewers' draft; add --draft")
        }
    }

    func run() throws {
        try reportingFailures(log) { clock in
            clock.begin("checking the output folder")
            // Where the report may go is settled first, before anything is read or created.
            try OutputPlace.check(output: outputFolder, inputs: input.inputs, templates: templateOptions.templates)
            // A build killed part-way is finished (or undone) before anything else happens there.
            try OutputWriter.recover(outputFolder, warn: Console.warning)
            let kind: OutputWriter.Kind = draft ? .draft : .published
            // A draft's time is read (and an invalid SOURCE_DATE_EPOCH refused) before any work.
            let pinned = draft ? try DraftClock.pinned().map(DraftClock.format) : nil
            // Digests first: a file edited while the build reads it makes the manifest
            // disagree with the inputs, so the next --if-changed builds again.
            clock.begin("hashing the inputs and templates")
            let sources = Manifest.sources(inputs: input.inputs, templates: templateOptions.templates, baseline: baseline, namingCases: draft,
                                           options: (suppressBelow.map { [("suppress-below", String($0))] } ?? []) + (pdf ? [("pdf", "yes")] : []))
            var because = ""
            if ifChanged {
                switch Manifest.verdict(in: outputFolder, kind: kind, sources: sources, draftBuilt: pinned, version: PanelReport.version) {
                case .upToDate(let manifest):
                    clock.finish()
                    Console.summary("panel-report: unchanged: \(OutputWriter.Folder(outputFolder).shown)/report.html is up to date with its inputs, "
                        + "templates and panel-report \(PanelReport.version) (\(manifest.sources.count) sources and \(manifest.files.count + 1) files "
                        + "checked); nothing was written (\(RunClock.format(clock.seconds)))",
                                    outcome: "unchanged", code: 0, seconds: clock.seconds)
                    return
                case .build(let reason):
                    because = "; built because \(reason)"
                }
            }
            clock.begin("loading and validating the inputs and templates")
            let ready = try Preparation.run(inputs: input.inputs, templates: templateOptions.templates, buildChecksTemplates: true, clock: clock)
            let (cohort, loaded, templateFiles) = (ready.cohort, ready.result, ready.templates)
            let baselineValue = try baseline.map { path -> Baseline in
                let bytes = try FileReading.wholeFile(path, role: " (--baseline)")
                // Named by its file name: a draft must not print the user's folders.
                do { return try Baseline(json: Data(bytes), name: URL(fileURLWithPath: path).lastPathComponent) } catch { throw Failure(.badData, "\(error)") }
            }
            // From the digests already taken for the manifest (a draft's name every file):
            // the files are not read a second time.
            let digest = InputDigest.combined(listing: sources.filter { $0.path.hasPrefix("inputs/") || $0.path.hasPrefix("templates/") }
                .map { ($0.path, $0.sha256) })
            let stamp = try draft ? DraftStamp(built: pinned ?? DraftClock.now(), inputs: String(digest.prefix(12))) : nil
            let options = BuildOptions(draft: draft,
                                       baseline: baselineValue, stamp: stamp, suppressBelow: suppressBelow)
            clock.begin("computing and rendering the report")
            let built: BuiltReport
            do throws(ReportBuildError) {
                built = try ReportBuilder.build(cohort, templates: templateFiles, options: options)
            } catch {
                for problem in error.problems { Console.problem(problem) }
                throw Failure(.badData, CohortReading.summary(inputs: input.inputs, result: nil, templateProblems: error.problems.count))
            }
            for warning in built.warnings { Console.problem(warning) }
            clock.begin("writing the report")
            let printed = try PDFPrinting.adding(to: built.files, when: pdf, chromium: chromium, published: cohort.review.published)
            let manifest = Manifest(kind: kind, draftBuilt: stamp?.built, sources: sources, files: printed, version: PanelReport.version)
            let files = printed + [(path: Manifest.fileName, bytes: manifest.data())]
            try OutputWriter.replace(outputFolder, kind: kind, with: files, warn: Console.warning)
            clock.finish()
            let cases = cohort.cases.count
            let warnings = loaded.warnings.count + built.warnings.count
            Console.summary("panel-report: built \(OutputWriter.Folder(outputFolder).shown)/report.html (\(draft ? "reviewers' draft" : "published"), "
                + "\(cases) \(cases == 1 ? "case" : "cases"), \(files.count) files, \(RunClock.format(clock.seconds)))"
                + (warnings == 0 ? "" : "; see the \(warnings == 1 ? "warning" : "\(warnings) warnings") above") + because,
                outcome: "built", code: 0, seconds: clock.seconds)
        }
    }
}
