import CaseLoading
import CaseModel
import ChartLayout
import CohortStatistics

/// Reads an analysis an author declares (`Templates/figures/ID.yaml` with a
/// `kind:`) into a ``FigureDeclaration``, checking it against the cohort's coded
/// fields (``CodedFields``).
///
/// Every problem is reported at once, each as `file:line: field: what is wrong,
/// what would be valid`, with "did you mean" for a misspelt name.
enum FigureDeclarationReader {
    static let kinds = ["crosstab", "co-occurrence"]
    static let commonKeys = ["kind", "title", "unit", "filter"]
    static let crosstabKeys = ["rows", "columns", "rows-heading", "columns-heading", "shares", "chart"]
    static let coOccurrenceKeys = ["sets", "minimum"]
    /// The most sets a co-occurrence figure may have.
    static let maximumSets = 8
    /// Parts of placeholder names the report gives to totals, so no group may take them.
    static let reservedKeys: Set<String> = ["all", "none", "other", "set", "cases", "rows", "columns", "row", "column"]

    /// `id`: the file's name without `.yaml`. `fields`: the cohort's coded fields.
    static func read(_ text: String, file: String, id: String, fields: [CodedField]) -> Result<FigureDeclaration, ReportBuildError> {
        var reader = Reader(file: file, fields: fields)
        if id.isEmpty || !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
            reader.problem(
                line: nil,
                "the file's name is the figure's id, which must be lower case letters, digits and -; rename it, such as figures/parents-by-outcome.yaml"
            )
        } else if let builtIn = FigureRegistry.definition(id) {
            reader.problem(line: nil, "\(builtIn.id) is a figure of the report already; give the declared figure a name of its own")
        }
        let declaration = reader.declaration(text, id: id)
        if let declaration, reader.problems.isEmpty { return .success(declaration) }
        return .failure(ReportBuildError(problems: reader.problems))
    }

    /// Whether a file in `figures/` declares an analysis (rather than holding a diagram's content).
    static func isDeclaration(_ text: String) -> Bool {
        text.split(separator: "\n").contains { $0.hasPrefix("kind:") }
    }

    private struct Reader {
        let file: String
        let fields: [CodedField]
        var problems: [TemplateProblem] = []

        init(file: String, fields: [CodedField]) {
            self.file = file
            self.fields = fields
        }

        mutating func problem(_ at: LocatedValue?, _ message: String) {
            problems.append(TemplateProblem(file: file, line: at?.location.line, reason: .unreadable(message)))
        }

        mutating func problem(line: Int?, _ message: String) {
            problems.append(TemplateProblem(file: file, line: line, reason: .unreadable(message)))
        }

        mutating func declaration(_ text: String, id: String) -> FigureDeclaration? {
            if let bad = SourceCheck.characters(text, file: file).first {
                problems.append(bad)
                return nil
            }
            let root: LocatedValue
            switch YAMLReader.read(text, file: file) {
            case .success(let value): root = value
            case .failure(let diagnostic):
                problems.append(TemplateProblem(file: file, line: diagnostic.location.line, reason: .unreadable(diagnostic.message)))
                return nil
            }
            guard case .mapping(let entries) = root.kind else {
                problem(root, "expected a mapping with kind: (\(kinds.joined(separator: " or "))), title: and the fields of its kind")
                return nil
            }
            let kind = scalar(root, "kind", "kind: is \(kinds.joined(separator: " or "))")
            if let kind, !kinds.contains(kind) {
                problem(
                    root["kind"],
                    "kind: \(kind.quotedForDiagnostic) is not a kind of declared figure\(didYouMean(kind, kinds)); write \(kinds.joined(separator: " or "))"
                )
            }
            let own = kind == "crosstab" ? crosstabKeys : kind == "co-occurrence" ? coOccurrenceKeys : crosstabKeys + coOccurrenceKeys
            for entry in entries where !(FigureDeclarationReader.commonKeys + own).contains(entry.key) {
                let valid = FigureDeclarationReader.commonKeys + own
                problem(
                    line: entry.keyLocation.line,
                    "\(entry.key): not a field of a\(kind == "crosstab" ? " crosstab" : kind == "co-occurrence" ? " co-occurrence" : "") declaration\(didYouMean(entry.key, valid)); the fields are \(valid.joined(separator: ", "))"
                )
            }
            let title = scalar(root, "title", "title: is the figure's caption, a line of text")
            let unit = root["unit"] == nil ? "cases" : scalar(root, "unit", "unit: is the plural noun counted, such as cases or babies")
            var filter: [CellDefinition.Condition] = []
            if let value = root["filter"] { filter = filterConditions(value) }
            guard let kind, let title, let unit else { return nil }
            switch kind {
            case "crosstab":
                guard let crosstab = crosstab(root) else { return nil }
                return FigureDeclaration(id: id, file: file, title: title, unit: unit, filter: filter, kind: .crosstab(crosstab))
            case "co-occurrence":
                guard let sets = coOccurrence(root) else { return nil }
                return FigureDeclaration(id: id, file: file, title: title, unit: unit, filter: filter, kind: .coOccurrence(sets))
            default:
                return nil
            }
        }

        // MARK: - Kinds

        mutating func crosstab(_ root: LocatedValue) -> FigureDeclaration.Crosstab? {
            let rows = split(root, "rows")
            let columns = split(root, "columns")
            let shares = choice(root, "shares", FigureDeclaration.Crosstab.Shares.self, default: .byRow)
            let chart = choice(root, "chart", FigureDeclaration.Crosstab.Chart.self, default: .stacked)
            let rowsHeading = root["rows-heading"] == nil ? nil : scalar(root, "rows-heading", "rows-heading: is a line of text")
            let columnsHeading =
                root["columns-heading"] == nil ? nil : scalar(root, "columns-heading", "columns-heading: is a line of text")
            guard let rows, let columns, let shares, let chart else { return nil }
            // The chart tells its columns apart by colour alone.
            let colours = Palette.categorical.count
            if columns.split.groups.count > colours {
                problem(
                    root["columns"],
                    "columns: \(columns.split.groups.count) columns are more than a chart can tell apart by colour (at most \(colours)); put this field in rows:, or list at most \(colours) features"
                )
                return nil
            }
            if chart == .stacked && (columns.split.overlapping || columns.split.partial) {
                problem(
                    root["chart"] ?? root["columns"],
                    "chart: stacked needs columns in which each case falls in exactly one, and these columns are a list (a case may be in several or none); write chart: grouped"
                )
                return nil
            }
            return FigureDeclaration.Crosstab(
                rows: rows.split, columns: columns.split, rowsHeading: rowsHeading ?? rows.heading,
                columnsHeading: columnsHeading ?? columns.heading, shares: shares, chart: chart)
        }

        mutating func coOccurrence(_ root: LocatedValue) -> FigureDeclaration.CoOccurrence? {
            var minimum = 1
            if let value = root["minimum"] {
                if case .scalar(let text, _) = value.kind, let n = Int(text), n >= 1 {
                    minimum = n
                } else {
                    problem(
                        value,
                        "minimum: is a whole number of 1 or more (combinations of fewer cases are shown together as other combinations)")
                    return nil
                }
            }
            guard let value = root["sets"] else {
                problem(
                    root,
                    "sets: is required: a list of two or more yes/no fields or list items, such as parents.mental_health or themes.\(fields.first { $0.kind == .list }?.values.first?.key ?? "item")"
                )
                return nil
            }
            guard let sets = features(value, "sets") else { return nil }
            guard sets.count >= 2 else {
                problem(value, "sets: needs two or more sets to show how they occur together")
                return nil
            }
            // Every combination gets a name (2^n - 1 of them), and a dot matrix wider than
            // a phone's column would not read: a figure of more sets is refused.
            guard sets.count <= FigureDeclarationReader.maximumSets else {
                problem(
                    value,
                    "sets: \(sets.count) sets are too many to read as combinations; list at most \(FigureDeclarationReader.maximumSets)")
                return nil
            }
            return FigureDeclaration.CoOccurrence(sets: sets, minimum: minimum)
        }

        // MARK: - Fields

        /// A `rows:` or `columns:`: a coded field's name, or a list of features.
        mutating func split(_ root: LocatedValue, _ key: String) -> (split: CaseSplit, heading: String)? {
            guard let value = root[key] else {
                problem(root, "\(key): is required: a coded field (such as harm.outcome) or a list of yes/no fields and list items")
                return nil
            }
            switch value.kind {
            case .scalar(let name, _):
                guard let field = field(name, at: value, key) else { return nil }
                return (split(of: field), FigureDeclarationReader.heading(field.name))
            case .sequence:
                guard let groups = features(value, key) else { return nil }
                return (CaseSplit(groups: groups, overlapping: true, partial: true), "Feature")
            default:
                problem(value, "\(key): is a coded field's name or a list of features, not \(value.kindDescription)")
                return nil
            }
        }

        /// Every value of a field, a group each; a field a case may leave out gets a group for that.
        func split(of field: CodedField) -> CaseSplit {
            var groups = field.values.map { value in
                CaseGroup(
                    key: FigureDeclarationReader.key(value.key, of: field), label: value.label,
                    conditions: [.init(field.name, field.kind == .list ? .has(value.key) : .oneOf([value.key]))])
            }
            if field.optional { groups.append(CaseGroup(key: "not-given", label: "Not given", conditions: [.init(field.name, .absent)])) }
            return CaseSplit(groups: groups, overlapping: field.kind == .list, partial: field.kind == .list)
        }

        mutating func field(_ name: String, at value: LocatedValue, _ key: String) -> CodedField? {
            if let field = fields.first(where: { $0.name == name }) { return field }
            problem(
                value,
                "\(key): there is no coded field \(name.quotedForDiagnostic)\(didYouMean(name, fields.map(\.name))); the coded fields are \(fields.map(\.name).joined(separator: ", "))"
            )
            return nil
        }

        /// A list of features: yes/no fields (`parents.mental_health`) or list items (`themes.invisible-fathers`),
        /// each written as the name, or as `feature:` with an optional `label:`.
        mutating func features(_ value: LocatedValue, _ key: String) -> [CaseGroup]? {
            guard case .sequence(let items) = value.kind, !items.isEmpty else {
                problem(value, "\(key): is a list of yes/no fields and list items, such as - parents.mental_health")
                return nil
            }
            var groups: [CaseGroup] = []
            var failed = false
            for item in items {
                var name: String?
                var label: String?
                var own: String?
                var at = item
                switch item.kind {
                case .scalar(let text, _): name = text
                case .mapping(let entries):
                    let valid = ["feature", "label", "name"]
                    for entry in entries where !valid.contains(entry.key) {
                        problem(
                            line: entry.keyLocation.line,
                            "\(key): \(entry.key) is not a field of a feature\(didYouMean(entry.key, valid)); write feature: and, if you like, label: and name:"
                        )
                        failed = true
                    }
                    if case .scalar(let text, _)? = item["feature"]?.kind { name = text }
                    if case .scalar(let text, _)? = item["label"]?.kind, !text.isEmpty { label = text }
                    if let value = item["name"] {
                        if case .scalar(let text, _) = value.kind, !text.isEmpty, PlaceholderName.slug(text) == text {
                            own = text
                        } else {
                            problem(
                                value,
                                "\(key): name: is the feature's part of placeholder names: lower case letters, digits and single hyphens, such as father-convictions"
                            )
                            failed = true
                        }
                    }
                    at = item["feature"] ?? item
                default: break
                }
                guard let name, var group = feature(name, label: label, at: at, key) else {
                    if name == nil { problem(item, "\(key): each item is a feature's name, or feature: with an optional label:") }
                    failed = true
                    continue
                }
                if let own { group = CaseGroup(key: own, label: group.label, conditions: group.conditions, complement: group.complement) }
                if FigureDeclarationReader.reservedKeys.contains(group.key) {
                    problem(
                        at,
                        "\(key): \(name.quotedForDiagnostic) would be named \(group.key.quotedForDiagnostic), which the report's totals use; these names are taken: \(FigureDeclarationReader.reservedKeys.sorted().joined(separator: ", "))"
                    )
                    failed = true
                } else if let same = groups.first(where: { $0.key == group.key }) {
                    problem(
                        at,
                        "\(key): \(name.quotedForDiagnostic) is named \(group.key.quotedForDiagnostic) in placeholders, as \(same.label.quotedForDiagnostic) already is; list each feature once"
                    )
                    failed = true
                }
                groups.append(group)
            }
            return failed ? nil : groups
        }

        mutating func feature(_ name: String, label: String?, at value: LocatedValue, _ key: String) -> CaseGroup? {
            if let field = fields.first(where: { $0.name == name }) {
                guard FigureDeclarationReader.isYesNo(field) else {
                    problem(
                        value,
                        "\(key): \(name.quotedForDiagnostic) is not a yes/no field; name one of its items (\(name).\(field.values.first?.key ?? "…")) or put the field itself in rows: or columns:"
                    )
                    return nil
                }
                let last = name.split(separator: ".").last.map(String.init) ?? name
                return CaseGroup(
                    key: PlaceholderName.slug(last), label: label ?? FigureDeclarationReader.heading(name),
                    conditions: [.init(name, .oneOf(["true"]))], complement: [.init(name, .oneOf(["false"]))])
            }
            for field in fields where field.kind == .list && name.hasPrefix(field.name + ".") {
                let item = String(name.dropFirst(field.name.count + 1))
                guard let itemValue = field.value(item) else {
                    problem(
                        value,
                        "\(key): \(field.name) has no item \(item.quotedForDiagnostic)\(didYouMean(item, field.values.map(\.key))); its items are \(field.values.map(\.key).joined(separator: ", "))"
                    )
                    return nil
                }
                return CaseGroup(
                    key: PlaceholderName.slug(item), label: label ?? itemValue.label,
                    conditions: [.init(field.name, .has(item))], complement: [.init(field.name, .lacks(item))])
            }
            let known =
                fields.filter(FigureDeclarationReader.isYesNo).map(\.name) + fields.filter { $0.kind == .list }.map { "\($0.name).ITEM" }
            let candidates =
                fields.filter(FigureDeclarationReader.isYesNo).map(\.name)
                + fields.filter { $0.kind == .list }.flatMap { f in f.values.map { "\(f.name).\($0.key)" } }
            problem(
                value,
                "\(key): \(name.quotedForDiagnostic) is not a yes/no field or a list item\(didYouMean(name, candidates)); the features are \(known.joined(separator: ", "))"
            )
            return nil
        }

        /// `filter:`: a mapping of coded fields to the value (or values) a counted case has.
        mutating func filterConditions(_ value: LocatedValue) -> [CellDefinition.Condition] {
            guard case .mapping(let entries) = value.kind else {
                problem(value, "filter: is a mapping of coded fields to values, such as filter: { harm.outcome: died }")
                return []
            }
            var conditions: [CellDefinition.Condition] = []
            for entry in entries {
                guard let field = field(entry.key, at: entry.value, "filter") else { continue }
                var keys: [(String, LocatedValue)] = []
                switch entry.value.kind {
                case .scalar(let key, _): keys = [(key, entry.value)]
                case .sequence(let items):
                    for item in items {
                        if case .scalar(let key, _) = item.kind {
                            keys.append((key, item))
                        } else {
                            problem(item, "filter: \(field.name): each value is a key, such as \(field.values.first?.key ?? "…")")
                        }
                    }
                default: problem(entry.value, "filter: \(field.name): is a value or a list of values, not \(entry.value.kindDescription)")
                }
                let valid = field.values.map(\.key)
                for (key, at) in keys where field.value(key) == nil {
                    problem(
                        at,
                        "filter: \(field.name): \(key.quotedForDiagnostic) is not one of its values\(didYouMean(key, valid)); the values are \(valid.joined(separator: ", "))"
                    )
                }
                let known = keys.map(\.0).filter { field.value($0) != nil }
                guard !known.isEmpty else { continue }
                if field.kind == .list {
                    conditions += known.map { .init(field.name, .has($0)) }
                } else {
                    conditions.append(.init(field.name, .oneOf(Set(known))))
                }
            }
            return conditions
        }

        // MARK: - Scalars

        mutating func scalar(_ root: LocatedValue, _ key: String, _ what: String) -> String? {
            guard let value = root[key] else {
                problem(root, "\(key): is required; \(what)")
                return nil
            }
            guard case .scalar(let text, _) = value.kind, !text.isEmpty else {
                problem(value, "\(key): expected a line of text, found \(value.kindDescription); \(what)")
                return nil
            }
            return text
        }

        mutating func choice<Choice: RawRepresentable & CaseIterable>(
            _ root: LocatedValue, _ key: String, _: Choice.Type, default: Choice
        ) -> Choice? where Choice.RawValue == String {
            guard let value = root[key] else { return `default` }
            let valid = Choice.allCases.map(\.rawValue)
            guard case .scalar(let text, _) = value.kind, let choice = Choice(rawValue: text) else {
                let written = if case .scalar(let text, _) = value.kind { text } else { "" }
                problem(
                    value,
                    "\(key): \(written.isEmpty ? value.kindDescription : written.quotedForDiagnostic) is not a choice\(didYouMean(written, valid)); write \(valid.joined(separator: " or "))"
                )
                return nil
            }
            return choice
        }

        func didYouMean(_ word: String, _ candidates: [String]) -> String {
            let nearest = Spelling.nearest(word, among: candidates)
            return nearest.isEmpty ? "" : "; did you mean " + nearest.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
        }
    }

    static func isYesNo(_ field: CodedField) -> Bool {
        field.kind == .single && Set(field.values.map(\.key)) == ["true", "false"]
    }

    /// A value's part of a placeholder name: `yes` and `no` for a yes/no field, else the key as a name.
    static func key(_ key: String, of field: CodedField) -> String {
        if isYesNo(field) { return key == "true" ? "yes" : "no" }
        return PlaceholderName.slug(key)
    }

    /// A field's name as a heading: `harm.outcome` → "Outcome", `parents.mental_health` → "Mental health".
    static func heading(_ name: String) -> String {
        let last = String((name.split(separator: ".").last.map(String.init) ?? name).map { $0 == "_" ? " " : $0 })
        return last.prefix(1).uppercased() + last.dropFirst()
    }
}
