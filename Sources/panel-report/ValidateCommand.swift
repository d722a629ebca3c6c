import ArgumentParser

/// `panel-report validate`: checks the inputs and says what was read.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the case summaries and print every problem, without building anything.")

    @OptionGroup var input: InputOptions

    func run() throws {
        try reportingFailures {
            let (cohort, result) = try CohortReading.load(input.inputs)
            let usedAreas = Set(cohort.cases.map(\.area)).count
            let warnings = result.warnings.count
            Console.out("\(input.inputs): valid. \(cohort.cases.count) cases in \(usedAreas) areas, "
                + "\(result.filesRead) files read" + (warnings == 0 ? "." : ", \(warnings) \(warnings == 1 ? "warning" : "warnings")."))
        }
    }
}
