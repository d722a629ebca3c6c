/// Which units a published count counts, in terms of coded fields (``CodedFields``):
/// the cases (or areas) that meet every condition. "Babies who died with a head
/// injury" is `harm.outcome` is `died` and `harm.injuries` has `head-injury`.
///
/// Every count the report publishes carries its definition, so that disclosure
/// control can see how published numbers relate (a count and the counts it is
/// split into) without a list of such relations kept by hand.
public struct CellDefinition: Hashable, Sendable, CustomStringConvertible {
    public enum Population: String, Hashable, Sendable {
        case cases, areas
    }

    /// One condition on one field.
    public struct Condition: Hashable, Sendable {
        public enum Test: Hashable, Sendable {
            /// A single field's key is one of these.
            case oneOf(Set<String>)
            /// A single field is left out (`harm.prognosis` of a baby who died).
            case absent
            /// A list field has this item.
            case has(String)
            /// A list field does not have this item.
            case lacks(String)
        }
        public let field: String
        public let test: Test
        public init(_ field: String, _ test: Test) {
            self.field = field
            self.test = test
        }

        /// Whether a unit whose `field` holds `keys` meets the condition.
        public func holds(_ keys: [String]) -> Bool {
            switch test {
            case .oneOf(let allowed): keys.count == 1 && allowed.contains(keys[0])
            case .absent: keys.isEmpty
            case .has(let item): keys.contains(item)
            case .lacks(let item): !keys.contains(item)
            }
        }
    }

    public let population: Population
    /// All must hold; none means every unit of the population.
    public let conditions: [Condition]

    public init(_ population: Population = .cases, _ conditions: [Condition]) {
        self.population = population
        self.conditions = conditions
    }

    /// Every case.
    public static let allCases = CellDefinition(.cases, [])

    /// The cases whose single field `field` is `key`.
    public static func field(_ field: String, is key: String) -> CellDefinition { CellDefinition(.cases, [.init(field, .oneOf([key]))]) }

    /// The cases whose list field `field` has `item`.
    public static func field(_ field: String, has item: String) -> CellDefinition { CellDefinition(.cases, [.init(field, .has(item))]) }

    /// This definition with more conditions.
    public func and(_ more: [Condition]) -> CellDefinition { CellDefinition(population, conditions + more) }

    /// This definition and another's conditions.
    public func and(_ other: CellDefinition) -> CellDefinition { and(other.conditions) }

    /// The fields the conditions read.
    public var fields: [String] {
        var seen: Set<String> = []
        return conditions.map(\.field).filter { seen.insert($0).inserted }
    }

    /// Whether a unit meets every condition, given the keys of each field it reads.
    public func holds(_ keys: (String) -> [String]) -> Bool {
        conditions.allSatisfy { $0.holds(keys($0.field)) }
    }

    public var description: String {
        let parts = conditions.map { condition -> String in
            switch condition.test {
            case .oneOf(let keys): "\(condition.field) is \(keys.sorted().joined(separator: " or "))"
            case .absent: "\(condition.field) is left out"
            case .has(let item): "\(condition.field) has \(item)"
            case .lacks(let item): "\(condition.field) lacks \(item)"
            }
        }
        return parts.isEmpty ? "every unit of \(population.rawValue)" : "\(population.rawValue) where " + parts.joined(separator: " and ")
    }
}
