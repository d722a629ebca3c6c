import CaseModel
import CohortStatistics
import Testing

@testable import ReportRendering

@Suite struct ChapterReaderTests {
    static let context = TemplateContext(
        values: ReportValuesForTests.values, figureNumbers: ["outcome": 1, "age": 4], themes: ["alpha", "beta"])

    func read(_ text: String, context: TemplateContext = Self.context) -> (Chapter?, [String]) {
        var state = DocumentState()
        let (chapter, problems, _) = ChapterReader.read(text, file: "Templates/chapters/t.md", context: context, state: &state)
        return (chapter, problems.map(\.description))
    }

    @Test func fillsPlaceholdersInEveryFormat() {
        let (chapter, problems) = read(
            """
            # Title

            Of {{ cases }} babies, {{ outcome.died | count: baby, babies }} died: {{ outcome.died | percent }}, \
            {{outcome.died|of}}, {{ outcome.died | share }} of {{ outcome.died | total }}. \
            One {{ outcome.seriously-harmed | is: was, were }} harmed; boys {{ boys-per-girl | times }} ({{ boys-per-girl }}).
            Published {{ review.published }}, see {{ ref: age }}.
            """)
        #expect(problems == [])
        #expect(
            chapter?.blocks[1]
                == .paragraph([
                    .text(
                        "Of 23 babies, 4 babies died: 17%, 4 of 23, 4 (17%) of 23. One were harmed; boys nearly twice as many (1.9). "
                            + "Published 15 September 2021, see "),
                    .link(url: "#figure-4", [.text("Figure 4")]), .text("."),
                ]))
        #expect(chapter?.title == "Title")
        #expect(chapter?.id == "title")
    }

    @Test func everyProblemIsReportedWithItsLine() {
        let (chapter, problems) = read(
            """
            # Title

            A {{ outcome.dyed }} and {{ cases | percent }} and {{ review.title | of }}.

            {{ figure: ages }}

            <div>raw</div>

            {{ learning: gamma }}

            B {{ cases | bogus }} and {{ outcome.died | count: one }} and {{ outcome.died | percnt }} and {{ not closed
            """)
        #expect(chapter == nil)
        #expect(
            problems == [
                #"Templates/chapters/t.md:3: there is no value named "outcome.dyed"; did you mean "outcome.died"?"#,
                #"Templates/chapters/t.md:3: "cases" cannot be written with "percent": it is a plain count, not a share of a total"#,
                #"Templates/chapters/t.md:3: "review.title" cannot be written with "of": it is text, not a number"#,
                #"Templates/chapters/t.md:5: there is no figure "ages"; did you mean "age"?; the figures are: "#
                    + FigureRegistry.all.map(\.id).joined(separator: ", "),
                "Templates/chapters/t.md:7: raw HTML is not allowed in templates; write Markdown instead",
                "Templates/chapters/t.md:9: there is no theme \"gamma\" in vocabulary.yaml; the themes are: alpha, beta",
                #"Templates/chapters/t.md:11: "bogus" is not a format; use one of: percent, of, share, total, count, words, is, times, compare"#,
                #"Templates/chapters/t.md:11: "outcome.died" cannot be written with "count": it takes 2 words after the colon, as in {{ outcome.died | count: baby, babies }}"#,
                #"Templates/chapters/t.md:11: "percnt" is not a format; did you mean "percent"?; use one of: percent, of, share, total, count, words, is, times, compare"#,
                "Templates/chapters/t.md:11: a placeholder opened with {{ is not closed with }}",
            ])
    }

    @Test func insertedValuesAreNeverReadAsMarkdown() {
        var values = ReportValuesForTests.values
        values.override("review.title", .text("*not emphasis* <b>"))
        let (chapter, problems) = read(
            "# T\n\n{{ review.title }}\n",
            context: TemplateContext(values: values, figureNumbers: [:], themes: []))
        #expect(problems == [])
        #expect(chapter?.blocks[1] == .paragraph([.text("*not emphasis* <b>")]))
    }

    @Test func directivesBecomeBlocksAndHeadingsGetUniqueIDs() {
        let (chapter, problems) = read(
            """
            # Sex, ethnicity and age

            ## Notes
            text *em* **strong**

            {{ figure: outcome }}
            ## Notes

            {{ learning: beta }}
            """)
        #expect(problems == [])
        #expect(
            chapter?.blocks == [
                .heading(level: 1, id: "sex-ethnicity-and-age", [.text("Sex, ethnicity and age")]),
                .heading(level: 2, id: "notes", [.text("Notes")]),
                .paragraph([.text("text "), .emphasis([.text("em")]), .text(" "), .strong([.text("strong")])]),
                .figure(id: "outcome"),
                .heading(level: 2, id: "notes-2", [.text("Notes")]),
                .learning(theme: "beta"),
            ])
    }

    @Test func chapterNeedsOneTitleFirst() {
        #expect(read("Some text\n").1 == ["Templates/chapters/t.md:1: a chapter must start with its title as a level-1 heading (# Title)"])
        #expect(read("# A\n\n# B\n").1 == ["Templates/chapters/t.md:3: a chapter has one level-1 heading (# Title); use ## for sections"])
        #expect(
            read("# A\n\n![x](y.png)\n").1 == [
                "Templates/chapters/t.md:3: images are not allowed in templates; figures are placed with {{ figure: ID }}"
            ])
    }

    @Test func crlfTemplatesKeepTheirLineNumbers() {
        let (_, problems) = read("# A\r\n\r\nx {{ nope }}\r\n")
        #expect(problems == [#"Templates/chapters/t.md:3: there is no value named "nope"; see docs/templates.md for the names"#])
    }

    @Test func changedCountsAreMarkedAgainstABaseline() {
        var context = Self.context
        context.baseline = Baseline(name: "earlier", values: ["outcome.died": .count(3, of: 20), "cases": .count(23, of: nil)])
        let (chapter, problems) = read("# A\n\n{{ outcome.died | share }} of {{ cases }}\n", context: context)
        #expect(problems == [])
        #expect(chapter?.blocks[1] == .paragraph([.changed(current: "4 (17%)", previous: "3 (15%)"), .text(" of 23")]))
    }
}

