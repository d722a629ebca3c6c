import CaseModel
import Foundation

/// One case as a draft records it in `data/cases.json`: its fields as validated,
/// each with its code and its label, in the contract's order.
public struct CaseRecord: Codable, Hashable, Sendable {
    public struct Field: Codable, Hashable, Sendable {
        /// The contract's dotted path (`child.age_months`).
        public var field: String
        /// As validated: a code, a number, `true`/`false`, text.
        public var value: String
        /// As a reader sees it: "Seriously harmed", "3 months", "Yes".
        public var label: String
        /// A list field's items as a reader sees them, one by one (`label` joins them);
        /// absent for other fields, and in the records of drafts built before it was kept.
        public var items: [String]?
    }

    /// What the report calls a field: `Relationship of the male carer` for
    /// `male_carer.relationship`, `Learning point 2` for `learning[2]`.
    public static func title(of field: String) -> String {
        if field.hasPrefix("learning["), field.hasSuffix("]") { return "Learning point " + field.dropFirst(9).dropLast() }
        return titles[field] ?? field
    }

    private static let titles: [String: String] = [
        "area": "Area", "local_review": "Kind of local review", "child.sex": "Sex", "child.ethnicity": "Ethnicity",
        "child.age_months": "Age", "child.premature": "Born prematurely", "child.feeding_difficulties": "Feeding difficulties",
        "child.weight_loss": "Weight loss", "harm.outcome": "Outcome", "harm.injuries": "Injuries",
        "harm.occasions": "Injured once or more than once", "harm.prognosis": "Prognosis",
        "male_carer.relationship": "Relationship of the male carer", "male_carer.criminal_convictions": "Male carer's criminal convictions",
        "male_carer.probation": "Male carer's probation", "parents.current_domestic_abuse": "Current domestic abuse",
        "parents.historical_domestic_abuse": "Domestic abuse in the past", "parents.mental_health": "Parents' mental health",
        "parents.care_leaver": "A parent who left care", "parents.under_22": "A parent under 22",
        "agency_involvement": "Agency involvement", "proceedings.criminal": "Criminal proceedings",
        "proceedings.murder_charge": "Murder charge", "proceedings.findings_of_fact": "Findings of fact", "themes": "Themes",
        "summary": "Summary",
    ]

    public var id: String
    public var fields: [Field]

    public init(_ c: Case, vocabulary: Vocabulary) {
        id = c.id
        var fields: [Field] = []
        func add(_ field: String, _ value: String, _ label: String, items: [String]? = nil) {
            fields.append(Field(field: field, value: value, label: label, items: items))
        }
        func code(_ field: String, _ code: some ContractCode) { add(field, code.rawValue, code.label) }
        func flag(_ field: String, _ on: Bool) { add(field, on ? "true" : "false", on ? "Yes" : "No") }
        let themeTitles = Dictionary(vocabulary.themes.map { ($0.code, $0.title) }, uniquingKeysWith: { first, _ in first })

        add("area", c.area, c.area)
        code("local_review", c.localReview)
        code("child.sex", c.child.sex)
        add("child.ethnicity", c.child.ethnicity, c.child.ethnicity)
        add("child.age_months", String(c.child.ageMonths), c.child.ageMonths == 1 ? "1 month" : "\(c.child.ageMonths) months")
        flag("child.premature", c.child.premature)
        flag("child.feeding_difficulties", c.child.feedingDifficulties)
        flag("child.weight_loss", c.child.weightLoss)
        code("harm.outcome", c.harm.outcome)
        add(
            "harm.injuries", c.harm.injuries.map(\.rawValue).joined(separator: ";"), c.harm.injuries.map(\.label).joined(separator: ", "),
            items: c.harm.injuries.map(\.label))
        code("harm.occasions", c.harm.occasions)
        if let prognosis = c.harm.prognosis { code("harm.prognosis", prognosis) } else { add("harm.prognosis", "", "none (the baby died)") }
        code("male_carer.relationship", c.maleCarer.relationship)
        flag("male_carer.criminal_convictions", c.maleCarer.criminalConvictions)
        code("male_carer.probation", c.maleCarer.probation)
        flag("parents.current_domestic_abuse", c.parents.currentDomesticAbuse)
        flag("parents.historical_domestic_abuse", c.parents.historicalDomesticAbuse)
        flag("parents.mental_health", c.parents.mentalHealth)
        flag("parents.care_leaver", c.parents.careLeaver)
        flag("parents.under_22", c.parents.under22)
        code("agency_involvement", c.agencyInvolvement)
        code("proceedings.criminal", c.proceedings.criminal)
        code("proceedings.murder_charge", c.proceedings.murderCharge)
        code("proceedings.findings_of_fact", c.proceedings.findingsOfFact)
        add(
            "themes", c.themes.joined(separator: ";"),
            c.themes.isEmpty ? "none" : c.themes.map { themeTitles[$0] ?? $0 }.joined(separator: ", "),
            items: c.themes.map { themeTitles[$0] ?? $0 })
        add("summary", c.summary, c.summary)
        for (index, point) in c.learning.enumerated() {
            let title = themeTitles[point.theme] ?? point.theme
            add(
                "learning[\(index + 1)]", "\(point.theme);\(point.publishable);\(point.text)",
                "\(title): \(point.text) (\(point.publishable ? "publishable" : "not for publication"))")
        }
        self.fields = fields
    }
}

/// `data/cases.json`, written with every draft and never with a published report:
/// the draft's values and every case's fields, so that a later draft given it as
/// `--baseline` can say which cases were added, removed or changed, field by field.
/// Written by ``JSONFile``, like ``StatisticsFile``.
struct DraftRecordFile: Encodable {
    let schema = 1
    /// Tells it apart from a published `statistics.json`.
    let kind = "draft"
    /// When the draft was built (UTC, ISO 8601).
    let built: String
    /// The short digest of the inputs and templates it was built from, as its
    /// header prints it: a later draft names its baseline by it. Kept here, in the
    /// draft's own file, never in a published one.
    let inputs: String
    let values: [String: StatisticsFile.NamedValue]
    let cases: [CaseRecord]

    func data() -> Data { JSONFile.data(self) }
}
