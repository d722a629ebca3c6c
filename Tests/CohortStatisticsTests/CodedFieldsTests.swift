import CaseModel
import CaseValidation
import Testing

@Suite struct CodedFieldsTests {
    let cohort = ReferenceCohort.yaml.cohort!

    var fields: [CodedField] { CodedFields.cases(vocabulary: cohort.vocabulary, areas: cohort.areas) }

    @Test func everyColumnButFreeTextIsACodedField() {
        let free: Set = ["id", "summary"]
        #expect(fields.map(\.name) == CaseCSVColumns.canonical.filter { !free.contains($0) })
    }

    @Test func everyCaseHasKeysFromEachFieldsValues() {
        for field in fields {
            let keys = Set(field.values.map(\.key))
            for item in cohort.cases {
                let own = field.keys(of: item)
                #expect(own.allSatisfy(keys.contains), "\(item.id) \(field.name): \(own)")
                switch field.kind {
                case .single: #expect(own.count == (field.optional ? own.count : 1))
                case .list: #expect(Set(own).count == own.count)
                }
            }
        }
    }

    @Test func readsTheValuesACaseHas() {
        let first = cohort.cases[0]
        let byName = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })
        #expect(byName["harm.outcome"]!.keys(of: first) == [first.harm.outcome.rawValue])
        #expect(byName["harm.injuries"]!.keys(of: first) == first.harm.injuries.map(\.rawValue))
        #expect(byName["child.age_months"]!.keys(of: first) == [String(first.child.ageMonths)])
        #expect(byName["parents.under_22"]!.keys(of: first) == [first.parents.under22 ? "true" : "false"])
        #expect(byName["themes"]!.keys(of: first) == first.themes)
        #expect(byName["harm.prognosis"]!.keys(of: first) == (first.harm.prognosis.map { [$0.rawValue] } ?? []))
    }

    @Test func everyCaseKeepsTheRulesAndTheRulesRefuseWhatValidationRefuses() {
        let byName = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })
        for rule in CodedFields.rules {
            for item in cohort.cases {
                #expect(rule.holds(rule.fields.map { byName[$0]!.keys(of: item) }), "\(item.id): \(rule.description)")
            }
        }
        func holds(_ description: String, _ keys: [[String]]) -> Bool {
            CodedFields.rules.first { $0.description.hasPrefix(description) }!.holds(keys)
        }
        #expect(!holds("harm.prognosis", [["died"], ["unknown"]]))
        #expect(!holds("harm.prognosis", [["seriously-harmed"], []]))
        #expect(!holds("a murder charge", [["father"], ["seriously-harmed"]]))
        #expect(!holds("male_carer.probation", [["current"], ["false"]]))
        #expect(!holds("harm.injuries", [[]]))
    }

    @Test func areasHaveTheirOwnFields() {
        let area = cohort.areas[0]
        #expect(CodedFields.area.map(\.name) == ["type", "region", "family_nurse_partnership"])
        #expect(CodedFields.area[0].key(of: area) == area.type.rawValue)
        #expect(CodedFields.area[1].key(of: area) == area.region.rawValue)
    }
}

@Suite struct CellDefinitionTests {
    @Test func conditionsHoldOnTheKeysOfTheirField() {
        let died = CellDefinition.field("harm.outcome", is: "died")
        let headInjury = died.and(CellDefinition.field("harm.injuries", has: "head-injury"))
        let keys: [String: [String]] = ["harm.outcome": ["died"], "harm.injuries": ["fracture"], "harm.prognosis": []]
        #expect(died.holds { keys[$0]! })
        #expect(!headInjury.holds { keys[$0]! })
        #expect(headInjury.fields == ["harm.outcome", "harm.injuries"])
        #expect(CellDefinition.Condition("harm.injuries", .lacks("head-injury")).holds(["fracture"]))
        #expect(CellDefinition.Condition("harm.prognosis", .absent).holds(keys["harm.prognosis"]!))
        #expect(!CellDefinition.Condition("harm.prognosis", .oneOf(["unknown"])).holds([]))
        #expect(CellDefinition.allCases.holds { _ in [] })
        #expect(headInjury.description == "cases where harm.outcome is died and harm.injuries has head-injury")
    }
}
