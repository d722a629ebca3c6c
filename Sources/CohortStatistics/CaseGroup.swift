import CaseModel

/// Cases that meet a conjunction of conditions on coded fields: a row or column
/// of a declared cross-tabulation, or one set of a co-occurrence figure.
public struct CaseGroup: Sendable, Hashable {
    /// Its part of a placeholder name (`yes`, `died`, `mental-health`).
    public let key: String
    /// What a reader sees ("Died", "Mental health of either or both parents").
    public let label: String
    /// What a case must meet to be in the group.
    public let conditions: [CellDefinition.Condition]
    /// What a case must meet to be outside it, when the group is a feature a case
    /// has or lacks (a boolean field's `false`, a list field's `.lacks`); empty otherwise.
    public let complement: [CellDefinition.Condition]

    public init(key: String, label: String, conditions: [CellDefinition.Condition], complement: [CellDefinition.Condition] = []) {
        self.key = key
        self.label = label
        self.conditions = conditions
        self.complement = complement
    }
}

/// One way of splitting cases into groups: the values of a coded field, or a list
/// of features, each a group.
public struct CaseSplit: Sendable, Hashable {
    public let groups: [CaseGroup]
    /// Whether a case can be in several groups (a list field, a list of features),
    /// so that the groups' counts need not add up to the cases split.
    public let overlapping: Bool
    /// Whether a case can be in none of the groups (features, a list field's items).
    public let partial: Bool

    public init(groups: [CaseGroup], overlapping: Bool, partial: Bool) {
        self.groups = groups
        self.overlapping = overlapping
        self.partial = partial
    }
}

/// Reads coded fields of cases by name, for evaluating conditions.
public struct CaseFieldReader: Sendable {
    private let fields: [String: CodedField]

    public init(_ fields: [CodedField]) {
        self.fields = Dictionary(fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether `item` meets every condition.
    public func meets(_ item: Case, _ conditions: [CellDefinition.Condition]) -> Bool {
        CellDefinition(.cases, conditions).holds { fields[$0]?.keys(of: item) ?? [] }
    }
}
