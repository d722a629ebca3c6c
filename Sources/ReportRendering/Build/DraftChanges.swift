import CaseModel

/// What changed since a draft's baseline: the cases (when the baseline is an
/// earlier draft) and the numbers whose count changed, in the report's order.
public struct DraftChanges: Sendable, Hashable {
    public struct ChangedCase: Sendable, Hashable {
        public var id: String
        /// Each changed field, in the contract's order.
        public var fields: [FieldChange]
    }

    /// One field of a case that changed, named as the report names it.
    public struct FieldChange: Sendable, Hashable {
        /// The contract's path (`male_carer.relationship`).
        public var field: String
        /// What the report calls it (`Relationship of the male carer`).
        public var title: String
        public var change: Change

        public enum Change: Sendable, Hashable {
            /// One value for another, as a reader sees them.
            case value(before: String, now: String)
            /// A list field: the items added and those removed, in order.
            case list(added: [String], removed: [String])
            /// A text: its words, each run kept, deleted or inserted.
            case text([Words])
        }
    }

    /// A run of words of a changed text.
    public struct Words: Sendable, Hashable {
        public enum Kind: Sendable, Hashable { case kept, deleted, inserted }
        public var kind: Kind
        public var text: String
    }

    /// The fields whose value is free text, compared word by word.
    static func isText(_ field: String) -> Bool { field == "summary" || field.hasPrefix("learning[") }

    /// How `before` became `now`, word by word: runs of words kept, deleted and
    /// inserted, in reading order (deletions before the insertions that replace them).
    static func words(from before: String, to now: String) -> [Words] {
        let old = before.split(whereSeparator: \.isWhitespace).map(String.init)
        let new = now.split(whereSeparator: \.isWhitespace).map(String.init)
        var removed = Set<Int>(), inserted = Set<Int>()
        for step in new.difference(from: old) {
            switch step {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var runs: [Words] = []
        func add(_ kind: Words.Kind, _ word: String) {
            if let last = runs.last, last.kind == kind {
                runs[runs.count - 1].text += " " + word
            } else {
                runs.append(Words(kind: kind, text: word))
            }
        }
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, removed.contains(i) {
                add(.deleted, old[i])
                i += 1
            } else if j < new.count, inserted.contains(j) {
                add(.inserted, new[j])
                j += 1
            } else {
                add(.kept, new[j])
                i += 1
                j += 1
            }
        }
        return runs
    }

    /// The change of one field from its earlier record (`nil`: the field was not recorded) to its record now.
    static func change(_ field: String, before: CaseRecord.Field?, now: CaseRecord.Field?) -> FieldChange {
        let title = CaseRecord.title(of: field)
        if let before, let now, isText(field) {
            return FieldChange(field: field, title: title, change: .text(words(from: before.label, to: now.label)))
        }
        // Items are compared by label when both records keep them, else by code.
        let byCode = before?.items == nil || now?.items == nil
        if let before, let now, let was = items(before, byCode: byCode), let are = items(now, byCode: byCode) {
            let added = are.filter { !was.contains($0) }, removed = was.filter { !are.contains($0) }
            if !added.isEmpty || !removed.isEmpty {
                return FieldChange(field: field, title: title, change: .list(added: added, removed: removed))
            }
        }
        return FieldChange(
            field: field, title: title, change: .value(before: before?.label ?? "not recorded", now: now?.label ?? "not recorded"))
    }

    /// A list field's items, as a reader sees them or by their codes; `nil` for another field.
    private static func items(_ field: CaseRecord.Field, byCode: Bool) -> [String]? {
        if !byCode, let items = field.items { return items }
        guard field.field == "harm.injuries" || field.field == "themes" else { return nil }
        return field.value.split(separator: ";").map(String.init)
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
                var fields: [FieldChange] = []
                for field in record.fields where was[field.field]?.value != field.value {
                    fields.append(Self.change(field.field, before: was[field.field], now: field))
                }
                let current = Set(record.fields.map(\.field))
                for field in old.fields where !current.contains(field.field) {
                    fields.append(Self.change(field.field, before: field, now: nil))
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
