import ArgumentParser

/// `panel-report validate`: checks the inputs and says what was read.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the case summaries and the templates and print every problem, without building anything.",
        discussion: "When validate succeeds, build with the same --inputs and --templates will too.")

    @OptionGroup var input: InputOptions
    @OptionGroup var templateOptions: TemplateOptions

    func run() throws {
        try reportingFailures {
            let ready = try Preparation.run(inputs: input.inputs, templates: templateOptions.templates, buildChecksTemplates: false)
            let (cohort, result) = (ready.cohort, ready.result)
            let usedAreas = Set(cohort.cases.map(\.area)).count
            let warnings = result.warnings.count + ready.templateWarnings
            Console.out("\(input.inputs): valid. \(cohort.cases.count) cases in \(usedAreas) areas, "
                + "\(result.filesRead) files read" + (warnings == 0 ? "." : ", \(warnings) \(warnings == 1 ? "warning" : "warnings")."))
        }
    }
}
