import ArgumentParser
import CaseModel
import CohortStatistics
import Foundation
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
                let data = try StatisticsFile(statistics: statistics, values: ReportValues(statistics: statistics, review: cohort.review, published: ReportDate.published(cohort.review))).data()
                FileHandle.standardOutput.write(data)
            case .table:
                for line in HeadlineTable.lines(statistics) { Console.out(line) }
            }
        }
    }
}

/// The headline numbers as aligned rows: a label, a count, and its share where it has one.
enum HeadlineTable {
    static func lines(_ s: CohortStatistics) -> [String] {
        var rows: [(String, String, String)] = []
        func count(_ label: String, _ n: Int) { rows.append((label, NumberFormat.integer(n), "")) }
        func share(_ label: String, _ share: Share) {
            rows.append((label, NumberFormat.integer(share.count), "\(NumberFormat.percent(share)) of \(NumberFormat.integer(share.total))"))
        }
        func tally(_ heading: String, _ t: Tally) {
            rows.append((heading, "", ""))
            for c in t.categories { share("  " + c.label, c.share) }
        }
        count("Cases in the cohort", s.cohort.cases)
        count("Cases initially shortlisted", s.cohort.initialShortlist)
        count("Areas", s.areas.areas)
        share("Regions covered", s.areas.regionsCovered)
        share("Areas with a Family Nurse Partnership", s.areas.familyNursePartnership)
        count("Practitioners met", s.areas.practitioners)
        count("Strategic partners met", s.areas.strategicPartners)
        share("Cases with a local review", s.cohort.withLocalReview)
        tally("Outcome", s.harm.outcome)
        tally("Relationship of the man", s.maleCarer.relationship)
        tally("Sex", s.child.sex)
        tally("Ethnicity", s.child.ethnicity)
        rows.append(("Most common age", s.child.modalAgeMonths.map { "\($0) months" }.joined(separator: ", "),
                     "\(s.child.modalAgeCount) babies"))
        tally("Agency involvement", s.agencyInvolvement)
        tally("Criminal proceedings", s.proceedings.criminal)
        tally("Findings of fact", s.proceedings.findingsOfFact)
        tally("Features of the parents", s.parents)
        let width0 = rows.map(\.0.count).max() ?? 0
        let width1 = rows.map(\.1.count).max() ?? 0
        return rows.map { row in
            let label = row.0.padding(toLength: width0, withPad: " ", startingAt: 0)
            let number = String(repeating: " ", count: width1 - row.1.count) + row.1
            return "\(label)  \(number)\(row.2.isEmpty ? "" : "  " + row.2)"
        }
    }
}
