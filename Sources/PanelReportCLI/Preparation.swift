import BuildInputs
import CaseLoading
import CaseModel
import CaseValidation
import Foundation
import Platform
import ReportRendering
import Synchronization

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
    static func run(inputs: String, templates folder: String, buildChecksTemplates: Bool, clock: RunClock? = nil) throws -> Ready {
        let result = try CohortReading.loadPrinting(inputs, clock: clock)
        var templates: TemplateFiles?
        var templateFailure: Failure?
        do {
            templates = try TemplateReading.read(folder)
        } catch let failure as Failure {
            templateFailure = failure
            for (index, line) in failure.lines.enumerated() { Console.error(line, file: failure.file(at: index)) }
        }
        var found: [TemplateProblem] = []
        if let templates, result.cohort == nil || !buildChecksTemplates {
            found = ReportBuilder.check(result.cohort, frame: result.frame, templates: templates)
            for problem in found { Console.problem(problem) }
        }
        let problems = found.filter { !$0.isWarning }
        if let cohort = result.cohort, let templates, problems.isEmpty {
            return Ready(cohort: cohort, result: result, templates: templates, templateWarnings: found.count)
        }
        let missing = result.misses || templateFailure?.kind == .missingInput
        throw Failure(
            missing ? .missingInput : .badData,
            CohortReading.summary(inputs: inputs, result: result, templateProblems: problems.count + (templateFailure == nil ? 0 : 1)))
    }
}
