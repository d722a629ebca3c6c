import CaseModel

/// Every published count as a sum over microdata classes: what an attacker who
/// knows how each count is defined can write down from the published numbers alone.
///
/// The cases (or areas) are cross-classified by every coded field that some
/// published count reads. Fields read together by one count (or tied by a rule of
/// the contract) form a *component*; a component's cross-classification has one
/// cell per combination of its fields' values (each item of a list field is a
/// yes/no), less the combinations the contract's rules forbid. Every count is then
/// the sum of the cells it covers, and each component's cells add up to the number
/// of units. Cells that no count tells apart are merged into one *class*, an
/// unknown whole number of at least 0: the model's variables.
///
/// Nothing here is a list of relations kept by hand: that `died.injury.fracture`
/// is made of the injury profiles with a fracture, or that a theme's cases by
/// agency add up to the theme's cases, follows from the definitions. Counts whose
/// definitions cover the same classes are one *cell* of the model (an alias such as
/// `convictions` and `parents.father-convictions`): they are published or withheld together.
public struct LinearModel: Sendable {
    /// A count the build would publish.
    public struct Count: Sendable, Hashable {
        public var name: String
        /// What it counts; a count that adds up several (a co-occurrence figure's
        /// "other combinations") has one definition per part, and the parts do not overlap.
        public var definitions: [CellDefinition]
        public var value: Int
        /// What a reader knows of it whatever is withheld.
        public var known: Known
        public init(name: String, definition: CellDefinition, value: Int, known: Known = Known()) {
            self.init(name: name, adding: [definition], value: value, known: known)
        }
        public init(name: String, adding parts: [CellDefinition], value: Int, known: Known = Known()) {
            self.name = name
            self.definitions = parts
            self.value = value
            self.known = known
        }
        var definition: CellDefinition { definitions[0] }
    }

    /// What a reader knows of a count without its value: that it is at least
    /// `lower` (1 for any withheld count, since zero is published; a co-occurrence
    /// figure's minimum for a combination it shows) and at most `upper` (a
    /// combination grouped as "other", which is below the minimum). A count that is
    /// not `published` is never printed: only what is known of it joins the model.
    public struct Known: Sendable, Hashable {
        public var lower: Int
        public var upper: Int?
        public var published: Bool
        public init(lower: Int = 1, upper: Int? = nil, published: Bool = true) {
            self.lower = lower
            self.upper = upper
            self.published = published
        }

        /// What is known of one cell that two counts describe.
        func and(_ other: Known) -> Known {
            Known(
                lower: max(lower, other.lower), upper: [upper, other.upper].compactMap { $0 }.min(),
                published: published || other.published)
        }
    }

    /// One cell of the model: the counts with this sum, its value and its terms.
    public struct Cell: Sendable, Hashable {
        /// The names that publish it, in the order they were given.
        public var names: [String]
        public var value: Int
        /// The classes it adds up (indices into the model's variables), sorted; empty for a population's total.
        public var classes: [Int]
        /// The population's total, when the cell is every unit of a population.
        public var total: CellDefinition.Population?
        /// What a reader knows of it when it is withheld, and whether it is published at all.
        public var known: Known
        /// Its first name.
        public var name: String { names[0] }
    }

    /// `cell ≥ other`: what the report says by naming the most common of something.
    public struct AtLeast: Sendable, Hashable {
        public var larger: String
        public var smaller: String
        public init(_ larger: String, _ smaller: String) {
            self.larger = larger
            self.smaller = smaller
        }
    }

    public private(set) var cells: [Cell] = []
    /// The cell each name publishes.
    public private(set) var cellOfName: [String: Int] = [:]
    /// How many classes (variables, each a whole number ≥ 0) there are.
    public private(set) var classCount = 0
    /// For each component: its population and its classes, which add up to the population's total.
    public private(set) var components: [Part] = []

    /// A component: its classes, in tables that each add up to the population's total
    /// (one table, the whole cross-classification, unless that is too large), and the
    /// margins that two tables share, which must agree.
    public struct Part: Sendable {
        public var population: CellDefinition.Population
        public var fields: [String]
        public var classes: [Int]
        public var tables: [[Int]]
        public var links: [(first: [Int], second: [Int])]
    }
    /// The cells never published, of which only what is ``Known`` joins the model.
    public var unpublished: Set<Int> { Set(cells.indices.filter { !cells[$0].known.published }) }
    /// Pairs of cells (indices) with `cells[larger] ≥ cells[smaller]`.
    public private(set) var atLeast: [(larger: Int, smaller: Int)] = []

