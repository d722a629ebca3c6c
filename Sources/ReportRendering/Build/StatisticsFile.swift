import CohortStatistics
import Foundation

/// `Output/data/statistics.json`: the statistics, and every named count a
/// template can use (so a later draft can compare against it as a baseline).
public struct StatisticsFile: Encodable {
    public let schema = 1
    public let statistics: CohortStatistics
    /// Every named count a template can use, with the total it is a share of.
    public let values: [String: NamedCount]

    public struct NamedCount: Encodable {
        public let count: Int
        public let total: Int?
    }

    public init(statistics: CohortStatistics, values: ReportValues) {
        self.statistics = statistics
        var counts: [String: NamedCount] = [:]
        for (name, value) in values.values {
            if case .count(let n, let total) = value { counts[name] = NamedCount(count: n, total: total) }
        }
        self.values = counts
    }

    /// Sorted keys, integers as integers, two-space indentation, a final newline:
    /// identical cohorts give identical bytes.
    public func data() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}

/// Counts from an earlier build's `statistics.json`, to mark what changed in a draft.
public struct Baseline: Sendable {
    public let name: String
    /// Count by value name; `NAME.total` holds the total it was a share of.
    public let counts: [String: Int]

    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads the `values` of a statistics.json written by PanelReport.
    public init(json: Data, name: String) throws {
        guard let root = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
              let values = root["values"] as? [String: Any] else {
            throw Unreadable(description: "\(name): not a statistics.json written by panel-report (no \"values\" object)")
        }
        var counts: [String: Int] = [:]
        for (key, entry) in values {
            guard let entry = entry as? [String: Any], let count = entry["count"] as? Int, count >= 0 else {
                throw Unreadable(description: "\(name): the value \"\(key)\" has no whole-number count of 0 or more")
            }
            counts[key] = count
            if let total = entry["total"] {
                guard let total = total as? Int, total >= 0 else {
                    throw Unreadable(description: "\(name): the value \"\(key)\" has a total that is not a whole number of 0 or more")
                }
                counts[key + ".total"] = total
            }
        }
        self.name = name
        self.counts = counts
    }
}
