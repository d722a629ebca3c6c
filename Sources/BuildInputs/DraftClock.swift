import Foundation
import Platform

/// When a draft was built: `SOURCE_DATE_EPOCH` when set (so a build server can
/// reproduce a draft byte for byte), otherwise the clock. Only drafts say when
/// they were built; a published report prints review.yaml's date.
public enum DraftClock {
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        format(try pinned(environment: environment) ?? Int(Date().timeIntervalSince1970))
    }

    /// `SOURCE_DATE_EPOCH` as seconds, `nil` when unset; an invalid value is a
    /// configuration error (exit 78), not bad case data.
    public static func pinned(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int? {
        var seconds: Int?
        if let raw = environment["SOURCE_DATE_EPOCH"], !raw.isEmpty {
            guard let value = Int(raw), (0...253_402_300_799).contains(value) else {
                throw Failure(
                    .config,
                    "panel-report: SOURCE_DATE_EPOCH=\(raw): not a whole number of seconds from 1970 to the year 9999; set it to one "
                        + "(such as 1700000000) or unset it to date the draft by the clock")
            }
            seconds = value
        }
        return seconds
    }

    public static func format(_ seconds: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
