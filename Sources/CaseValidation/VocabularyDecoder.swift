import CaseLoading
import CaseModel

/// Decodes `vocabulary.yaml`: ethnicity labels and theme codes, each declared once.
struct VocabularyDecoder {
    let context: DecodeContext
    private var read: ValueReader { ValueReader(log: context.log) }

    init(context: DecodeContext) { self.context = context }

    /// The vocabulary when fully valid, and the labels and codes that could be read.
    struct Result {
        var vocabulary: Vocabulary?
        var ethnicities: [String]?
        var themeCodes: [String]?
    }

    func decode(_ root: LocatedValue) -> Result {
        let errorsBefore = context.log.errorCount
        guard let f = Fields(root, path: "", allowed: ["ethnicities", "themes", "proper_names"], context: context) else {
            return Result()
        }
        var labels: [(String, SourceLocation)] = []
        var labelLocations: [String: SourceLocation] = [:]
        // Each label's count is the template value `ethnicity.<slug>`: two labels with
        // one slug would share it, so they are refused here rather than by the build.
        var slugs: [String: (label: String, location: SourceLocation)] = [:]
        let ethnicityItems = f.required("ethnicities", expected: "a list of labels") { read.list($0, $1, of: "labels") }
        for (index, item) in (ethnicityItems ?? []).enumerated() {
            let field = FieldPath("ethnicities").item(index + 1)
            guard let label = read.text(item, field) else { continue }
            if let first = labelLocations[label] {
                context.log.error(
                    at: item.location, field: field, "\(label.quotedForDiagnostic) is already declared at \(first); declare each label once"
                )
                continue
            }
            labels.append((label, item.location))
            labelLocations[label] = item.location
            let slug = PlaceholderName.slug(label)
            if slug.isEmpty {
                context.log.error(
                    at: item.location, field: field,
                    "\(label.quotedForDiagnostic) has no letter or digit, so no placeholder name can refer to its count; include at least one letter or digit"
                )
            } else if PlaceholderName.reservedEthnicityNames.contains(slug) {
                context.log.error(
                    at: item.location, field: field,
                    "\(label.quotedForDiagnostic) would have the placeholder name ethnicity.\(slug), which names the largest group; choose another label"
                )
            } else if let first = slugs[slug] {
                context.log.error(
                    at: item.location, field: field,
                    "\(label.quotedForDiagnostic) gives the same placeholder name (ethnicity.\(slug.excerptForDiagnostic)) as "
                        + "\(first.label.quotedForDiagnostic) at \(first.location); make the labels differ in more than letter case, "
                        + "spaces or punctuation"
                )
            } else {
                slugs[slug] = (label, item.location)
            }
        }

        var themes: [Theme] = []
        var titles: [String: (code: String?, location: SourceLocation)] = [:]
        var themeIndex: [String: Int] = [:]
        var themeLocations: [SourceLocation] = []
        let themeItems = f.required("themes", expected: "a list of themes, each with code and title") { read.list($0, $1, of: "themes") }
        for (index, item) in (themeItems ?? []).enumerated() {
            guard let t = Fields(item, path: "themes[\(index + 1)]", allowed: ["code", "title"], context: context) else { continue }
            let code = t.required("code", expected: "text") { value, field -> String? in
                guard let code = read.text(value, field) else { return nil }
                if let first = themeIndex[code] {
                    context.log.error(
                        at: value.location, field: field,
                        "\(code.quotedForDiagnostic) is already declared at \(themeLocations[first]); declare each theme once")
                    return nil
                }
                return code
            }
            // Figure 9 draws one bar per theme, labelled by its title: two themes with one
            // title could not be told apart (and the chart refuses repeated labels).
            let title = t.required("title", expected: "text") { value, field -> String? in
                guard let title = read.text(value, field) else { return nil }
                if let first = titles[title] {
                    context.log.error(
                        at: value.location, field: field,
                        "\(title.quotedForDiagnostic) is already the title of "
                            + "\(first.code.map { "theme \($0.quotedForDiagnostic)" } ?? "another theme") at \(first.location); give "
                            + "each theme its own title"
                    )
                    return nil
                }
                titles[title] = (code, value.location)
                return title
            }
            if let code { themeIndex[code] = themes.count }
            if let code, let title {
                themes.append(Theme(code: code, title: title))
                themeLocations.append(t.present("code")?.location ?? item.location)
            } else if let code {
                // Keep the code declared so cases using it are not reported as well.
                themes.append(Theme(code: code, title: ""))
                themeLocations.append(t.present("code")?.location ?? item.location)
            }
        }
        // Optional: words that keep their capital in the middle of a sentence.
        var properNames: [String] = []
        let nameItems = f.optional("proper_names") { read.list($0, $1, of: "words") } ?? []
        for (index, item) in nameItems.enumerated() {
            let field = FieldPath("proper_names").item(index + 1)
            guard let name = read.text(item, field) else { continue }
            if properNames.contains(name) {
                context.log.error(at: item.location, field: field, "\(name.quotedForDiagnostic) is listed twice; list each name once")
                continue
            }
            properNames.append(name)
        }
        let ethnicities = ethnicityItems == nil ? nil : labels.map(\.0)
        let themeCodes = themeItems == nil ? nil : themes.map(\.code)
        let valid = context.log.errorCount == errorsBefore
        return Result(
            vocabulary: valid ? Vocabulary(ethnicities: labels.map(\.0), themes: themes, properNames: properNames) : nil,
            ethnicities: ethnicities, themeCodes: themeCodes)
    }
}
