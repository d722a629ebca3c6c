import CohortStatistics
import Foundation

/// `Output/data/statistics.json`: the statistics, and every named count a
/// template can use (so a later draft can compare against it as a baseline).
///
/// Written by ``JSONFile``, as its `Encodable` conformance says.
public struct StatisticsFile: Encodable {
    public let schema = 1
    /// The statistics as published: see ``StatisticsExport`` for what is left out.
    let statistics: StatisticsExport
    /// Every named value a template can use: counts with the total they are a
    /// share of, ratios (`"ratio": true`) and texts.
    public let values: [String: NamedValue]
    /// With disclosure control on: the threshold and what `"[c]"` means (absent otherwise).
    let disclosure: Key?

    struct Key: Encodable {
        let suppressBelow: Int
        let symbol: String
        let meaning: String
    }

    public struct NamedValue: Encodable {
        var count: StatisticsExport.Count?
        var total: StatisticsExport.Count?
        public var ratio: Bool?
        public var text: String?
        /// What the value counts, in words ("Ethnicity: Asian").
        public var title: String?
    }

    /// `disclosure`: what a published build withholds; each such number is written `"[c]"`.
    public init(statistics: CohortStatistics, values: ReportValues, disclosure: Disclosure? = nil) {
        self.statistics = StatisticsExport(statistics, disclosure: disclosure)
        self.values = Self.named(values, disclosure: disclosure)
        self.disclosure = disclosure.map { Key(suppressBelow: $0.threshold, symbol: Disclosure.symbol, meaning: $0.key) }
    }

    /// Every named value with its title: the part a later draft compares with.
    static func named(_ values: ReportValues, disclosure d: Disclosure? = nil) -> [String: NamedValue] {
        Dictionary(
            uniqueKeysWithValues: values.values.map { name, value in
                typealias Count = StatisticsExport.Count
                var named =
                    switch value {
                    case .count(let n, let total):
                        NamedValue(
                            count: Count(n, withheld: d?.isSuppressed(name) ?? false),
                            total: total.map { Count($0, withheld: d?.isTotalSuppressed(name) ?? false) })
                    case .ratio(let r):
                        NamedValue(
                            count: Count(r.count, withheld: d?.isSuppressed(name) ?? false),
                            total: Count(r.total, withheld: d?.isSuppressed(name) ?? false), ratio: true)
                    case .text(let s): NamedValue(text: s)
                    }
                named.title = values.titles[name]
                return (name, named)
            })
    }

    /// The file's bytes (see ``JSONFile``): identical cohorts give identical bytes.
    public func data() -> Data { JSONFile.data(self) }
}

/// An earlier build to compare a draft with: a published report's
/// `statistics.json` (its numbers), or an earlier draft's `cases.json` (its
/// numbers and every case's fields).
public struct Baseline: Sendable {
    /// What the earlier build was.
    public enum Kind: Sendable, Hashable {
        /// A published report, with the date it printed.
        case published(date: String?)
        /// A reviewers' draft, with when it was built (ISO 8601) and the short digest of
        /// its inputs (`nil` in the record of a draft built before it was kept).
        case draft(built: String, inputs: String?)
    }

    /// The file's name (never its full path, which would print the user's folders in the draft).
    public let name: String
    public let kind: Kind
    /// The earlier values by name.
    public let values: [String: TemplateValue]
    /// What each earlier value counted, in words, where the file says.
    public var titles: [String: String] = [:]
    /// An earlier draft's cases, field by field; nil for a published baseline.
    public var cases: [CaseRecord]?
    /// Names whose number the baseline withheld (`"[c]"`): there is nothing to compare them with.
    public var withheld: Set<String> = []

