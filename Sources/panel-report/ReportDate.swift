import CaseModel
import Foundation

/// The date printed on the report: `SOURCE_DATE_EPOCH` when set (reproducible
/// builds), otherwise review.yaml's `published`. Never the wall clock.
enum ReportDate {
    static func published(_ review: Review, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ISODate {
        guard let raw = environment["SOURCE_DATE_EPOCH"], !raw.isEmpty else { return review.published }
        // Up to the last second of 9999: a date a report can print.
        guard let seconds = Int(raw), (0...253_402_300_799).contains(seconds) else {
            throw Failure(.badData, "SOURCE_DATE_EPOCH=\(raw): not a whole number of seconds from 1970 to the year 9999; unset it to print review.yaml's published date")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return ISODate(year: parts.year!, month: parts.month!, day: parts.day!)
    }
}
