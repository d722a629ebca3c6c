import CohortStatistics
import Foundation

/// `Output/data/statistics.json`: the statistics, and every named count a
/// template can use (so a later draft can compare against it as a baseline).
public struct StatisticsFile: Encodable {
    public let schema = 1
    /// The statistics as published: see ``StatisticsExport`` for what is left out.
    let statistics: StatisticsExport
    /// Every named value a template can use: counts with the total they are a
    /// share of, ratios (`"ratio": true`) and texts.
    public let values: [String: NamedValue]

    public struct NamedValue: Encodable {
        public var count: Int?
        public var total: Int?
        public var ratio: Bool?
        public var text: String?
    }

    public init(statistics: CohortStatistics, values: ReportValues) {
        self.statistics = StatisticsExport(statistics)
        self.values = values.values.mapValues { value in
            switch value {
            case .count(let n, let total): NamedValue(count: n, total: total)
            case .ratio(let r): NamedValue(count: r.count, total: r.total, ratio: true)
            case .text(let s): NamedValue(text: s)
            }
        }
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

/// Values from an earlier build's `statistics.json`, to mark what changed in a draft.
public struct Baseline: Sendable {
    public let name: String
    /// The earlier values by name.
    public let values: [String: TemplateValue]

    /// What the value `name` read in the baseline, written the way `write` writes
    /// values, when that differs from `current`; nil when it reads the same, or
    /// the baseline had no such value (or `write` cannot write what it had).
    /// The one comparison behind every mark of a changed value: in the prose, a
    /// count, its total, a ratio or a text; in a data table, a count or a share.
    public func previous(of name: String, current: String, writtenAs write: (TemplateValue) -> String?) -> String? {
        guard let before = values[name], let was = write(before), was != current else { return nil }
        return was
    }

    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    init(name: String, values: [String: TemplateValue]) {
        self.name = name
        self.values = values
    }

    /// Reads the `values` of a statistics.json written by PanelReport.
    public init(json: Data, name: String) throws {
        guard let root = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
              let values = root["values"] as? [String: Any] else {
            throw Unreadable(description: "\(name): not a statistics.json written by panel-report (no \"values\" object)")
        }
        // Only the schema this version writes is read: another one may name or mean its
        // values differently, and comparing against it would mark wrong changes.
        guard let schema = root["schema"] else {
            throw Unreadable(description: "\(name): has no \"schema\"; expected a statistics.json written by panel-report, with \"schema\": 1")
        }
        // JSON `true` and `1.0` are NSNumbers too: only an integer 1 (objCType not
        // "c", "d" or "f") is the schema written by StatisticsFile.
        guard let number = schema as? NSNumber, !["c", "d", "f"].contains(String(cString: number.objCType)),
              number.intValue == 1 else {
            let written = (try? JSONSerialization.data(withJSONObject: schema, options: [.fragmentsAllowed]))
                .map { String(decoding: $0, as: UTF8.self).excerptForDiagnostic } ?? "not a number"
            throw Unreadable(description: "\(name): \"schema\" is \(written), which this panel-report cannot read; expected \"schema\": 1 (rebuild the baseline with this version)")
        }
        var read: [String: TemplateValue] = [:]
        for (key, entry) in values {
            guard let entry = entry as? [String: Any] else {
                throw Unreadable(description: "\(name): the value \(key.quotedForDiagnostic) is not an object")
            }
            if let text = entry["text"] as? String {
                read[key] = .text(text)
                continue
            }
            guard let count = entry["count"] as? Int, count >= 0 else {
                throw Unreadable(description: "\(name): the value \(key.quotedForDiagnostic) has no whole-number count of 0 or more")
            }
            var total: Int?
            if let raw = entry["total"] {
                guard let t = raw as? Int, t >= 0 else {
                    throw Unreadable(description: "\(name): the value \(key.quotedForDiagnostic) has a total that is not a whole number of 0 or more")
                }
                total = t
            }
            if entry["ratio"] as? Bool == true {
                guard let total else { throw Unreadable(description: "\(name): the ratio \(key.quotedForDiagnostic) has no total") }
                read[key] = .ratio(Share(count, of: total))
            } else {
                read[key] = .count(count, of: total)
            }
        }
        self.name = name
        self.values = read
    }
}
