import ArgumentParser
import BuildInputs
import CaseModel
import CohortStatistics
import Foundation
import Platform
import ReportRendering

/// `panel-report stats`: the headline numbers, without building the report.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print the cohort's headline numbers as a table, or all statistics as JSON.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @OptionGroup var input: InputOptions
    /// The declared figures' counts are in statistics.json too (`--format json` only).
    @OptionGroup var templateOptions: TemplateOptions

    @Option(help: "table (headline numbers) or json (everything, as in data/statistics.json).")
    var format: Format = .table

    @OptionGroup var log: LogOptions

    func run() throws {
        // The numbers are the command's result (stdout), with or without --quiet.
        try reportingFailures(log) { clock in
            clock.begin("loading and validating the inputs")
            let (cohort, _) = try CohortReading.load(input.inputs, clock: clock)
            clock.begin("computing the statistics")
            let statistics = CohortStatistics(cohort)
            switch format {
            case .json:
                let templates = try TemplateReading.read(templateOptions.templates)
                do throws(ReportBuildError) {
                    FileHandle.standardOutput.write(try ReportBuilder.statisticsFile(cohort, templates: templates))
                } catch {
                    for problem in error.problems { Console.problem(problem) }
                    throw Failure(
                        .badData, CohortReading.summary(inputs: input.inputs, result: nil, templateProblems: error.problems.count))
                }
            case .table:
                for line in HeadlineTable.lines(statistics) { Console.out(line) }
            }
        }
    }
}
