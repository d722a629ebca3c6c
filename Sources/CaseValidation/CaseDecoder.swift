import CaseLoading
import CaseModel

/// Decodes one case (a YAML document or a spreadsheet row) and checks its rules.
struct CaseDecoder {
    let context: DecodeContext
    let declared: Declarations
    private var read: ValueReader { ValueReader(log: context.log) }

    init(context: DecodeContext, declared: Declarations) {
        self.context = context
        self.declared = declared
    }

    static let topKeys = [
        "id", "area", "local_review", "child", "harm", "male_carer", "parents",
        "agency_involvement", "proceedings", "themes", "summary", "learning",
    ]
    static let childKeys = ["sex", "ethnicity", "age_months", "premature", "feeding_difficulties", "weight_loss"]
    static let harmKeys = ["outcome", "injuries", "occasions", "prognosis"]
    static let maleCarerKeys = ["relationship", "criminal_convictions", "probation"]
    static let parentsKeys = ["current_domestic_abuse", "historical_domestic_abuse", "mental_health", "care_leaver", "under_22"]
    static let proceedingsKeys = ["criminal", "murder_charge", "findings_of_fact"]
    static let learningKeys = ["theme", "text", "publishable"]

    /// The case, or `nil` when anything in it is wrong (every problem is logged).
    func decode(_ root: FieldValue) -> Case? {
        let errorsBefore = context.log.errorCount
        guard let fields = Fields(root, path: "", allowed: Self.topKeys, context: context) else { return nil }

        let id = fields.required("id") { value, field in idText(value, field) }
        let area = fields.required("area") { value, field in declaredText(value, field, in: declared.areaCodes, file: "areas.yaml") }
        let localReview: LocalReview? = fields.required("local_review", expected: "one of: \(LocalReview.validValues)") {
            read.code($0, $1)
        }
        let child = fields.required("child") { value, field in decodeChild(value, field) }
        let harm = fields.required("harm") { value, field in decodeHarm(value, field) }
        let maleCarer = fields.required("male_carer") { value, field in decodeMaleCarer(value, field) }
        let parents = fields.required("parents") { value, field in decodeParents(value, field) }
        let agency: AgencyInvolvement? = fields.required("agency_involvement", expected: "one of: \(AgencyInvolvement.validValues)") {
            read.code($0, $1)
        }
        let proceedings = fields.required("proceedings") { value, field in decodeProceedings(value, field, outcome: harm?.outcome) }
        let themes = fields.present("themes").map { value in decodeThemes(value, FieldPath("themes")) } ?? []
        let summary = fields.required("summary", expected: "text") { read.freeText($0, $1) }
        let learning = fields.present("learning").map { value in decodeLearning(value, FieldPath("learning")) } ?? []

        guard context.log.errorCount == errorsBefore,
            let id, let area, let localReview, let child, let harm, let maleCarer, let parents,
            let agency, let proceedings, let themes, let summary, let learning
        else { return nil }
        return Case(
            id: id, area: area, localReview: localReview, child: child, harm: harm, maleCarer: maleCarer,
            parents: parents, agencyInvolvement: agency, proceedings: proceedings, themes: themes,
            summary: summary, learning: learning)
    }

    // MARK: - Sections

    private func decodeChild(_ value: FieldValue, _ path: FieldPath) -> Case.Child? {
        guard let f = Fields(value, path: path.description, allowed: Self.childKeys, context: context) else { return nil }
        let sex: Sex? = f.required("sex", expected: "one of: \(Sex.validValues)") { read.code($0, $1) }
        let ethnicity = f.required("ethnicity") { value, field in
            declaredText(value, field, in: declared.ethnicities, file: "vocabulary.yaml")
        }
        let age = f.required("age_months", expected: ValueReader.describe(0...11)) { read.int($0, $1, in: 0...11) }
        let premature = f.required("premature", expected: ValueReader.booleanWords) { read.bool($0, $1) }
        let feeding = f.required("feeding_difficulties", expected: ValueReader.booleanWords) { read.bool($0, $1) }
        let weightLoss = f.required("weight_loss", expected: ValueReader.booleanWords) { read.bool($0, $1) }
        guard let sex, let ethnicity, let age, let premature, let feeding, let weightLoss else { return nil }
        return Case.Child(
            sex: sex, ethnicity: ethnicity, ageMonths: age, premature: premature,
            feedingDifficulties: feeding, weightLoss: weightLoss)
    }

