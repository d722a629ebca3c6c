import ChartLayout

/// Chart specs mirroring the report's figures (aggregate counts only, no case details),
/// plus awkward cases that stress label placement.
enum Fixtures {
    static let source = "Source: fictional review cohort, 23 cases."

    static let figure1 = ChartSpec(
        kind: .pie, id: "figure-1", title: "Most babies in the review were seriously harmed",
        subtitle: "Outcome for each baby, number and share of 23 babies",
        categories: [ChartCategory(label: "Died", value: 4), ChartCategory(label: "Seriously harmed", value: 19)],
        unit: "babies", total: 23, sourceNote: source)

    static let figure2 = ChartSpec(
        kind: .verticalBar, id: "figure-2", title: "Nearly twice as many boys as girls",
        subtitle: "Sex of the babies, number of 23 babies",
        categories: [ChartCategory(label: "Male", value: 15), ChartCategory(label: "Female", value: 8)],
        unit: "babies", total: 23, sourceNote: source)

    static let figure3 = ChartSpec(
        kind: .horizontalBar, id: "figure-3", title: "Most babies were White British",
        subtitle: "Ethnicity of the babies, number of 23 babies",
        categories: [
            ChartCategory(label: "White British", value: 18),
            ChartCategory(label: "White British / White European", value: 2),
            ChartCategory(label: "Asian", value: 1),
            ChartCategory(label: "Asian / Black Caribbean", value: 1),
            ChartCategory(label: "White British / Black Caribbean", value: 1),
        ], unit: "babies", total: 23, sourceNote: source)

    static let figure4 = ChartSpec(
        kind: .verticalBar, id: "figure-4", title: "Injuries peaked around three months of age",
        subtitle: "Age of the baby at the incident, number of 23 babies",
        categories: [1, 2, 2, 9, 3, 2, 1, 1, 1, 0, 1, 0].enumerated().map {
            ChartCategory(label: String($0.offset), value: $0.element)
        }, unit: "babies", total: 23, sourceNote: source, categoryAxisTitle: "Age in months")

    static let figure5 = ChartSpec(
        kind: .pie, id: "figure-5", title: "Most families were known only to universal services",
        subtitle: "Agency involvement at the time of the incident, number and share of 23 cases",
        categories: [
            ChartCategory(label: "Universal services only", value: 14),
            ChartCategory(label: "Early Help", value: 3),
            ChartCategory(label: "Child in Need plan", value: 2),
            ChartCategory(label: "Child Protection plan", value: 4),
        ], unit: "cases", total: 23, sourceNote: source)

    static let figure6 = ChartSpec(
        kind: .horizontalBar, id: "figure-6", title: "Parental mental health featured in most cases",
        subtitle: "Features of the parents, number of 23 cases (a case can have several)",
        categories: [
            ChartCategory(label: "Current domestic abuse", value: 10),
            ChartCategory(label: "Historical domestic abuse", value: 10),
            ChartCategory(label: "Mental health of either or both parents", value: 19),
            ChartCategory(label: "Either or both parents were care leavers", value: 4),
            ChartCategory(label: "Either or both parents under 22 years old", value: 9),
            ChartCategory(label: "Father had criminal convictions", value: 9),
        ], unit: "cases", total: 23, sourceNote: source)

    static let injuryProfiles = ChartSpec(
        kind: .stackedHorizontalBar, id: "annex-injuries", title: "Injury profiles by outcome",
        subtitle: "Number of 23 babies, by injury profile and outcome",
        categories: [
            ChartCategory(label: "Head injury only", values: [2, 3]),
            ChartCategory(label: "Fractures only", values: [0, 6]),
            ChartCategory(label: "Head injury with fractures", values: [2, 7]),
            ChartCategory(label: "Bruising or other soft-tissue injury", values: [0, 3]),
        ], series: ["Died", "Seriously harmed"], unit: "babies", total: 23, sourceNote: source)

    static let themes = ChartSpec(
        kind: .horizontalBar, id: "annex-themes", title: "Cases per theme",
        subtitle: "Number of 23 cases in which each theme was identified",
        categories: [
            ChartCategory(label: "Father not seen by universal services", value: 20),
            ChartCategory(label: "Information about the father not shared", value: 15),
            ChartCategory(label: "Domestic abuse not explored", value: 11),
            ChartCategory(label: "Adult mental health needs not linked to parenting", value: 12),
            ChartCategory(label: "Father's history of trauma", value: 7),
            ChartCategory(label: "Crying as a trigger", value: 9),
            ChartCategory(label: "Assessment focused on the mother", value: 18),
        ], unit: "cases", total: 23, sourceNote: source)

    /// Outcome by theme, drawn grouped: a case can have several themes or none, so a
    /// row's counts need not add up to its total, which is stated on its own.
    static let themesByOutcome: ChartSpec = {
        var spec = ChartSpec(
            kind: .groupedHorizontalBar, id: "themes-by-outcome", title: "Themes by outcome",
            subtitle: "Number of infants by outcome and theme, 14 in all; a case can be counted in several columns or none",
            categories: [
                ChartCategory(label: "Died", values: [1, 2, 0, 1]),
                ChartCategory(label: "Seriously harmed", values: [4, 6, 5, 3]),
                ChartCategory(label: "All infants", values: [5, 8, 5, 4]),
            ],
            series: [
                "Families leaving early help too soon", "Frequent moves between homes", "Drug and alcohol use by a carer",
                "Fathers never met by services",
            ], unit: "infants", total: 14, sourceNote: source)
        for (index, sum) in [2, 12, 14].enumerated() { spec.categories[index].statedSum = sum }
        return spec
    }()

    static func pie(_ values: [Int], labels: [String]? = nil) -> ChartSpec {
        let names = labels ?? values.indices.map { "Part \($0 + 1)" }
        return ChartSpec(
            kind: .pie, id: "pie", title: "A pie", subtitle: "Awkward shares",
            categories: zip(names, values).map { ChartCategory(label: $0, value: $1) },
            unit: "cases", total: values.reduce(0, +), sourceNote: source)
    }

    /// Awkward specs for label placement.
    static let nasty: [ChartSpec] = [
        pie([19, 1, 1, 1, 1]),
        pie([22, 1]),
        pie([1, 1]),
        pie([23, 0]),
        pie([5, 5, 5, 5, 5]),
        pie(
            [1, 1, 1, 1, 96],
            labels: [
                "A very long category label that must wrap", "Another long label for a thin slice",
                "Third thin slice", "Fourth", "Most of them",
            ]),
        ChartSpec(
            kind: .verticalBar, id: "zeros", title: "All zero", subtitle: "",
            categories: [ChartCategory(label: "None", value: 0), ChartCategory(label: "Also none", value: 0)],
            unit: "cases", total: 5, sourceNote: ""),
        ChartSpec(
            kind: .stackedHorizontalBar, id: "thin", title: "Thin segments", subtitle: "Hard to label",
            categories: [
                ChartCategory(label: "Mostly one series", values: [1, 40, 1]),
                ChartCategory(label: "Balanced", values: [14, 14, 14]),
                ChartCategory(label: "Empty", values: [0, 0, 0]),
            ], series: ["First series", "Second series", "Third series with a long name"], unit: "cases",
            total: 50, sourceNote: source),
    ]

    static let figures: [ChartSpec] = [figure1, figure2, figure3, figure4, figure5, figure6, injuryProfiles, themes, themesByOutcome]
    static let all: [ChartSpec] = figures + nasty
}
