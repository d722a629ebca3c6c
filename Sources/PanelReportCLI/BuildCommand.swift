import ArgumentParser
import BuildInputs
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

    @Option(
        help: ArgumentHelp(
            "Where to write the report (default: Output, or Output-draft with --draft, so a draft never sits among published "
                + "files).", valueName: "dir"))
    var output: String?

    /// Drafts carry case ids and unpublished learning: they go to their own folder.
    var outputFolder: String { output ?? (draft ? "Output-draft" : "Output") }

    @Flag(help: "Build a reviewers' draft: DRAFT banner, case ids, unpublished learning and a reviewers' annex.")
    var draft = false

    @Option(
        help: ArgumentHelp(
            "An earlier draft's data/cases.json (cases and numbers that changed) or a published statistics.json (numbers); changes are "
                + "listed and highlighted (with --draft).", valueName: "path"))
    var baseline: String?

    @Flag(
        name: .customLong("if-changed"),
        help: ArgumentHelp(
            "Build only if the inputs, templates, panel-report's version or the report's files differ "
                + "from the output's manifest.json; otherwise write nothing and exit 0."))
    var ifChanged = false

    @OptionGroup var report: ReportOptions

    @OptionGroup var log: LogOptions

    func validate() throws {
        if baseline != nil && !draft {
            throw ValidationError("--baseline marks changes in a reviewers' draft; add --draft")
        }
    }

    func run() throws {
        try reportingFailures(log) { clock in
            let building = Building(
                inputs: input.inputs, templates: templateOptions.templates, output: outputFolder, draft: draft, baseline: baseline,
                suppressBelow: report.suppressBelow, secondarySuppression: !report.withoutSecondarySuppression, ifChanged: ifChanged,
                pdf: report.pdf, chromium: report.chromium)
            let done = try building.run(clock)
            Console.summary(done.line, outcome: done.outcome, code: 0, seconds: clock.seconds)
        }
    }
}