    /// "the draft built 29 November 2026 (2026-11-29T18:05:00Z) from inputs 3f2a9c1e0b7d (cases.json)",
    /// "the published report of 15 September 2021 (statistics.json)": a draft by its build time and
    /// inputs digest, since two drafts of one day differ in those.
    public var description: String {
        switch kind {
        case .draft(let built, let inputs):
            "the draft built \(DateWords.long(isoTimestamp: built)) (\(built.excerptForDiagnostic))"
                + (inputs.map { " from inputs \($0)" } ?? "") + " (\(name))"
        case .published(let date?): "the published report of \(date) (\(name))"
        case .published(nil): name
        }
    }

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

    init(name: String, values: [String: TemplateValue], kind: Kind = .published(date: nil), cases: [CaseRecord]? = nil) {
        self.name = name
        self.values = values
        self.kind = kind
        self.cases = cases
    }

    /// Reads a statistics.json or a draft's cases.json written by PanelReport.
    public init(json: Data, name: String) throws {
        guard let root = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
            let values = root["values"] as? [String: Any]
        else {
            throw Unreadable(description: "\(name): not a statistics.json written by panel-report (no \"values\" object)")
        }
        // Only the schema this version writes is read: another one may name or mean its
        // values differently, and comparing against it would mark wrong changes.
        guard let schema = root["schema"] else {
            throw Unreadable(
                description: "\(name): has no \"schema\"; expected a statistics.json written by panel-report, with \"schema\": 1")
        }
        // JSON `true` and `1.0` are NSNumbers too: only an integer 1 (objCType not
        // "c", "d" or "f") is the schema written by StatisticsFile.
        guard let number = schema as? NSNumber, !["c", "d", "f"].contains(String(cString: number.objCType)),
            number.intValue == 1
        else {
            let written =
                (try? JSONSerialization.data(withJSONObject: schema, options: [.fragmentsAllowed]))
                .map { String(decoding: $0, as: UTF8.self).excerptForDiagnostic } ?? "not a number"
            throw Unreadable(
                description:
                    "\(name): \"schema\" is \(written), which this panel-report cannot read; expected \"schema\": 1 (rebuild the baseline with this version)"
            )
        }
        var read: [String: TemplateValue] = [:]
        var titles: [String: String] = [:]
        var withheld: Set<String> = []
        for (key, entry) in values {
            guard let entry = entry as? [String: Any] else {
                throw Unreadable(description: "\(name): the value \(key.quotedForDiagnostic) is not an object")
            }
            if let title = entry["title"] as? String { titles[key] = title }
            if let text = entry["text"] as? String {
                read[key] = .text(text)
                continue
            }
            // A number a published build withheld ("[c]") cannot be compared with.
            if entry["count"] as? String == Disclosure.symbol || entry["total"] as? String == Disclosure.symbol {
                withheld.insert(key)
                continue
            }
            guard let count = entry["count"] as? Int, count >= 0 else {
                throw Unreadable(description: "\(name): the value \(key.quotedForDiagnostic) has no whole-number count of 0 or more")
            }
            var total: Int?
            if let raw = entry["total"] {
                guard let t = raw as? Int, t >= 0 else {
                    throw Unreadable(
                        description: "\(name): the value \(key.quotedForDiagnostic) has a total that is not a whole number of 0 or more")
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
        self.titles = titles
        self.withheld = withheld
        if root["kind"] as? String == "draft" {
            guard let built = root["built"] as? String, let cases = root["cases"] else {
                throw Unreadable(description: "\(name): a draft's cases.json needs \"built\" and \"cases\"")
            }
            do {
                let data = try JSONSerialization.data(withJSONObject: cases)
                self.cases = try JSONDecoder().decode([CaseRecord].self, from: data)
            } catch {
                throw Unreadable(description: "\(name): its \"cases\" are not cases as a draft writes them")
            }
            let inputs = (root["inputs"] as? String).flatMap { $0.isEmpty ? nil : $0.excerptForDiagnostic }
            kind = .draft(built: built, inputs: inputs)
        } else {
            if case .text(let date)? = read["review.published"] { kind = .published(date: date) } else { kind = .published(date: nil) }
        }
    }
}
