import CaseModel

/// What changed since a draft's baseline: the cases (when the baseline is an
/// earlier draft) and the numbers whose count changed, in the report's order.
public struct DraftChanges: Sendable, Hashable {
    public struct ChangedCase: Sendable, Hashable {
        public var id: String
        /// Each changed field: its path, and its label before and now.
        public var fields: [(field: String, before: String, now: String)]

        public static func == (a: ChangedCase, b: ChangedCase) -> Bool {
            a.id == b.id && a.fields.map { [$0.field, $0.before, $0.now] } == b.fields.map { [$0.field, $0.before, $0.now] }
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(id)
            for f in fields { hasher.combine([f.field, f.before, f.now]) }
        }
    }

    public struct Number: Sendable, Hashable {
        public var title: String
        public var before: String
        public var now: String
    }

    /// Case ids added and removed, in cohort order (nil: the baseline has no cases).
    public var added: [String]?
    public var removed: [String]?
    public var changed: [ChangedCase]?
    /// Numbers whose count (or text) changed.
    public var numbers: [Number] = []
    /// Shares that moved only because the total they are a share of changed.
    public var sharesMovedByTotal = 0

    public var isEmpty: Bool {
        (added ?? []).isEmpty && (removed ?? []).isEmpty && (changed ?? []).isEmpty && numbers.isEmpty && sharesMovedByTotal == 0
    }

    init(values: ReportValues, records: [CaseRecord], baseline: Baseline) {
        if let before = baseline.cases {
            let earlier = Dictionary(before.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let now = Set(records.map(\.id))
            added = records.map(\.id).filter { earlier[$0] == nil }
            removed = before.map(\.id).filter { !now.contains($0) }
            changed = records.compactMap { record in
                guard let old = earlier[record.id] else { return nil }
                let was = Dictionary(old.fields.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
                var fields: [(field: String, before: String, now: String)] = []
                for field in record.fields where was[field.field]?.value != field.value {
                    fields.append((field.field, was[field.field]?.label ?? "not recorded", field.label))
                }
                let current = Set(record.fields.map(\.field))
                for field in old.fields where !current.contains(field.field) {
                    fields.append((field.field, field.label, "not recorded"))
                }
                return fields.isEmpty ? nil : ChangedCase(id: record.id, fields: fields)
            }
        }
        func title(_ name: String) -> String { values.titles[name] ?? baseline.titles[name] ?? name }
        // A number the baseline withheld ([c]) is not compared: nobody knows what it was.
        for name in values.names where !baseline.withheld.contains(name) {
            let now = values[name]!
            guard let before = baseline.values[name] else {
                numbers.append(Number(title: title(name), before: "not counted", now: Self.text(now)))
                continue
            }
            if case .count(let n, let total) = now, case .count(let n0, let total0) = before, n == n0 {
                if total != total0 { sharesMovedByTotal += 1 }
                continue
            }
            if before != now { numbers.append(Number(title: title(name), before: Self.text(before), now: Self.text(now))) }
        }
        // Names the baseline had that this build has not (a theme or label removed).
        for name in baseline.values.keys.sorted() where values[name] == nil {
            numbers.append(Number(title: title(name), before: Self.text(baseline.values[name]!), now: "no longer counted"))
        }
    }

    /// A value as the changes table shows it: "4 of 23", "1,234", "15 to 8", or the text.
    static func text(_ value: TemplateValue) -> String {
        switch value {
        case .count(let n, let total?): "\(NumberFormat.integer(n)) of \(NumberFormat.integer(total))"
        case .count(let n, nil): NumberFormat.integer(n)
        case .ratio(let r): "\(NumberFormat.integer(r.count)) to \(NumberFormat.integer(r.total))"
        case .text(let s): s
        }
    }
}
