import CaseModel

/// The pattern of a case's injuries, as the report groups them.
///
/// Five profiles have names of their own; any other combination is named by its
/// parts in the contract's order ("Bruising and head injury" becomes
/// "Head injury, bruising" with key `head-injury+bruising`).
public enum InjuryProfile {
    /// The named profiles, in the order the report lists them.
    public static let named: [(key: String, label: String, injuries: Set<Injury>)] = [
        ("head-injury-with-fractures", "Head injury with fractures", [.headInjury, .fracture]),
        ("head-injury-only", "Head injury only", [.headInjury]),
        ("fractures-with-bruising", "Fractures with bruising", [.fracture, .bruising]),
        ("fractures-only", "Fractures only", [.fracture]),
        ("ruptured-frenulum", "Ruptured frenulum", [.rupturedFrenulum]),
    ]

    /// The key and label of a set of injuries.
    public static func of(_ injuries: [Injury]) -> (key: String, label: String) {
        let set = Set(injuries)
        if let known = named.first(where: { $0.injuries == set }) { return (known.key, known.label) }
        let parts = Injury.allCases.filter(set.contains)
        let label = parts.enumerated().map { i, injury in i == 0 ? injury.label : injury.label.lowercased() }
        return (parts.map(\.rawValue).joined(separator: "+"), label.joined(separator: ", "))
    }

    /// The injuries of a profile, by its key (a named profile's, or its parts' joined by `+`).
    public static func injuries(ofKey key: String) -> Set<Injury> {
        named.first { $0.key == key }?.injuries ?? Set(key.split(separator: "+").compactMap { Injury(rawValue: String($0)) })
    }

    /// The conditions a case meets to have this profile: each injury had or not.
    public static func definition(of key: String) -> [CellDefinition.Condition] {
        let injuries = injuries(ofKey: key)
        return Injury.allCases.map { .init("harm.injuries", injuries.contains($0) ? .has($0.rawValue) : .lacks($0.rawValue)) }
    }

    /// The key of every combination of injuries a case may have (at least one), named or not.
    public static var everyKey: [String] {
        let all = Injury.allCases
        return (1..<(1 << all.count)).map { bits in of(all.indices.filter { bits & (1 << $0) != 0 }.map { all[$0] }).key }
    }

    /// Profiles of these cases: the named ones always (zeros included), then any
    /// other combination that occurs, by key.
    /// `positions` picks some of the cases (all when `nil`).
    static func tally(_ cases: [Case], at positions: [Int]? = nil) -> Tally {
        var keyed: [String: (label: String, ids: [String])] = [:]
        // A cohort has a few combinations of injuries: each is named once.
        var names: [[Injury]: (key: String, label: String)] = [:]
        cases.each(at: positions) { i in
            let injuries = cases[i].harm.injuries
            let p: (key: String, label: String)
            if let known = names[injuries] {
                p = known
            } else {
                p = of(injuries)
                names[injuries] = p
            }
            keyed[p.key, default: (p.label, [])].ids.append(cases[i].id)
        }
        let total = positions?.count ?? cases.count
        let namedKeys = Set(named.map(\.key))
        let categories =
            named.map { Category(key: $0.key, label: $0.label, caseIDs: keyed[$0.key]?.ids ?? [], total: total) }
            + keyed.keys.filter { !namedKeys.contains($0) }.sorted().map { key in
                Category(key: key, label: keyed[key]!.label, caseIDs: keyed[key]!.ids, total: total)
            }
        return Tally(total: total, categories: categories)
    }
}
