import ArgumentParser

/// `panel-report validate`: checks the inputs and says what was read.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the case summaries and the templates and print every problem, without building anything.",
        discussion:
            "When validate succeeds, build with the same --inputs and --templates will too. With --quiet, a valid run prints nothing.")

    @OptionGroup var input: InputOptions
    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var log: LogOptions

    func run() throws {
        try reportingFailures(log) { clock in
            clock.begin("loading and validating the inputs and templates")
            let ready = try Preparation.run(
                inputs: input.inputs, templates: templateOptions.templates, buildChecksTemplates: false, clock: clock)
            let (cohort, result) = (ready.cohort, ready.result)
            clock.finish()
            let usedAreas = Set(cohort.cases.map(\.area)).count
            let warnings = result.warnings.count + ready.templateWarnings
            let line =
                "\(input.inputs): valid. \(cohort.cases.count) cases in \(usedAreas) areas, "
                + "\(result.filesRead) files read" + (warnings == 0 ? "." : ", \(warnings) \(warnings == 1 ? "warning" : "warnings").")
            // The answer to "is it valid?" is the command's result (stdout), kept back
            // by --quiet; a JSON log also gets it as the summary.
            if !Console.current.quiet { Console.out(line) }
            if Console.current.json { Console.summary(line, outcome: "valid", code: 0, seconds: clock.seconds) }
        }
    }
}
