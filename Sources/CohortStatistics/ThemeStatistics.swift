import CaseModel

/// The themes: how often each featured, which featured together, at which level
/// of agency involvement, and the learning points recorded against them.
public struct ThemeStatistics: Hashable, Sendable {
    /// Cases per theme, in the vocabulary's order, each a share of the cohort.
    public let cases: Tally
    /// Every pair of themes (vocabulary order), with the cases tagged with both.
    public let coOccurrence: [ThemePair]
    /// For each theme (vocabulary order), its cases by agency involvement.
    public let byAgencyInvolvement: [ThemeByAgency]
    /// Learning points that may be published, grouped by theme in the vocabulary's
    /// order; within a theme, in cohort order.
    public let publishableLearning: [ThemeLearning]
    /// Learning points not marked publishable: for reviewers' drafts only, never exported.
    public let unpublishedLearning: [ThemeLearning]
    /// Whether the cohort's source could record learning points (``Cohort/learningRecorded``):
    /// when it could not, no theme has any, and the report must not say none were published.
    public let learningRecorded: Bool

    init(_ cohort: Cohort) {
        let cases = cohort.cases
        let themes = cohort.vocabulary.themes
        let position = Dictionary(themes.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        self.cases = Tally.labelled(cases, themes.map { ($0.code, $0.title) }) { cases[$0].themes }

        // One pass over the cases: each case's own pairs of themes, its agency
        // involvement per theme, and its learning points per theme.
        var pairIDs: [Int: [String]] = [:]
        var byTheme = [[Int]](repeating: [], count: themes.count)
        var learned: [Bool: [[LearnedPoint]]] = [
            true: Array(repeating: [], count: themes.count),
            false: Array(repeating: [], count: themes.count),
        ]
        for at in cases.indices {
            let own = Set(cases[at].themes.compactMap { position[$0] }).sorted()
            for (i, a) in own.enumerated() {
                byTheme[a].append(at)
                for b in own[(i + 1)...] { pairIDs[a * themes.count + b, default: []].append(cases[at].id) }
            }
            for point in cases[at].learning {
                guard let index = position[point.theme] else { continue }
                learned[point.publishable]![index].append(LearnedPoint(caseID: cases[at].id, text: point.text))
            }
        }
        var pairs: [ThemePair] = []
        for (i, a) in themes.enumerated() {
            for (j, b) in themes.enumerated().dropFirst(i + 1) {
                pairs.append(
                    ThemePair(
                        first: a.code, second: b.code,
                        cases: Category(
                            key: "\(a.code)+\(b.code)", label: "\(a.title) and \(b.title)",
                            caseIDs: pairIDs[i * themes.count + j] ?? [], total: cases.count)))
            }
        }
        coOccurrence = pairs
        byAgencyInvolvement = themes.indices.map { index in
            ThemeByAgency(theme: themes[index].code, cases: Tally.of(cases, at: byTheme[index]) { cases[$0].agencyInvolvement })
        }
        func learning(publishable: Bool) -> [ThemeLearning] {
            themes.indices.compactMap { index in
                let points = learned[publishable]![index]
                return points.isEmpty ? nil : ThemeLearning(theme: themes[index].code, title: themes[index].title, points: points)
            }
        }
        publishableLearning = learning(publishable: true)
        unpublishedLearning = learning(publishable: false)
        learningRecorded = cohort.learningRecorded
    }

}

/// Two themes and the cases tagged with both.
public struct ThemePair: Hashable, Sendable {
    public let first: String
    public let second: String
    public let cases: Category
}

/// One theme's cases by agency involvement (shares of the theme's cases).
public struct ThemeByAgency: Hashable, Sendable {
    public let theme: String
    public let cases: Tally
}

/// The learning points of one theme.
public struct ThemeLearning: Hashable, Sendable {
    public let theme: String
    public let title: String
    public let points: [LearnedPoint]
}

/// A learning point with the case it came from (the case id is never exported).
public struct LearnedPoint: Hashable, Sendable {
    public let caseID: String
    public let text: String
}
