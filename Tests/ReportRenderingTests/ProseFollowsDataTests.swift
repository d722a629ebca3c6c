import CaseModel
import CohortStatistics
import Foundation
import Testing

@testable import ReportRendering

/// Lists written from the data, zero and one in words, and the warning for a
/// hand-written list that no longer covers its family.
@Suite struct ProseFollowsDataTests {
    func read(_ text: String, context: TemplateContext = ChapterReaderTests.context) -> (
        blocks: [Block], problems: [String], warnings: [String]
    ) {
        var state = DocumentState()
        let (chapter, problems, warnings) = ChapterReader.read(text, file: "t.md", context: context, state: &state)
        return (chapter?.blocks ?? [], problems.map(\.description), warnings.map(\.description))
    }

    /// The reference cohort with a sixth ethnicity given to one baby.
    static let widened: Cohort = {
        var cohort = ReferenceBuild.cohort
        cohort.vocabulary.ethnicities.append("Black African")
        let index = cohort.cases.firstIndex { $0.child.ethnicity == "White British" }!
        cohort.cases[index].child.ethnicity = "Black African"
        return cohort
    }()

    static func context(_ cohort: Cohort) -> TemplateContext {
        let statistics = CohortStatistics(cohort)
        return TemplateContext(
            values: ReportValues(statistics: statistics, review: cohort.review),
            figureNumbers: [:], themes: cohort.vocabulary.themes.map(\.code))
    }

