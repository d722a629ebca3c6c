import ArgumentParser
import BuildInputs
import CaseModel
import Foundation
import OutputFolder
import Platform
import ReportRendering

/// What `build` does, apart from its command line: `publish` builds through it
/// too, with `ifChanged`, so both follow the same rules.
struct Building {
    var inputs: String
    var templates: String
    var output: String
    var draft = false
    var baseline: String?
    var suppressBelow: Int?
    /// Off only for the attacker's test (see ``ReportOptions/withoutSecondarySuppression``).
    var secondarySuppression = true
    var ifChanged = false
    var pdf = false
    var chromium: String?

    /// The run's summary line, and what it did (built or unchanged).
    struct Done {
        var line: String
        var outcome: String
    }

    func run(_ clock: RunClock) throws -> Done {
        clock.begin("checking the output folder")
        // Where the report may go is settled first, before anything is read or created.
        try OutputPlace.check(output: output, inputs: inputs, templates: templates)
        // A build killed part-way is finished (or undone) before anything else happens there.
        try OutputWriter.recover(output, warn: Console.warning)
        let kind: OutputWriter.Kind = draft ? .draft : .published
        // A draft's time is read (and an invalid SOURCE_DATE_EPOCH refused) before any work.
        let pinned = draft ? try DraftClock.pinned().map(DraftClock.format) : nil
        // Digests first: a file edited while the build reads it makes the record
        // disagree with the inputs, so the next --if-changed builds again.
        clock.begin("hashing the inputs and templates")
        let sources = BuildSource.list(
            inputs: inputs, templates: templates, baseline: baseline, namingCases: draft,
            options: (suppressBelow.map { [("suppress-below", String($0))] } ?? []) + (pdf ? [("pdf", "yes")] : [])
                + (secondarySuppression ? [] : [("secondary-suppression", "off")]))
        var because = ""
        if ifChanged {
            switch Manifest.verdict(in: output, kind: kind, sources: sources, draftBuilt: pinned, version: PanelReport.version) {
            case .upToDate(let manifest, let sources):
                clock.finish()
                return Done(
                    line: "panel-report: unchanged: \(OutputWriter.Folder(output).shown)/report.html is up to date with its inputs, "
                        + "templates and panel-report \(PanelReport.version) (\(sources.count) sources and \(manifest.files.count + 1) files "
                        + "checked); nothing was written (\(RunClock.format(clock.seconds)))", outcome: "unchanged")
            case .build(let reason):
                because = "; built because \(reason)"
            }
        }
        clock.begin("loading and validating the inputs and templates")
        let ready = try Preparation.run(inputs: inputs, templates: templates, buildChecksTemplates: true, clock: clock)
        let (cohort, loaded, templateFiles) = (ready.cohort, ready.result, ready.templates)
        let baselineValue = try baseline.map { path -> Baseline in
            let bytes = try FileReading.wholeFile(path, role: " (--baseline)")
            // Named by its file name: a draft must not print the user's folders.
            do { return try Baseline(json: Data(bytes), name: URL(fileURLWithPath: path).lastPathComponent) } catch {
                throw Failure(.badData, "\(error)")
            }
        }
        // From the digests already taken for the record (a draft's name every file):
        // the files are not read a second time.
        let digest = InputDigest.combined(
            listing: sources.filter { $0.path.hasPrefix("inputs/") || $0.path.hasPrefix("templates/") }
                .map { ($0.path, $0.sha256) })
        let stamp = try draft ? DraftStamp(built: pinned ?? DraftClock.now(), inputs: String(digest.prefix(12))) : nil
        let options = BuildOptions(
            draft: draft,
            baseline: baselineValue, stamp: stamp, suppressBelow: suppressBelow, secondarySuppression: secondarySuppression)
        clock.begin("computing and rendering the report")
        let built: BuiltReport
        do throws(ReportBuildError) {
            built = try ReportBuilder.build(cohort, templates: templateFiles, options: options)
        } catch {
            for problem in error.problems { Console.problem(problem) }
            let disclosure = error.problems.filter { $0.file.hasPrefix("--suppress-below") }.count
            throw Failure(
                .badData,
                CohortReading.summary(inputs: inputs, result: nil, templateProblems: error.problems.count, disclosure: disclosure))
        }
        for warning in built.warnings { Console.problem(warning) }
        clock.begin("writing the report")
        let printed = try PDFPrinting.adding(to: built.files, when: pdf, chromium: chromium, published: cohort.review.published)
        let manifest = Manifest(kind: kind, draftBuilt: stamp?.built, files: printed, version: PanelReport.version)
        let files = printed + [(path: Manifest.fileName, bytes: manifest.data())]
        try OutputWriter.replace(output, kind: kind, with: files, sources: sources, warn: Console.warning)
        clock.finish()
        let cases = cohort.cases.count
        let warnings = loaded.warnings.count + built.warnings.count
        return Done(
            line: "panel-report: built \(OutputWriter.Folder(output).shown)/report.html (\(draft ? "reviewers' draft" : "published"), "
                + "\(cases) \(cases == 1 ? "case" : "cases"), \(files.count) files, \(RunClock.format(clock.seconds)))"
                + (warnings == 0 ? "" : "; see the \(warnings == 1 ? "warning" : "\(warnings) warnings") above") + because,
            outcome: "built")
    }
}
