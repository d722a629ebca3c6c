import ArgumentParser
import CaseModel
import CohortStatistics
import Foundation
import ReportRendering

/// The headline numbers as aligned rows: a label, a count, and its share where it has one.
/// Counts are right-aligned in one column and shares in the next ("  9% of 23" under
/// " 17% of 23"), so a column of percentages reads down; no line ends in spaces.
enum HeadlineTable {
    private struct Row {
        var label: String
        var count = ""
        /// The share as a percentage ("17%"), right-aligned in its column.
        var percent = ""
        /// What follows the count or the percentage ("of 23", "9 babies").
        var rest = ""
    }

    static func lines(_ s: CohortStatistics) -> [String] {
        var rows: [Row] = []
        func count(_ label: String, _ n: Int) { rows.append(Row(label: label, count: NumberFormat.integer(n))) }
        func share(_ label: String, _ share: Share) {
            rows.append(
                Row(
                    label: label, count: NumberFormat.integer(share.count), percent: NumberFormat.percent(share),
                    rest: "of \(NumberFormat.integer(share.total))"))
        }
        func tally(_ heading: String, _ t: Tally) {
            rows.append(Row(label: heading))
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
        rows.append(
            Row(
                label: "Most common age", count: s.child.modalAgeMonths.map { "\($0) months" }.joined(separator: ", "),
                rest: "\(s.child.modalAgeCount) babies"))
        tally("Agency involvement", s.agencyInvolvement)
        tally("Criminal proceedings", s.proceedings.criminal)
        tally("Findings of fact", s.proceedings.findingsOfFact)
        tally("Features of the parents", s.parents)
        func width(_ column: (Row) -> String) -> Int { rows.map { column($0).count }.max() ?? 0 }
        func right(_ text: String, _ width: Int) -> String { String(repeating: " ", count: width - text.count) + text }
        let labelWidth = width(\.label), countWidth = width(\.count), percentWidth = width(\.percent)
        return rows.map { row in
            var line = row.label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  " + right(row.count, countWidth)
            if !row.percent.isEmpty {
                line += "  " + right(row.percent, percentWidth)
            }
            if !row.rest.isEmpty { line += (row.percent.isEmpty ? "  " : " ") + row.rest }
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
