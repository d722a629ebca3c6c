import CaseModel

/// How often features occur together: the cases in each exact combination of
/// a list of sets (in these sets and in none of the others), as an UpSet figure
/// shows them (Lex et al., 2014), and the size of each set.
///
/// Exact combinations do not overlap, so their counts and the cases in none of
/// the sets add up to the cases counted; a set's size is the sum of the
/// combinations that include it.
public struct Combinations: Sendable, Hashable {
    public let sets: [CaseGroup]
    public let filter: [CellDefinition.Condition]
    /// Every combination that occurs in at least one case, largest first (ties in
    /// the order of the sets: a combination of earlier sets first), then none.
    public let combinations: [Combination]
    /// The cases in none of the sets.
    public let none: CrossTab.Count
    /// The cases in each set, in any combination.
    public let setSizes: [CrossTab.Count]
    /// The cases counted: those that pass the filter.
    public let total: CrossTab.Count

    /// An exact combination: the cases in exactly these sets.
    public struct Combination: Sendable, Hashable {
        /// Positions into ``Combinations/sets``, in order.
        public let members: [Int]
        public let count: CrossTab.Count
    }

    public init(_ cases: [Case], fields: CaseFieldReader, sets: [CaseGroup], filter: [CellDefinition.Condition]) {
        self.sets = sets
        self.filter = filter
        let counted = cases.filter { fields.meets($0, filter) }
        // Each case's exact combination, as a bit pattern over the sets.
        var byPattern: [[Int]: [String]] = [:]
        for item in counted {
            let members = sets.indices.filter { fields.meets(item, sets[$0].conditions) }
            byPattern[members, default: []].append(item.id)
        }
        func definition(_ members: [Int]) -> CellDefinition {
            CellDefinition(.cases, filter + sets.indices.flatMap { members.contains($0) ? sets[$0].conditions : sets[$0].complement })
        }
        combinations = byPattern.filter { !$0.key.isEmpty }
            .map { Combination(members: $0.key, count: .init(count: $0.value.count, caseIDs: $0.value, definition: definition($0.key))) }
            .sorted { a, b in
                if a.count.count != b.count.count { return a.count.count > b.count.count }
                if a.members.count != b.members.count { return a.members.count < b.members.count }
                return a.members.lexicographicallyPrecedes(b.members)
            }
        let noneIDs = byPattern[[]] ?? []
        none = .init(count: noneIDs.count, caseIDs: noneIDs, definition: definition([]))
        setSizes = sets.map { set in
            let ids = counted.filter { fields.meets($0, set.conditions) }.map(\.id)
            return .init(count: ids.count, caseIDs: ids, definition: CellDefinition(.cases, filter + set.conditions))
        }
        total = .init(count: counted.count, caseIDs: counted.map(\.id), definition: CellDefinition(.cases, filter))
    }

    /// The exact combination of these sets, if it occurs.
    public func combination(_ members: [Int]) -> Combination? { combinations.first { $0.members == members } }

    /// The definition of the exact combination of these sets (occurring or not).
    public func definition(of members: [Int]) -> CellDefinition {
        CellDefinition(.cases, filter + sets.indices.flatMap { members.contains($0) ? sets[$0].conditions : sets[$0].complement })
    }
}
