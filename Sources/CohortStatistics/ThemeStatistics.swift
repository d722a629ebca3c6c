import CaseModel

/// The themes: how often each featured, which featured together, at which level
/// of agency involvement, and the learning points recorded against them.
public struct ThemeStatistics: Hashable, Sendable, Encodable {
    /// Cases per theme, in the vocabulary's order, each a share of the cohort.
    public let cases: Tally
    /// Every pair of themes (vocabulary order), with the cases tagged with both.
    public let coOccurrence: [ThemePair]
    /// For each theme (vocabulary order), its cases by agency involvement.
    public let byAgencyInvolvement: [ThemeByAgency]
    /// Learning points that may be published, grouped by theme in the vocabulary's
    /// order; within a theme, in cohort order.
    public let publishableLearning: [ThemeLearning]
    /// Learning points not marked publishable: for reviewers' drafts only, never encoded.
    public let unpublishedLearning: [ThemeLearning]
    /// Whether the cohort's source could record learning points (``Cohort/learningRecorded``):
    /// when it could not, no theme has any, and the report must not say none were published.
    public let learningRecorded: Bool

    init(_ cohort: Cohort) {
        let cases = cohort.cases
        let themes = cohort.vocabulary.themes
        self.cases = Tally.features(cases, themes.map { theme in
            (theme.code, theme.title, { (c: Case) in c.themes.contains(theme.code) })
        })
        var pairs: [ThemePair] = []
        for (i, a) in themes.enumerated() {
            for b in themes[(i + 1)...] {
                pairs.append(ThemePair(first: a.code, second: b.code, cases: Category(
                    key: "\(a.code)+\(b.code)", label: "\(a.title) and \(b.title)",
                    caseIDs: cases.filter { $0.themes.contains(a.code) && $0.themes.contains(b.code) }.map(\.id),
                    total: cases.count)))
            }
        }
        coOccurrence = pairs
        byAgencyInvolvement = themes.map { theme in
            ThemeByAgency(theme: theme.code, cases: Tally.of(cases.filter { $0.themes.contains(theme.code) }) {
                $0.agencyInvolvement
            })
        }
        func learning(publishable: Bool) -> [ThemeLearning] {
            themes.compactMap { theme in
                let points = cases.flatMap { c in
                    c.learning.filter { $0.theme == theme.code && $0.publishable == publishable }
                        .map { LearnedPoint(caseID: c.id, text: $0.text) }
                }
                return points.isEmpty ? nil : ThemeLearning(theme: theme.code, title: theme.title, points: points)
            }
        }
        publishableLearning = learning(publishable: true)
        unpublishedLearning = learning(publishable: false)
        learningRecorded = cohort.learningRecorded
    }

    enum CodingKeys: String, CodingKey { case cases, coOccurrence, byAgencyInvolvement, publishableLearning }
}

/// Two themes and the cases tagged with both.
public struct ThemePair: Hashable, Sendable, Encodable {
    public let first: String
    public let second: String
    public let cases: Category
}

/// One theme's cases by agency involvement (shares of the theme's cases).
public struct ThemeByAgency: Hashable, Sendable, Encodable {
    public let theme: String
    public let cases: Tally
}

/// The learning points of one theme.
public struct ThemeLearning: Hashable, Sendable, Encodable {
    public let theme: String
    public let title: String
    public let points: [LearnedPoint]
}

/// A learning point with the case it came from (the case id is never encoded).
public struct LearnedPoint: Hashable, Sendable, Encodable {
    public let caseID: String
    public let text: String
    enum CodingKeys: String, CodingKey { case text }
}
