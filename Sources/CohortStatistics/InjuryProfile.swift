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
