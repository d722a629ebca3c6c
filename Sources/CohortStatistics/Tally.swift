import CaseModel

/// One category of a tally: how many cases it counts, and which.
public struct Category: Hashable, Sendable {
    /// A stable machine key: the contract's code, a vocabulary label, or a month number.
    public let key: String
    /// What a reader sees.
    public let label: String
    public let share: Share
    /// The ids of the cases counted, in cohort order. For reviewers' drafts only:
    /// the published statistics.json is written from an export type with no place for them.
    public let caseIDs: [String]

    public var count: Int { share.count }

    public init(key: String, label: String, caseIDs: [String], total: Int) {
        self.key = key
        self.label = label
        self.caseIDs = caseIDs
        self.share = Share(caseIDs.count, of: total)
    }

}

/// Counts of cases over a list of categories, in a meaningful order.
///
/// For a single-choice field the counts add up to `total`; for features that a
/// case may or may not have (parents' features, injuries, themes) each category
/// is a share of `total` on its own.
public struct Tally: Hashable, Sendable {
    /// The number of cases each share is taken of.
    public let total: Int
    public let categories: [Category]

    public init(total: Int, categories: [Category]) {
        self.total = total
        self.categories = categories
    }

    /// The category with this key; a programming error if there is none.
    public subscript(key: String) -> Category {
        guard let found = categories.first(where: { $0.key == key }) else {
            preconditionFailure("no category \(key) in tally of \(categories.map(\.key))")
        }
        return found
    }

    /// The category for a contract code.
    public subscript<Code: ContractCode>(code: Code) -> Category { self[code.rawValue] }

    /// The sum of the counts (equal to `total` for a single-choice field).
    public var countedSum: Int { categories.reduce(0) { $0 + $1.count } }

    // Every helper reads a case by its position (`{ cases[$0].child.sex }`): a
    // closure given a whole `Case` was given a copy of it (a retain of each of its
    // fields), which at 100,000 cases was most of the statistics' time.

    /// The ids of the cases, grouped by a key read once from each case: one pass,
    /// no copies of the cases, however many keys there are.
    static func grouped<Key: Hashable>(_ cases: [Case], at positions: [Int]? = nil, by key: (Int) -> Key) -> [Key: [String]] {
        var groups: [Key: [String]] = [:]
        cases.each(at: positions) { i in groups[key(i), default: []].append(cases[i].id) }
        return groups
    }

    /// Tallies a single-choice field over every code, zeros included, in the contract's order.
    /// `positions` picks some of the cases (all when `nil`).
    static func of<Code: ContractCode>(_ cases: [Case], at positions: [Int]? = nil, total: Int? = nil, _ field: (Int) -> Code) -> Tally {
        let groups = grouped(cases, at: positions, by: field)
        let total = total ?? positions?.count ?? cases.count
        return Tally(
            total: total,
            categories: Code.allCases.map { code in
                Category(key: code.rawValue, label: code.label, caseIDs: groups[code] ?? [], total: total)
            })
    }

    /// Tallies yes/no features, each a share of all the cases: one pass over the cases.
    static func features(_ cases: [Case], _ features: [(key: String, label: String, has: (Int) -> Bool)]) -> Tally {
        var ids = [[String]](repeating: [], count: features.count)
        cases.each(at: nil) { i in
            for (index, feature) in features.enumerated() where feature.has(i) { ids[index].append(cases[i].id) }
        }
        return Tally(
            total: cases.count,
            categories: features.indices.map { index in
                Category(key: features[index].key, label: features[index].label, caseIDs: ids[index], total: cases.count)
            })
    }

    /// Tallies labels (codes from the vocabulary, which may be many), in the given
    /// order, from the labels each case has: one pass over the cases and their labels.
    static func labelled(_ cases: [Case], _ labels: [(key: String, label: String)], of caseLabels: (Int) -> [String]) -> Tally {
        var groups: [String: [String]] = [:]
        cases.each(at: nil) { i in
            for label in caseLabels(i) { groups[label, default: []].append(cases[i].id) }
        }
        return Tally(
            total: cases.count,
            categories: labels.map {
                Category(key: $0.key, label: $0.label, caseIDs: groups[$0.key] ?? [], total: cases.count)
            })
    }
}

extension Array where Element == Case {
    /// Calls `body` with each position of `positions` (every position when `nil`), in order.
    func each(at positions: [Int]?, _ body: (Int) -> Void) {
        if let positions {
            for position in positions { body(position) }
        } else {
            for position in indices { body(position) }
        }
    }

    /// The positions (among `positions`, or all) of the cases that `keep` keeps.
    func positions(at positions: [Int]? = nil, where keep: (Int) -> Bool) -> [Int] {
        var kept: [Int] = []
        each(at: positions) { if keep($0) { kept.append($0) } }
        return kept
    }

    /// How many cases `test` holds for.
    func counting(_ test: (Int) -> Bool) -> Int {
        var count = 0
        each(at: nil) { if test($0) { count += 1 } }
        return count
    }
}