    private func decodeHarm(_ value: FieldValue, _ path: FieldPath) -> Case.Harm? {
        guard let f = Fields(value, path: path.description, allowed: Self.harmKeys, context: context) else { return nil }
        let outcome: Outcome? = f.required("outcome", expected: "one of: \(Outcome.validValues)") { read.code($0, $1) }
        let injuries = f.required("injuries", expected: "a list of one or more of: \(Injury.validValues)") { value, field in
            decodeInjuries(value, field)
        }
        let occasions: Occasions? = f.required("occasions", expected: "one of: \(Occasions.validValues)") { read.code($0, $1) }
        var prognosis: Prognosis? = nil
        var prognosisValid = true
        if let written = f.present("prognosis") {
            let field = f.fieldPath("prognosis")
            if outcome == .died {
                let shown = written.scalarText.map { " (found \($0.trimmingWhitespace().quotedForDiagnostic))" } ?? ""
                context.log.error(
                    at: written.location, field: field,
                    "must be absent when harm.outcome is died\(shown); remove it")
                prognosisValid = false
            } else {
                prognosis = read.code(written, field)
                prognosisValid = prognosis != nil
            }
        } else if outcome == .seriouslyHarmed {
            let field = f.fieldPath("prognosis")
            context.log.error(
                at: f.missingLocation("prognosis"), field: field,
                "required when harm.outcome is seriously-harmed; expected one of: \(Prognosis.validValues)")
            prognosisValid = false
        }
        guard let outcome, let injuries, let occasions, prognosisValid else { return nil }
        return Case.Harm(outcome: outcome, injuries: injuries, occasions: occasions, prognosis: prognosis)
    }

    private func decodeInjuries(_ value: FieldValue, _ field: FieldPath) -> [Injury]? {
        guard let items = read.list(value, field, of: "injuries") else { return nil }
        if items.isEmpty {
            context.log.error(
                at: value.location, field: field,
                "is empty; expected at least one of: \(Injury.validValues)")
            return nil
        }
        var injuries: [Injury] = []
        var valid = true
        for (index, item) in items.enumerated() {
            let itemField = field.item(index + 1)
            guard let injury: Injury = read.code(item, itemField) else {
                valid = false
                continue
            }
            if injuries.contains(injury) {
                context.log.error(
                    at: item.location, field: itemField,
                    "\(injury.rawValue.quotedForDiagnostic) is listed more than once; list each injury once")
                valid = false
            }
            injuries.append(injury)
        }
        return valid ? injuries : nil
    }

    private func decodeMaleCarer(_ value: FieldValue, _ path: FieldPath) -> Case.MaleCarer? {
        guard let f = Fields(value, path: path.description, allowed: Self.maleCarerKeys, context: context) else { return nil }
        let relationship: Relationship? = f.required("relationship", expected: "one of: \(Relationship.validValues)") { read.code($0, $1) }
        let convictions = f.required("criminal_convictions", expected: ValueReader.booleanWords) { read.bool($0, $1) }
        let probation: Probation? = f.required("probation", expected: "one of: \(Probation.validValues)") { read.code($0, $1) }
        if let probation, probation != .none, convictions == false, let written = f.present("probation") {
            context.log.error(
                at: written.location, field: f.fieldPath("probation"),
                "\(probation.rawValue.quotedForDiagnostic) requires male_carer.criminal_convictions to be true, but it is false; use "
                    + "none, or correct criminal_convictions"
            )
            return nil
        }
        guard let relationship, let convictions, let probation else { return nil }
        return Case.MaleCarer(relationship: relationship, criminalConvictions: convictions, probation: probation)
    }

    private func decodeParents(_ value: FieldValue, _ path: FieldPath) -> Case.Parents? {
        guard let f = Fields(value, path: path.description, allowed: Self.parentsKeys, context: context) else { return nil }
        let flags = Self.parentsKeys.map { key in f.required(key, expected: ValueReader.booleanWords) { read.bool($0, $1) } }
        guard let current = flags[0], let historical = flags[1], let mental = flags[2], let careLeaver = flags[3],
            let under22 = flags[4]
        else { return nil }
        return Case.Parents(
            currentDomesticAbuse: current, historicalDomesticAbuse: historical, mentalHealth: mental,
            careLeaver: careLeaver, under22: under22)
    }