    /// Components larger than this many combinations are refused: the model would take too long to solve.
    public static let largestComponent = 1 << 18

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unknownField(count: String, field: String)
        case tooLarge(fields: [String], combinations: Int)
        case disagreement(first: String, second: String)
        case unknownName(String)
        /// No count to model: a build that withholds every count before modelling any.
        case nothingToModel

        public var description: String {
            switch self {
            case .unknownField(let count, let field):
                "the count \(count) reads a field, \(field), that is not a coded field of the contract"
            case .tooLarge(let fields, let combinations):
                "the counts read \(fields.joined(separator: ", ")) together: \(combinations) combinations, more than "
                    + "\(LinearModel.largestComponent) that disclosure control can check; publish fewer counts that combine them"
            case .disagreement(let first, let second):
                "\(first) and \(second) count the same cases but have different values"
            case .unknownName(let name): "\(name) is not a published count"
            case .nothingToModel: "there is no count to model"
            }
        }
    }

    /// The model of `counts`. `fields`: the coded fields of each population (``CodedFields``);
    /// `rules`: the contract's rules between fields of one case.
    public init(
        counts: [Count], fields: [CellDefinition.Population: [CodedField]], rules: [CodedFields.Rule] = [],
        atLeast: [AtLeast] = []
    ) throws(Problem) {
        var rowOfCount: [[Int]?] = Array(repeating: nil, count: counts.count)
        var totalOfCount: [CellDefinition.Population?] = Array(repeating: nil, count: counts.count)
        for population in [CellDefinition.Population.cases, .areas] {
            let indices = counts.indices.filter { counts[$0].definition.population == population }
            guard !indices.isEmpty else { continue }
            let known = Dictionary((fields[population] ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            // Each part of each count: (count, definition).
            var parts: [(count: Int, definition: CellDefinition)] = []
            for i in indices {
                if counts[i].definitions.count == 1 && counts[i].definition.conditions.isEmpty { totalOfCount[i] = population }
                for definition in counts[i].definitions {
                    for field in definition.fields where known[field] == nil {
                        throw .unknownField(count: counts[i].name, field: field)
                    }
                    if !definition.conditions.isEmpty { parts.append((i, definition)) }
                }
            }
            for group in Self.components(counts: parts.map(\.definition), rules: rules) {
                let members = parts.filter { group.contains($0.definition.fields[0]) }
                let tables = try Self.tables(group, members.map(\.definition), known: known, rules: rules)
                var part = Part(population: population, fields: group, classes: [], tables: [], links: [])
                var offsets: [Int] = []
                for table in tables {
                    let (classes, rows) = table.component.classes(of: table.members.map { members[$0].definition } + table.links)
                    let offset = classCount
                    offsets.append(offset)
                    classCount += classes
                    part.classes += Array(offset..<offset + classes)
                    part.tables.append(Array(offset..<offset + classes))
                    for (member, row) in zip(table.members, rows) {
                        let count = members[member].count
                        rowOfCount[count] = ((rowOfCount[count] ?? []) + row.map { $0 + offset }).sorted()
                    }
                    table.linkRows = rows.suffix(table.links.count).map { $0.map { $0 + offset } }
                }
                for (i, first) in tables.enumerated() {
                    for (j, second) in tables.enumerated() where j > i {
                        for (k, link) in first.links.enumerated() {
                            guard let l = second.links.firstIndex(of: link) else { continue }
                            part.links.append((first.linkRows[k], second.linkRows[l]))
                        }
                    }
                }
                components.append(part)
            }
        }
        var cellOfRow: [[Int]: Int] = [:]
        var cellOfTotal: [CellDefinition.Population: Int] = [:]
        for (i, count) in counts.enumerated() {
            let existing = totalOfCount[i].flatMap { cellOfTotal[$0] } ?? rowOfCount[i].flatMap { cellOfRow[$0] }
            if let existing {
                guard cells[existing].value == count.value else { throw .disagreement(first: cells[existing].name, second: count.name) }
                if !cells[existing].names.contains(count.name) { cells[existing].names.append(count.name) }
                cells[existing].known = cells[existing].known.and(count.known)
                cellOfName[count.name] = existing
                continue
            }
            cellOfName[count.name] = cells.count
            if let total = totalOfCount[i] {
                cellOfTotal[total] = cells.count
            } else {
                cellOfRow[rowOfCount[i]!] = cells.count
            }
            cells.append(
                Cell(names: [count.name], value: count.value, classes: rowOfCount[i] ?? [], total: totalOfCount[i], known: count.known))
        }
        for pair in atLeast {
            guard let larger = cellOfName[pair.larger] else { throw .unknownName(pair.larger) }
            guard let smaller = cellOfName[pair.smaller] else { throw .unknownName(pair.smaller) }
            if larger != smaller { self.atLeast.append((larger, smaller)) }
        }
    }

    /// One table of a component: its cross-classification, the counts (positions
    /// among the component's) it holds, and the margins it may share with another.
    final class Table {
        let component: Component
        var members: [Int] = []
        /// One definition per combination of the values of each field it shares with another table.
        var links: [CellDefinition] = []
        var linkRows: [[Int]] = []
        init(_ component: Component) { self.component = component }
    }

    /// A component's tables: its whole cross-classification when that is small
    /// enough; otherwise one table per largest set of fields that one count reads, or
    /// that one of the contract's rules ties (the linked tables of tau-Argus), each
    /// holding the counts whose fields it has, and tied to the others through the
    /// margins they share.
    static func tables(
        _ fields: [String], _ definitions: [CellDefinition], known: [String: CodedField], rules: [CodedFields.Rule]
    ) throws(Problem) -> [Table] {
        do {
            let whole = Table(try Component(fields: fields.map { known[$0]! }, rules: rules))
            whole.members = Array(definitions.indices)
            return [whole]
        } catch {
            // Too large as a whole: linked tables.
        }
        var sets: [[String]] = []
        // A rule of the contract between fields that no count reads together ("a murder
        // charge requires that the baby died") gets a table of its own fields, so that
        // it holds across the tables it links: without one it would hold in none.
        let ruled = rules.map { $0.fields.sorted() }.filter { Set($0).isSubset(of: fields) }
        for set in (definitions.map({ $0.fields.sorted() }) + ruled).sorted(by: { $0.count > $1.count })
        where !sets.contains(where: { Set($0).isSuperset(of: set) }) {
            sets.append(set)
        }
        let tables = try sets.map { set throws(Problem) in Table(try Component(fields: set.map { known[$0]! }, rules: rules)) }
        for (index, definition) in definitions.enumerated() {
            let own = Set(definition.fields)
            tables[sets.firstIndex { Set($0).isSuperset(of: own) }!].members.append(index)
        }
        // The margins over the fields two tables share, one definition per combination of their values.
        for (i, first) in sets.enumerated() {
            for (j, second) in sets.enumerated() where j != i {
                let shared = first.filter(second.contains)
                guard !shared.isEmpty else { continue }
                for link in Self.margins(shared.map { known[$0]! }) where !tables[i].links.contains(link) {
                    tables[i].links.append(link)
                }
            }
        }
        return tables
    }

    /// Every combination of the values of `fields`, as a definition.
    static func margins(_ fields: [CodedField]) -> [CellDefinition] {
        var combinations: [[CellDefinition.Condition]] = [[]]
        for field in fields {
            var choices: [[CellDefinition.Condition]] = []
            switch field.kind {
            case .single:
                choices =
                    field.values.map { [.init(field.name, .oneOf([$0.key]))] } + (field.optional ? [[.init(field.name, .absent)]] : [])
            case .list:
                choices = [[]]
                for value in field.values {
                    choices = choices.flatMap { [$0 + [.init(field.name, .has(value.key))], $0 + [.init(field.name, .lacks(value.key))]] }
                }
            }
            combinations = combinations.flatMap { combination in choices.map { combination + $0 } }
        }
        return combinations.map { CellDefinition(.cases, $0) }
    }

    /// The fields of one population grouped into components: fields read by one
    /// count together, and fields one rule ties, when every field of the rule is read.
    static func components(counts: [CellDefinition], rules: [CodedFields.Rule]) -> [[String]] {
        var order: [String] = []
        var parent: [String: String] = [:]
        func root(_ field: String) -> String {
            var field = field
            while let up = parent[field], up != field { field = up }
            return field
        }
        func add(_ field: String) {
            if parent[field] == nil {
                parent[field] = field
                order.append(field)
            }
        }
        func join(_ fields: [String]) {
            for field in fields { add(field) }
            for field in fields.dropFirst() { parent[root(field)] = root(fields[0]) }
        }
        for definition in counts where !definition.conditions.isEmpty { join(definition.fields) }
        for rule in rules where rule.fields.allSatisfy({ parent[$0] != nil }) { join(rule.fields) }
        var groups: [String: [String]] = [:]
        for field in order { groups[root(field), default: []].append(field) }
        return order.filter { root($0) == $0 }.map { groups[$0]! }
    }
}

/// The cross-classification of one component's fields.
struct Component {
    /// One digit of a combination: a single field's key (or "left out"), or whether a list field has one item.
    struct Digit {
        var field: Int
        /// For a single field, its keys (`nil` for left out); for a list item, the item.
        var keys: [String?]
        var item: String?
        var radix: Int { item == nil ? keys.count : 2 }
    }

    let fields: [CodedField]
    var digits: [Digit] = []
    var combinations = 1
    let rules: [(rule: CodedFields.Rule, fields: [Int])]

    init(fields: [CodedField], rules: [CodedFields.Rule]) throws(LinearModel.Problem) {
        self.fields = fields
        for (index, field) in fields.enumerated() {
            switch field.kind {
            case .single:
                digits.append(Digit(field: index, keys: field.values.map(\.key) + (field.optional ? [nil] : []), item: nil))
            case .list:
                for value in field.values { digits.append(Digit(field: index, keys: [], item: value.key)) }
            }
        }
        for digit in digits {
            combinations = combinations.multipliedReportingOverflow(by: digit.radix).overflow ? Int.max : combinations * digit.radix
        }
        guard combinations <= LinearModel.largestComponent else {
            throw .tooLarge(fields: fields.map(\.name), combinations: combinations)
        }
        let names = fields.map(\.name)
        self.rules = rules.compactMap { rule in
            let positions = rule.fields.compactMap { names.firstIndex(of: $0) }
            return positions.count == rule.fields.count ? (rule, positions) : nil
        }
    }

    /// The classes of this component for these counts: how many, and the classes each count adds up.
    func classes(of counts: [CellDefinition]) -> (count: Int, rows: [[Int]]) {
        // Each count as a test per digit: which values of the digit it allows.
        let tests: [[(digit: Int, allowed: [Bool])]] = counts.map { definition in
            var allowed: [Int: [Bool]] = [:]
            for condition in definition.conditions {
                let field = fields.firstIndex { $0.name == condition.field }!
                for (d, digit) in digits.enumerated() where digit.field == field {
                    var mask = allowed[d] ?? Array(repeating: true, count: digit.radix)
                    for v in 0..<digit.radix {
                        let keys = digit.item == nil ? (digit.keys[v].map { [$0] } ?? []) : (v == 1 ? [digit.item!] : [])
                        switch condition.test {
                        case .has(let item), .lacks(let item):
                            // A list item's digit decides it; other items' digits do not.
                            if digit.item == item { mask[v] = mask[v] && condition.holds(keys) }
                        case .oneOf, .absent:
                            mask[v] = mask[v] && condition.holds(keys)
                        }
                    }
                    allowed[d] = mask
                }
            }
            return allowed.keys.sorted().map { ($0, allowed[$0]!) }
        }
        var classOfSignature: [[UInt64]: Int] = [:]
        var rows = [[Int]](repeating: [], count: counts.count)
        var combination = [Int](repeating: 0, count: digits.count)
        let words = (counts.count + 63) / 64
        for _ in 0..<combinations {
            if allowedByRules(combination) {
                var signature = [UInt64](repeating: 0, count: words)
                for (c, test) in tests.enumerated() where test.allSatisfy({ $0.allowed[combination[$0.digit]] }) {
                    signature[c / 64] |= 1 << UInt64(c % 64)
                }
                if classOfSignature[signature] == nil {
                    let index = classOfSignature.count
                    classOfSignature[signature] = index
                    for c in counts.indices where signature[c / 64] & (1 << UInt64(c % 64)) != 0 { rows[c].append(index) }
                }
            }
            // The next combination, the last digit fastest.
            var d = digits.count - 1
            while d >= 0 {
                combination[d] += 1
                if combination[d] < digits[d].radix { break }
                combination[d] = 0
                d -= 1
            }
        }
        return (classOfSignature.count, rows)
    }

    /// Whether a combination keeps every rule whose fields are all in this component.
    func allowedByRules(_ combination: [Int]) -> Bool {
        rules.allSatisfy { rule, positions in
            rule.holds(positions.map { keys(of: $0, in: combination) })
        }
    }

    /// The keys field `field` has in a combination.
    func keys(of field: Int, in combination: [Int]) -> [String] {
        var keys: [String] = []
        for (d, digit) in digits.enumerated() where digit.field == field {
            if let item = digit.item {
                if combination[d] == 1 { keys.append(item) }
            } else if let key = digit.keys[combination[d]] {
                keys.append(key)
            }
        }
        return keys
    }
}
