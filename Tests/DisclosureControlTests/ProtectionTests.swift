import CaseModel
import Testing

@testable import DisclosureControl

/// Small cohorts' counts, modelled and protected, each checked against what an
/// attacker could work out by hand.
@Suite struct ProtectionTests {
    static let vocabulary = Vocabulary(
        ethnicities: ["White British", "Asian"],
        themes: [Theme(code: "a", title: "A"), Theme(code: "b", title: "B"), Theme(code: "c", title: "C")])
    static let fields: [CellDefinition.Population: [CodedField]] = [
        .cases: CodedFields.cases(vocabulary: vocabulary, areas: []), .areas: CodedFields.area,
    ]

    func model(_ counts: [(String, CellDefinition, Int)], atLeast: [LinearModel.AtLeast] = []) throws -> LinearModel {
        try LinearModel(
            counts: counts.map { LinearModel.Count(name: $0.0, definition: $0.1, value: $0.2) }, fields: Self.fields,
            rules: CodedFields.rules, atLeast: atLeast)
    }

    func names(_ model: LinearModel, _ cells: Set<Int>) -> [String] { cells.map { model.cells[$0].name }.sorted() }

    static let sex: [(String, CellDefinition, Int)] = [
        ("cases", .allCases, 23), ("sex.male", .field("child.sex", is: "male"), 1), ("sex.female", .field("child.sex", is: "female"), 22),
    ]

    @Test func aLoneSmallCellTakesItsComplementWithIt() throws {
        let model = try model(Self.sex)
        let protection = Protection(model: model, threshold: 3)
        #expect(names(model, protection.primary) == ["sex.male"])
        #expect(names(model, protection.withheld) == ["sex.female", "sex.male"])
        #expect(protection.ranges[model.cellOfName["sex.male"]!] == Protection.Range(lower: 1, upper: 22))
        #expect(protection.unprotected.isEmpty)
    }

    @Test func withoutSecondarySuppressionTheAuditFindsTheCellPinned() throws {
        let model = try model(Self.sex)
        let protection = Protection(model: model, threshold: 3, secondary: false)
        let male = model.cellOfName["sex.male"]!
        #expect(protection.ranges[male] == Protection.Range(lower: 1, upper: 1))
        #expect(protection.unprotected == [male])
        #expect(Protection.audit(model: model, withheld: [male])[male]!.description == "exactly 1")
    }

