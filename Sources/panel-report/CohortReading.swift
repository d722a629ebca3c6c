import CaseLoading
import CaseModel
import CaseValidation
import Foundation
import ReportRendering

/// Loads and validates the inputs, printing every diagnostic; the cohort only if valid.
enum CohortReading {
    /// At most this many diagnostics are printed; the rest are counted.
    static let printLimit = 200

    /// The inputs as loaded, every diagnostic printed. Throws only when the folder itself is missing.
    static func loadPrinting(_ inputs: String) throws -> CohortLoadResult {
        let fs = DiskFileSystem()
        guard fs.isDirectory(atPath: inputs) else {
            throw Failure(.missingInput, "\(inputs): no such folder; point --inputs at a folder with review.yaml, areas.yaml, vocabulary.yaml and cases/")
        }
        let result = CohortLoader.load(inputs: inputs, fileSystem: fs)
        let shown = result.diagnostics.prefix(printLimit)
        for diagnostic in shown { Console.error(diagnostic.description) }
        if result.diagnostics.count > shown.count {
            Console.error("… and \(result.diagnostics.count - shown.count) more problems not shown")
        }
        return result
    }

    /// The valid cohort, or a failure after every diagnostic is printed (for `stats`, which needs no templates).
    static func load(_ inputs: String) throws -> (cohort: Cohort, result: CohortLoadResult) {
        let result = try loadPrinting(inputs)
        guard let cohort = result.cohort else {
            throw Failure(missingInput(inputs) ? .missingInput : .badData, summary(inputs: inputs, result: result, templateProblems: 0))
        }
        return (cohort, result)
    }

    /// Whether a required input file is not there at all: a missing input (66), not bad data (65).
    static func missingInput(_ inputs: String) -> Bool {
        let fs = DiskFileSystem()
        return ["review.yaml", "areas.yaml", "vocabulary.yaml"].contains { name in
            (try? fs.fileSize(atPath: inputs + "/" + name)) == nil
        } || (!fs.isDirectory(atPath: inputs + "/cases") && ["cases.csv", "cases.xlsx"].allSatisfy { (try? fs.fileSize(atPath: inputs + "/" + $0)) == nil })
    }

    /// "panel-report: 3 errors in Inputs and 1 template problem; nothing was written".
    static func summary(inputs: String, result: CohortLoadResult?, templateProblems: Int) -> String {
        var parts: [String] = []
        if let result, result.cohort == nil {
            let errors = result.errors.count
            parts.append("\(errors) \(errors == 1 ? "error" : "errors") in \(inputs)")
        }
        if templateProblems > 0 {
            parts.append("\(templateProblems) template \(templateProblems == 1 ? "problem" : "problems")")
        }
        return "panel-report: \(parts.joined(separator: " and ")); nothing was written"
    }
}

/// What `validate` and `build` check before anything is written: the inputs and
/// the templates, every problem of both printed in one run.
enum Preparation {
    struct Ready {
        var cohort: Cohort
        var result: CohortLoadResult
        var templates: TemplateFiles
        /// Template warnings printed (only when the templates were checked here).
        var templateWarnings: Int
    }

    /// With `buildChecksTemplates`, a valid cohort's templates are left for the
    /// build to check (it finds exactly the same problems, without rendering twice).
    static func run(inputs: String, templates folder: String, buildChecksTemplates: Bool) throws -> Ready {
        let result = try CohortReading.loadPrinting(inputs)
        var templates: TemplateFiles?
        var templateFailure: Failure?
        do {
            templates = try TemplateReading.read(folder)
        } catch let failure as Failure {
            templateFailure = failure
            for line in failure.lines { Console.error(line) }
        }
        var found: [TemplateProblem] = []
        if let templates, result.cohort == nil || !buildChecksTemplates {
            found = ReportBuilder.check(result.cohort, templates: templates)
            for problem in found { Console.error(problem.description) }
        }
        let problems = found.filter { !$0.isWarning }
        if let cohort = result.cohort, let templates, problems.isEmpty {
            return Ready(cohort: cohort, result: result, templates: templates, templateWarnings: found.count)
        }
        let missing = (result.cohort == nil && CohortReading.missingInput(inputs)) || templateFailure?.kind == .missingInput
        throw Failure(missing ? .missingInput : .badData,
                      CohortReading.summary(inputs: inputs, result: result, templateProblems: problems.count + (templateFailure == nil ? 0 : 1)))
    }
}