    @Test func aListDirectiveWritesEveryCategoryInTheFiguresOrder() {
        let read = read("# T\n\n{{ list: ethnicity | count: baby, babies }}\n", context: Self.context(Self.widened))
        #expect(read.problems == [] && read.warnings == [])
        #expect(
            read.blocks.last
                == .list(
                    ordered: false,
                    items: [
                        "White British: 17 babies", "White British/White European: 2 babies", "Asian: 1 baby",
                        "Asian/Black Caribbean: 1 baby",
                        "Black African: 1 baby", "White British/Black Caribbean: 1 baby",
                    ].map { [.paragraph([.text($0)])] }))
    }

    @Test func anInlineListReadsAsASentenceAndCanLeaveOutZeros() {
        let read = read("# T\n\nCharges: {{ list: criminal | share | nonzero }}.\n", context: Self.context(ReferenceBuild.cohort))
        #expect(read.problems == [])
        #expect(
            read.blocks.last
                == .paragraph([
                    .text(
                        "Charges: father convicted (4 (17%)), trial ongoing (4 (17%)), awaiting a charging decision (8 (35%)) and no charges brought (7 (30%))."
                    )
                ]))
    }

    /// Labels start in lower case inside a sentence; the first keeps its capital where
    /// a sentence starts (a paragraph's start, after `.`, `!` or `?`).
    @Test(arguments: [
        (
            "{{ list: criminal | nonzero }}.",
            "Father convicted (4), trial ongoing (4), awaiting a charging decision (8) and no charges brought (7)."
        ),
        ("So it ended. {{ list: outcome }}.", "So it ended. Seriously harmed (19) and died (4)."),
        ("Outcomes were {{ list: outcome }}.", "Outcomes were seriously harmed (19) and died (4)."),
    ])
    func anInlineListStartsInLowerCaseOnlyInsideASentence(template: String, text: String) {
        let read = read("# T\n\n\(template)\n", context: Self.context(ReferenceBuild.cohort))
        #expect(read.problems == [])
        #expect(read.blocks.last == .paragraph([.text(text)]))
    }

    /// A region's name, a vocabulary's proper name and an abbreviation keep their capital.
    @Test(arguments: [
        ("No charges brought", "no charges brought"), ("London borough", "London borough"), ("North East", "North East"),
        ("White British", "White British"), ("White British/White European", "White British/White European"),
        ("Whitehall", "whitehall"), ("SCR", "SCR"), ("GP practice", "GP practice"), ("1 month", "1 month"),
        ("Écoles", "écoles"),
    ])
    func aLabelInsideASentence(label: String, written: String) {
        let names = ["White"] + Region.allCases.map(\.label)
        #expect(Resolver.inSentence(label, properNames: names) == written)
    }

    @Test func aPieFamilyIsListedLargestFirstAsItsFigureIs() {
        let read = read("# T\n\n{{ list: agency }}\n", context: Self.context(ReferenceBuild.cohort))
        guard case .list(_, let items)? = read.blocks.last else {
            Issue.record("no list")
            return
        }
        #expect(items.map { $0 == [.paragraph([.text("")])] ? "" : "\($0)" }.count == 4)
        #expect("\(items.first!)".contains(": 14"))
    }

    @Test(arguments: [(0, "in no cases"), (1, "in one case"), (4, "in 4 cases"), (1234, "in 1,234 cases")])
    func zeroAndOneInWords(count: Int, text: String) {
        var values = ReportValuesForTests.values
        values.override("criminal.mother-convicted", .count(count, of: 23))
        let read = read(
            "# T\n\nin {{ criminal.mother-convicted | words: case, cases }}\n",
            context: TemplateContext(values: values, figureNumbers: [:], themes: []))
        #expect(read.blocks.last == .paragraph([.text(text)]))
    }

    static let handWritten = """
        # T

        - White British: {{ ethnicity.white-british }}
        - White British/White European: {{ ethnicity.white-british-white-european }}
        - Asian: {{ ethnicity.asian }}
        - Asian/Black Caribbean: {{ ethnicity.asian-black-caribbean }}
        - White British/Black Caribbean: {{ ethnicity.white-british-black-caribbean }}
        """

    @Test func aHandWrittenListThatMissesANewCategoryIsWarnedAbout() {
        #expect(read(Self.handWritten, context: Self.context(ReferenceBuild.cohort)).warnings == [])
        let read = read(Self.handWritten, context: Self.context(Self.widened))
        #expect(read.problems == [])
        #expect(
            read.warnings == [
                #"t.md:3: warning: this gives 5 of the 6 ethnicity counts and leaves out "Black African"; write {{ list: ethnicity }} to state them all, or put {{ selection: ethnicity }} on the line before if the selection is deliberate"#
            ])
    }

    @Test func countsThatAddUpToLessThanTheTotalAreWarnedAbout() {
        let text = "# T\n\nUniversal {{ agency.universal }}, early help {{ agency.early-help }}.\n"
        #expect(read(text, context: Self.context(ReferenceBuild.cohort)).warnings.count == 1)
        // Features are not exclusive: two of six features is a selection, not a slip.
        #expect(
            read("# T\n\n{{ parents.mental-health }} and {{ parents.care-leaver }}\n", context: Self.context(ReferenceBuild.cohort))
                .warnings == [])
    }

    @Test func aSelectionLineSaysTheSelectionIsDeliberate() {
        let text = Self.handWritten.replacingOccurrences(of: "# T\n\n", with: "# T\n\n{{ selection: ethnicity }}\n")
        let read = read(text, context: Self.context(Self.widened))
        #expect(read.problems == [] && read.warnings == [])
    }

    @Test func anUnknownFamilyIsAProblem() {
        #expect(
            read("# T\n\n{{ list: ethnicty }}\n", context: Self.context(ReferenceBuild.cohort)).problems.first?
                .hasPrefix(#"t.md:3: there is no family of counts named "ethnicty"; did you mean "ethnicity""#) == true)
        #expect(read("# T\n\n{{ selection: agencies }}\n", context: Self.context(ReferenceBuild.cohort)).problems.count == 1)
    }

    @Test func theReferenceChaptersGiveNoWarnings() throws {
        let cohort = ReferenceBuild.cohort
        let built = try ReportBuilder.build(cohort, templates: ReferenceBuild.templates, options: BuildOptions(draft: false))
        #expect(built.warnings.map(\.description) == [])
    }
}