@Suite struct NumberFormatTests {
    @Test(arguments: [(0, "0"), (999, "999"), (1000, "1,000"), (1_234_567, "1,234,567"), (-4500, "-4,500")])
    func thousandsSeparators(n: Int, text: String) { #expect(NumberFormat.integer(n) == text) }

    @Test(arguments: [
        (15, 8, "nearly twice as many"), (16, 8, "twice as many"), (17, 8, "more than twice as many"),
        (19, 8, "2.4 times as many"), (12, 8, "1.5 times as many"), (8, 8, "as many"), (30, 10, "three times as many"),
        (7, 8, "nearly as many"), (1, 2, "0.5 times as many"), (50, 10, "5 times as many"), (51, 10, "more than 5 times as many"),
    ])
    func ratiosInWords(a: Int, b: Int, text: String) { #expect(NumberFormat.times(Share(a, of: b)) == text) }
}

@Suite struct TemplateLineTests {
    @Test func aPlaceholderOnALaterLineOfAParagraphIsReportedOnItsOwnLine() {
        var state = DocumentState()
        let text = "# T\n\nFirst line {{ cases }},\nsecond line {{ nope }}\nand a list:\n\n- item {{ cases }}\n  continued {{ alsonope }}\n"
        let (_, problems, _) = ChapterReader.read(text, file: "t.md", context: ChapterReaderTests.context, state: &state)
        #expect(problems.map(\.line) == [4, 8])
    }

    @Test func aComparisonWithAZeroIsRefusedNotWrittenWrong() {
        var values = ReportValuesForTests.values
        values.override("boys-per-girl", .ratio(Share(3, of: 0)))
        var state = DocumentState()
        let (_, problems, _) = ChapterReader.read(
            "# T\n\n{{ boys-per-girl | times }} boys as girls.\n", file: "t.md",
            context: TemplateContext(values: values, figureNumbers: [:], themes: []), state: &state)
        #expect(
            problems.map(\.description) == [
                #"t.md:3: "boys-per-girl" cannot be written with "times": one of the two counts is 0, so there is no comparison to write; reword the sentence"#
            ])
    }
}

@Suite struct ComparisonTests {
    @Test(arguments: [
        (15, 8, "nearly twice as many boys as girls"), (23, 0, "all of them boys"), (0, 23, "all of them girls"),
        (0, 0, "no boys or girls"), (8, 8, "as many boys as girls"),
    ])
    func comparesEvenWhenOneSideIsZero(boys: Int, girls: Int, text: String) {
        var values = ReportValuesForTests.values
        values.override("boys-per-girl", .ratio(Share(boys, of: girls)))
        var state = DocumentState()
        let (chapter, problems, _) = ChapterReader.read(
            "# T\n\n{{ boys-per-girl | compare: boys, girls }}\n", file: "t.md",
            context: TemplateContext(values: values, figureNumbers: [:], themes: []), state: &state)
        #expect(problems == [])
        #expect(chapter?.blocks[1] == .paragraph([.text(text)]))
    }
}