    private func decodeProceedings(_ value: FieldValue, _ path: FieldPath, outcome: Outcome?) -> Case.Proceedings? {
        guard let f = Fields(value, path: path.description, allowed: Self.proceedingsKeys, context: context) else { return nil }
        let criminal: CriminalProceedings? = f.required("criminal", expected: "one of: \(CriminalProceedings.validValues)") {
            read.code($0, $1)
        }
        let murder: MurderCharge? = f.required("murder_charge", expected: "one of: \(MurderCharge.validValues)") { read.code($0, $1) }
        let findings: FindingsOfFact? = f.required("findings_of_fact", expected: "one of: \(FindingsOfFact.validValues)") {
            read.code($0, $1)
        }
        if let murder, murder != .none, outcome == .seriouslyHarmed, let written = f.present("murder_charge") {
            context.log.error(
                at: written.location, field: f.fieldPath("murder_charge"),
                "\(murder.rawValue.quotedForDiagnostic) requires harm.outcome to be died, but it is seriously-harmed; use none")
            return nil
        }
        guard let criminal, let murder, let findings else { return nil }
        return Case.Proceedings(criminal: criminal, murderCharge: murder, findingsOfFact: findings)
    }

    private func decodeThemes(_ value: FieldValue, _ field: FieldPath) -> [String]? {
        guard let items = read.list(value, field, of: "theme codes") else { return nil }
        var themes: [String] = []
        var valid = true
        for (index, item) in items.enumerated() {
            let itemField = field.item(index + 1)
            guard let code = declaredText(item, itemField, in: declared.themeCodes, file: "vocabulary.yaml") else {
                valid = false
                continue
            }
            if themes.contains(code) {
                context.log.error(
                    at: item.location, field: itemField, "\(code.quotedForDiagnostic) is listed more than once; list each theme once")
                valid = false
            }
            themes.append(code)
        }
        return valid ? themes : nil
    }

    private func decodeLearning(_ value: FieldValue, _ field: FieldPath) -> [LearningPoint]? {
        guard let items = read.list(value, field, of: "learning points") else { return nil }
        var points: [LearningPoint] = []
        var valid = true
        for (index, item) in items.enumerated() {
            guard let point = learningPoint(item, path: field.item(index + 1).description) else {
                valid = false
                continue
            }
            points.append(point)
        }
        return valid ? points : nil
    }

    /// One learning point: an item of a case's `learning` list (`path` is
    /// `learning[1]`), or a row of `learning.csv` or a `learning` sheet (`path` is
    /// empty, so fields are named like their columns).
    func learningPoint(_ item: FieldValue, path: String) -> LearningPoint? {
        guard let f = Fields(item, path: path, allowed: Self.learningKeys, context: context) else { return nil }
        let theme = f.required("theme") { value, itemField in
            declaredText(value, itemField, in: declared.themeCodes, file: "vocabulary.yaml")
        }
        let text = f.required("text", expected: "text") { read.freeText($0, $1) }
        let publishable = f.present("publishable") == nil ? false : f.optional("publishable") { read.bool($0, $1) }
        guard let theme, let text, let publishable else { return nil }
        return LearningPoint(theme: theme, text: text, publishable: publishable)
    }

    // MARK: - Values

    /// A case id: 1 to 32 letters, digits, '-' or '_'.
    private func idText(_ value: FieldValue, _ field: FieldPath) -> String? {
        guard let text = read.text(value, field) else { return nil }
        // ASCII letters and digits are exactly the ASCII characters that are alphabetic or 0–9.
        let valid =
            text.utf8.count <= 32
            && text.utf8.allSatisfy { byte in
                (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x5F
            }
        guard valid else {
            context.log.error(
                at: value.location, field: field,
                "\(text.quotedForDiagnostic) is not a valid id; use 1 to 32 letters, digits, '-' or '_'")
            return nil
        }
        return text
    }

    /// Text that must be one of the declared values (unchecked when the declaring file failed).
    private func declaredText(_ value: FieldValue, _ field: FieldPath, in declared: Declared?, file: String) -> String? {
        guard let text = read.text(value, field) else { return nil }
        if let declared, !declared.contains(text) {
            let valid = declared.values.isEmpty ? "none are declared" : "expected one of: \(declared.listing)"
            context.log.error(
                at: value.location, field: field,
                "\(text.quotedForDiagnostic) is not declared in \(file); \(valid)"
                    + ValueReader.separatorHint(text, at: value.location) { declared.contains($0) })
            return nil
        }
        return text
    }
}
