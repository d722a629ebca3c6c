import Foundation
import Testing

/// The published report, read as text, states each count the reference text publishes.
/// (The numbers come from the statistics; this checks that they reach the reader.)
@Suite struct PublishedCountsTests {
    /// The report's visible prose: tags, figures and tables removed, spaces collapsed.
    static let prose: String = {
        var html = String(decoding: ReferenceBuild.published["report.html"]!, as: UTF8.self)
        for pattern in ["<style>.*?</style>", "<svg.*?</svg>", "<table.*?</table>", "<[^>]+>"] {
            html = html.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        for (entity, char) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\"")] {
            html = html.replacingOccurrences(of: entity, with: char)
        }
        return html.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
    }()

    @Test(arguments: [
        ("Fieldwork 4", "a first list of 74 cases"),
        ("Fieldwork 4", "23 cases from 19 local safeguarding partnership areas in 8 of 9 English regions"),
        ("Fieldwork 7", "171 practitioners from many agencies"),
        ("Fieldwork 8", "151 senior leaders"),
        ("Fieldwork 10", "in 13 of 23 cases: 6 SCRs and 7 LCSPRs"),
        ("Fieldwork 11", "2 family members spoke directly to the reviewers"),
        ("Headline 1", "Of the 23 babies in the cohort, 4 died and 19 survived with serious harm"),
        ("Headline 1", "4 of 4 had a head injury, and 3 of 4 also had fractures"),
        ("Headline 1", "1 of 4 died from injuries caused on a single occasion"),
        ("Headline 1", "3 of 4 showed signs of older injuries"),
        ("Headline 2", "head injury with fractures: 5 babies"),
        ("Headline 2", "head injury only: 3 babies"),
        ("Headline 2", "fractures with bruising: 3 babies"),
        ("Headline 2", "fractures only: 6 babies"),
        ("Headline 2", "under the lip or tongue): 2 babies"),
        ("Headline 3", "5 babies had been hurt on a single occasion and 10 babies on more than one. For 4 babies this was not known"),
        ("Headline 4", "lasting impairment likely: 5 babies"),
        ("Headline 4", "lasting impairment unlikely: 9 babies"),
        ("Headline 4", "not yet known: 5 babies"),
        ("Headline 5", "birth father in 22 of 23 cases and the mother's partner in 1 case"),
        ("Headline 6", "There were 15 boys and 8 girls in the cohort: nearly twice as many boys as girls"),
        ("Headline 7", "White British: 18 babies"),
        ("Headline 7", "White British/White European: 2 babies"),
        ("Headline 7", "Asian: 1 baby"),
        ("Headline 7", "Asian/Black Caribbean: 1 baby"),
        ("Headline 7", "White British/Black Caribbean: 1 baby"),
        ("Headline 8", "The most common age at the time of the injury was 3 months, in 9 of 23 cases"),
        ("Headline 9", "general practitioners (GPs): 14 (61%) families"),
        ("Headline 9", "children's social care: 3 (13%) families"),
        ("Headline 9", "to meet a child's needs: 2 (9%) families"),
        ("Headline 9", "significant harm: 4 (17%) families"),
        ("Headline 10", "the father was convicted in 4 cases"),
        ("Headline 10", "a trial was still going on in 4 cases, and both parents had been charged with murder in 3 of 4 ongoing trials"),
        ("Headline 10", "was awaited, in 8 cases"),
        ("Headline 10", "no one had been charged in 7 cases"),
        ("Headline 11", "findings against the father in 5 cases"),
        ("Headline 11", "against both parents in 4 cases"),
        ("Headline 12", "current domestic abuse between the parents: 10 (43%) cases"),
        ("Headline 12", "domestic abuse in the past, including in earlier relationships: 10 (43%) cases"),
        ("Headline 13", "problems managing anger: 19 (83%) cases"),
        ("Headline 14", "a parent who had left local authority care: 4 (17%) cases"),
        ("Headline 15", "a parent aged under 22: 9 (39%) cases"),
        ("Headline 16", "In 9 of 23 cases the father or male carer had a criminal conviction"),
        ("Additional 31", "Premature birth was recorded for 2 babies"),
        ("Findings 3", "a Family Nurse Partnership service for young parents ran in only 4 of 19 areas"),
        ("Findings 3", "In 39% of cases a parent was under 22"),
        ("Themes 27", "3 were being supervised by the Probation Service when the baby was injured and 5 had been supervised"),
    ])
    func theReportStates(source: String, phrase: String) {
        #expect(Self.prose.contains(phrase), "\(source): the report does not say \"\(phrase)\"")
    }
}
