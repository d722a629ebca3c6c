/// The coded fields of a case and of an area, as the contract names them: the values
/// each may hold and how to read them. One catalogue for everything that treats
/// fields generically: analyses that authors declare over any field, the microdata
/// that disclosure control models, the drop-down lists of a workbook.
///
/// Free text (`id`, `summary`, learning points) and numbers that are not codes
/// (an area's practitioners) are not coded fields. A child's age in months is:
/// it takes the twelve values 0…11.
public struct CodedField: Sendable {
    /// The field's dotted path, as `cases.csv` heads its column (`harm.outcome`).
    public let name: String
    public let kind: Kind
    /// Every value the field may take, in the contract's (or the vocabulary's) order.
    public let values: [Value]
    /// Whether a case may leave the field out (`harm.prognosis`, when the baby died).
    public let optional: Bool
    private let read: @Sendable (Case) -> [String]
    private let readArea: (@Sendable (Area) -> String)?

    public enum Kind: Sendable, Hashable {
        /// One value per case (a yes/no field is one of `true`, `false`).
        case single
        /// Any number of distinct values per case (`harm.injuries`, `themes`).
        case list
    }

    /// A value: its key as the input spells it, and what a reader sees.
    public struct Value: Sendable, Hashable {
        public let key: String
        public let label: String
        public init(key: String, label: String) {
            self.key = key
            self.label = label
        }
    }

    /// The keys a case has: one for a single field (none when it is left out), any number for a list.
    public func keys(of item: Case) -> [String] { read(item) }

    /// The key an area has, for the fields of ``CodedFields/area``.
    public func key(of area: Area) -> String? { readArea?(area) }

    /// The value with this key.
    public func value(_ key: String) -> Value? { values.first { $0.key == key } }

    init(
        _ name: String, _ kind: Kind = .single, values: [Value], optional: Bool = false,
        read: @escaping @Sendable (Case) -> [String]
    ) {
        self.name = name
        self.kind = kind
        self.values = values
        self.optional = optional
        self.read = read
        self.readArea = nil
    }

    init(area name: String, values: [Value], read: @escaping @Sendable (Area) -> String) {
        self.name = name
        self.kind = .single
        self.values = values
        self.optional = false
        self.read = { _ in [] }
        self.readArea = read
    }
}

/// The catalogue of coded fields.
public enum CodedFields {
    /// Every coded field of a case, in the contract's order, with the vocabulary's and the areas' values.
    public static func cases(vocabulary: Vocabulary, areas: [Area]) -> [CodedField] {
        [
            CodedField("area", values: areas.map { .init(key: $0.code, label: $0.code) }) { [$0.area] },
            code("local_review") { $0.localReview },
            code("child.sex") { $0.child.sex },
            CodedField("child.ethnicity", values: vocabulary.ethnicities.map { .init(key: $0, label: $0) }) { [$0.child.ethnicity] },
            CodedField("child.age_months", values: (0...11).map { .init(key: String($0), label: $0 == 1 ? "1 month" : "\($0) months") }) {
                [String($0.child.ageMonths)]
            },
            yesNo("child.premature") { $0.child.premature },
            yesNo("child.feeding_difficulties") { $0.child.feedingDifficulties },
            yesNo("child.weight_loss") { $0.child.weightLoss },
            code("harm.outcome") { $0.harm.outcome },
            codes("harm.injuries") { $0.harm.injuries },
            code("harm.occasions") { $0.harm.occasions },
            CodedField("harm.prognosis", values: values(Prognosis.self), optional: true) { $0.harm.prognosis.map { [$0.rawValue] } ?? [] },
            code("male_carer.relationship") { $0.maleCarer.relationship },
            yesNo("male_carer.criminal_convictions") { $0.maleCarer.criminalConvictions },
            code("male_carer.probation") { $0.maleCarer.probation },
            yesNo("parents.current_domestic_abuse") { $0.parents.currentDomesticAbuse },
            yesNo("parents.historical_domestic_abuse") { $0.parents.historicalDomesticAbuse },
            yesNo("parents.mental_health") { $0.parents.mentalHealth },
            yesNo("parents.care_leaver") { $0.parents.careLeaver },
            yesNo("parents.under_22") { $0.parents.under22 },
            code("agency_involvement") { $0.agencyInvolvement },
            code("proceedings.criminal") { $0.proceedings.criminal },
            code("proceedings.murder_charge") { $0.proceedings.murderCharge },
            code("proceedings.findings_of_fact") { $0.proceedings.findingsOfFact },
            CodedField("themes", .list, values: vocabulary.themes.map { .init(key: $0.code, label: $0.title) }) { $0.themes },
        ]
    }

    /// The coded fields of an area (`areas.yaml`).
    public static let area: [CodedField] = [
        CodedField(area: "type", values: values(AreaType.self)) { $0.type.rawValue },
        CodedField(area: "region", values: values(Region.self)) { $0.region.rawValue },
        CodedField(area: "family_nurse_partnership", values: yesNoValues) { $0.familyNursePartnership ? "true" : "false" },
    ]

    /// The rules of the contract that tie coded fields of one case together (each
    /// also enforced, with a located message, by validation): which combinations of
    /// values no valid case has. `holds` is given each field's keys, in `fields`' order.
    public static let rules: [Rule] = [
        Rule(
            "harm.prognosis is required when the baby was seriously harmed, and absent when the baby died",
            fields: ["harm.outcome", "harm.prognosis"]
        ) { keys in (keys[0] == ["died"]) == keys[1].isEmpty },
        Rule(
            "a murder charge requires that the baby died", fields: ["proceedings.murder_charge", "harm.outcome"]
        ) { keys in keys[0] == ["none"] || keys[1] == ["died"] },
        Rule(
            "male_carer.probation other than none requires criminal convictions",
            fields: ["male_carer.probation", "male_carer.criminal_convictions"]
        ) { keys in keys[0] == ["none"] || keys[1] == ["true"] },
        Rule("harm.injuries is not empty", fields: ["harm.injuries"]) { keys in !keys[0].isEmpty },
    ]

    /// A rule between coded fields of one case.
    public struct Rule: Sendable {
        public let description: String
        public let fields: [String]
        public let holds: @Sendable ([[String]]) -> Bool
        init(_ description: String, fields: [String], holds: @escaping @Sendable ([[String]]) -> Bool) {
            self.description = description
            self.fields = fields
            self.holds = holds
        }
    }

    static let yesNoValues = [CodedField.Value(key: "true", label: "Yes"), CodedField.Value(key: "false", label: "No")]

    static func values<Code: ContractCode>(_: Code.Type) -> [CodedField.Value] {
        Code.allCases.map { .init(key: $0.rawValue, label: $0.label) }
    }

    static func code<Code: ContractCode>(_ name: String, _ read: @escaping @Sendable (Case) -> Code) -> CodedField {
        CodedField(name, values: values(Code.self)) { [read($0).rawValue] }
    }

    static func codes<Code: ContractCode>(_ name: String, _ read: @escaping @Sendable (Case) -> [Code]) -> CodedField {
        CodedField(name, .list, values: values(Code.self)) { read($0).map(\.rawValue) }
    }

    static func yesNo(_ name: String, _ read: @escaping @Sendable (Case) -> Bool) -> CodedField {
        CodedField(name, values: yesNoValues) { [read($0) ? "true" : "false"] }
    }
}