    /// Counts with one definition are one cell: withholding one name withholds the other.
    @Test func namesOfTheSameCasesAreOneCell() throws {
        let model = try model(
            Self.sex + [
                ("convictions", .field("male_carer.criminal_convictions", is: "true"), 2),
                ("parents.father-convictions", .field("male_carer.criminal_convictions", is: "true"), 2),
            ])
        #expect(model.cellOfName["convictions"] == model.cellOfName["parents.father-convictions"])
        #expect(model.cells[model.cellOfName["convictions"]!].names == ["convictions", "parents.father-convictions"])
        #expect(throws: LinearModel.Problem.disagreement(first: "convictions", second: "other")) {
            try self.model([
                ("convictions", .field("male_carer.criminal_convictions", is: "true"), 2),
                ("other", .field("male_carer.criminal_convictions", is: "true"), 3),
            ])
        }
    }

    /// The first leak: a count withheld in one family is worked out from
    /// another. Babies who died with a fracture are the died babies' profiles with a
    /// fracture; withholding it and one profile leaves it computable from the rest.
    @Test func relationsBetweenFamiliesComeFromTheDefinitions() throws {
        let died = CellDefinition.field("harm.outcome", is: "died")
        func profile(_ injuries: Set<String>) -> CellDefinition {
            died.and(
                ["head-injury", "fracture", "bruising", "ruptured-frenulum"].map {
                    .init("harm.injuries", injuries.contains($0) ? .has($0) : .lacks($0))
                })
        }
        let counts: [(String, CellDefinition, Int)] = [
            ("cases", .allCases, 30), ("outcome.died", died, 9), ("outcome.harmed", .field("harm.outcome", is: "seriously-harmed"), 21),
            ("died.injury.fracture", died.and(.field("harm.injuries", has: "fracture")), 5),
            ("died.profile.head-and-fracture", profile(["head-injury", "fracture"]), 3),
            ("died.profile.fracture", profile(["fracture"]), 2),
            ("died.profile.head", profile(["head-injury"]), 4),
        ]
        let model = try model(counts)
        // Fracture = head-and-fracture + fracture-only when no other profile has one: not a hand-kept group.
        let withheld: Set = [model.cellOfName["died.profile.fracture"]!, model.cellOfName["died.profile.head"]!]
        let ranges = Protection.audit(model: model, withheld: withheld)
        #expect(ranges[model.cellOfName["died.profile.fracture"]!]!.description == "1 to 2")
        let protection = Protection(model: model, threshold: 3)
        #expect(protection.unprotected.isEmpty)
        // Fracture-only (2) is at most 2 while the fracture count and the profile with a fracture are published.
        #expect(ranges[model.cellOfName["died.profile.fracture"]!]!.protects(threshold: 3) == false)
        #expect(names(model, protection.withheld) == ["died.profile.fracture", "died.profile.head-and-fracture"])
        for cell in protection.withheld { #expect(protection.ranges[cell]!.protects(threshold: 3), "\(model.cells[cell].name)") }
    }

    /// The second leak: parts at their limit. Five regions withheld adding up
    /// to 10 with each at most 2 is pinned only if they are known to be small; the
    /// model does not assume a withheld count is small, and the audit proves the range.
    @Test func partsOfAGroupEachReachTheThreshold() throws {
        let regions = ["north-east", "north-west", "london", "south-east", "south-west", "east-midlands"]
        let values = [2, 2, 2, 2, 2, 9]
        var counts: [(String, CellDefinition, Int)] = [("areas", CellDefinition(.areas, []), 19)]
        for (region, value) in zip(regions, values) {
            counts.append(("region.\(region)", CellDefinition(.areas, [.init("region", .oneOf([region]))]), value))
        }
        for region in ["yorkshire-and-the-humber", "west-midlands", "east-of-england"] {
            counts.append(("region.\(region)", CellDefinition(.areas, [.init("region", .oneOf([region]))]), 0))
        }
        let model = try model(counts)
        let protection = Protection(model: model, threshold: 3)
        #expect(protection.primary.count == 5)
        #expect(protection.unprotected.isEmpty)
        for cell in protection.primary { #expect(protection.ranges[cell]!.upper! >= 3) }
        // Without a secondary cell, the five add up to 10 with the ninth published: each could be 1 to 6.
        #expect(protection.withheld == protection.primary)
        #expect(protection.ranges[protection.primary.min()!] == Protection.Range(lower: 1, upper: 6))
    }

    /// All ones: three withheld cells adding up to 3 are each 1.
    @Test func withheldCellsAddingUpToTheirNumberAreProtected() throws {
        let counts: [(String, CellDefinition, Int)] = [
            ("cases", .allCases, 20),
            ("agency.universal", .field("agency_involvement", is: "universal"), 1),
            ("agency.early-help", .field("agency_involvement", is: "early-help"), 1),
            ("agency.child-in-need", .field("agency_involvement", is: "child-in-need"), 1),
            ("agency.child-protection", .field("agency_involvement", is: "child-protection"), 17),
        ]
        let model = try model(counts)
        let primaryOnly = Protection(model: model, threshold: 3, secondary: false)
        #expect(primaryOnly.unprotected.count == 3)
        let protection = Protection(model: model, threshold: 3)
        #expect(protection.unprotected.isEmpty)
        #expect(names(model, protection.withheld).contains("agency.child-protection"))
    }

    /// What a figure tells of counts it does not print joins the model: a
    /// co-occurrence figure's "other combinations" adds up combinations each known to
    /// be 1 to the figure's minimum less one (2 here), so "other" cannot be more than
    /// twice that, however the rest is withheld; and a combination it shows is at
    /// least its minimum.
    @Test func whatAFigureTellsOfItsUnprintedPartsBoundsTheirSum() throws {
        let universal = CellDefinition.field("agency_involvement", is: "universal")
        let earlyHelp = CellDefinition.field("agency_involvement", is: "early-help")
        let grouped = LinearModel.Known(lower: 1, upper: 2, published: false)
        func counts(_ known: LinearModel.Known) -> [LinearModel.Count] {
            [
                .init(name: "cases", definition: .allCases, value: 12),
                .init(name: "universal", definition: universal, value: 2, known: known),
                .init(name: "early-help", definition: earlyHelp, value: 2, known: known),
                .init(name: "other", adding: [universal, earlyHelp], value: 4),
                .init(name: "child-in-need", definition: .field("agency_involvement", is: "child-in-need"), value: 5),
                .init(name: "child-protection", definition: .field("agency_involvement", is: "child-protection"), value: 3),
            ]
        }
        let model = try LinearModel(counts: counts(grouped), fields: Self.fields, rules: CodedFields.rules)
        let other = model.cellOfName["other"]!
        let withheld: Set = [other, model.cellOfName["child-protection"]!]
        #expect(names(model, model.unpublished) == ["early-help", "universal"])
        #expect(Protection.audit(model: model, withheld: withheld)[other] == .init(lower: 2, upper: 4))
        // Had the parts been printed and withheld, "other" would be 2 to 6 (the 7 left, less child protection's 1).
        let printed = try LinearModel(counts: counts(LinearModel.Known()), fields: Self.fields, rules: CodedFields.rules)
        let both: Set = [printed.cellOfName["universal"]!, printed.cellOfName["early-help"]!]
        #expect(Protection.audit(model: printed, withheld: withheld.union(both))[other] == .init(lower: 2, upper: 6))
        // No withholding lets "other" reach 5: it is left unprotected, and its parts are never withheld or audited.
        let protection = Protection(model: model, threshold: 5)
        #expect(protection.unprotected.contains(other))
        #expect(protection.withheld.isDisjoint(with: model.unpublished))
        #expect(protection.ranges.keys.allSatisfy { !model.unpublished.contains($0) })
        // A combination shown on its own is at least the minimum.
        let shown = try LinearModel(
            counts: [
                .init(name: "cases", definition: .allCases, value: 12),
                .init(name: "universal", definition: universal, value: 3, known: .init(lower: 3)),
                .init(name: "early-help", definition: earlyHelp, value: 9),
            ], fields: Self.fields, rules: CodedFields.rules)
        let pair: Set = [shown.cellOfName["universal"]!, shown.cellOfName["early-help"]!]
        let ranges = Protection.audit(model: shown, withheld: pair)
        #expect(ranges[shown.cellOfName["universal"]!] == .init(lower: 3, upper: 11))
        #expect(ranges[shown.cellOfName["early-help"]!] == .init(lower: 1, upper: 9))
    }

    /// What the report says of the most common value is a relation too.
    @Test func theMostCommonValueBoundsTheOthers() throws {
        let counts: [(String, CellDefinition, Int)] = [
            ("cases", .allCases, 10), ("sex.male", .field("child.sex", is: "male"), 6),
            ("sex.female", .field("child.sex", is: "female"), 4),
            ("ethnicity.a", .field("child.ethnicity", is: "White British"), 8), ("ethnicity.b", .field("child.ethnicity", is: "Asian"), 2),
        ]
        let model = try model(counts, atLeast: [.init("ethnicity.a", "ethnicity.b")])
        #expect(model.atLeast.count == 1)
        let withheld: Set = [model.cellOfName["ethnicity.a"]!, model.cellOfName["ethnicity.b"]!]
        // a + b = 10 and a ≥ b: b is 1 to 5.
        #expect(Protection.audit(model: model, withheld: withheld)[model.cellOfName["ethnicity.b"]!] == .init(lower: 1, upper: 5))
    }

    @Test func theContractsRulesAreStructuralZeros() throws {
        let died = CellDefinition.field("harm.outcome", is: "died")
        let counts: [(String, CellDefinition, Int)] = [
            ("cases", .allCases, 10), ("outcome.died", died, 2), ("outcome.harmed", .field("harm.outcome", is: "seriously-harmed"), 8),
            ("murder.father", .field("proceedings.murder_charge", is: "father"), 1),
            ("murder.none", .field("proceedings.murder_charge", is: "none"), 9),
        ]
        let model = try model(counts)
        let father = model.cellOfName["murder.father"]!
        let died2 = model.cellOfName["outcome.died"]!
        // A murder charge needs a death: with both withheld, the charge is at most the deaths.
        let ranges = Protection.audit(
            model: model, withheld: [father, died2, model.cellOfName["outcome.harmed"]!, model.cellOfName["murder.none"]!])
        #expect(ranges[father] == .init(lower: 1, upper: 9))
        #expect(ranges[died2] == .init(lower: 1, upper: 9))
    }

    /// When a component is too large to cross-classify whole, a rule between fields
    /// no count reads together still holds across its linked tables. Found by the
    /// attacker on 20 generated cases at N = 5: a cross-tab cell of 12 babies seriously
    /// harmed leaves at most 8 deaths, of which 5 had both parents charged with murder,
    /// so the father alone was charged in at most 3; the audit had said 1 to 14.
    @Test func aRuleHoldsAcrossLinkedTables() throws {
        // 17 themes and the outcome: 2^18 combinations, a table of its own; with the murder
        // charge's 4 values the whole would be 2^20, so the component is linked tables.
        let themes = (1...17).map { Theme(code: "t\($0)", title: "T\($0)") }
        let fields: [CellDefinition.Population: [CodedField]] = [
            .cases: CodedFields.cases(vocabulary: Vocabulary(ethnicities: ["White British"], themes: themes), areas: [])
        ]
        let harmed = CellDefinition.field("harm.outcome", is: "seriously-harmed")
        let counts: [LinearModel.Count] = [
            .init(name: "cases", definition: .allCases, value: 20),
            .init(name: "outcome.died", definition: .field("harm.outcome", is: "died"), value: 6),
            .init(name: "outcome.harmed", definition: harmed, value: 14),
            .init(name: "t1.harmed", definition: harmed.and([.init("themes", .has("t1"))]), value: 12),
            .init(name: "murder.father", definition: .field("proceedings.murder_charge", is: "father"), value: 1),
            .init(name: "murder.both", definition: .field("proceedings.murder_charge", is: "both-parents"), value: 5),
            .init(name: "murder.mother", definition: .field("proceedings.murder_charge", is: "mother"), value: 0),
            .init(name: "murder.none", definition: .field("proceedings.murder_charge", is: "none"), value: 14),
        ]
        let model = try LinearModel(counts: counts, fields: fields, rules: CodedFields.rules)
        #expect(model.components.count == 1)
        #expect(model.components[0].tables.count > 1)
        let withheld = Set(["murder.father", "murder.none", "outcome.died", "outcome.harmed"].map { model.cellOfName[$0]! })
        let ranges = Protection.audit(model: model, withheld: withheld)
        #expect(ranges[model.cellOfName["outcome.died"]!] == .init(lower: 6, upper: 8))
        #expect(ranges[model.cellOfName["murder.father"]!] == .init(lower: 1, upper: 3))
    }

    @Test func aFieldOutsideTheContractIsRefused() {
        #expect(throws: LinearModel.Problem.unknownField(count: "x", field: "child.shoe_size")) {
            try self.model([("x", .field("child.shoe_size", is: "3"), 1)])
        }
    }

    @Test func tooManyCombinationsAreRefusedWithTheFields() {
        var themes: [Theme] = []
        for i in 0..<20 { themes.append(Theme(code: "t\(i)", title: "T\(i)")) }
        let fields: [CellDefinition.Population: [CodedField]] = [
            .cases: CodedFields.cases(vocabulary: Vocabulary(ethnicities: [], themes: themes), areas: [])
        ]
        #expect(throws: LinearModel.Problem.self) {
            try LinearModel(
                counts: [.init(name: "t", definition: .field("themes", has: "t0"), value: 1)], fields: fields, rules: [])
        }
    }
}
