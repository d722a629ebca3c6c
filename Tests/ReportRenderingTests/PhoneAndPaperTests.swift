import ChartLayout
import CohortStatistics
import Foundation
import Testing

@testable import ReportRendering

/// The report on phones and on paper (issue 14): what the page's markup must carry for it.
@Suite struct PhoneAndPaperTests {
    static let published = String(decoding: ReferenceBuild.published["report.html"]!, as: UTF8.self)
    static let draft = String(decoding: ReferenceBuild.draft["report.html"]!, as: UTF8.self)

    /// The text of every `<text class="ROLE">` in an SVG, its lines joined by spaces.
    static func texts(_ svg: String, role: String) -> [String] {
        svg.matches(of: try! Regex("<text [^>]*class=\"\(role)\">(.*?)</text>")).map { match in
            let inner = String(match.output[1].substring ?? "")
            return inner.replacing(/<tspan[^>]*>/, with: "").replacing("</tspan>", with: " ")
                .replacing("&amp;", with: "&").trimmingCharacters(in: .whitespaces)
        }
    }

    @Test func figure7HasADrawingForPhonesAndItsWordsStartCollapsed() throws {
        let number = try #require(ReferenceBuild.numbers["whole-system-change"])
        let html = Self.published
        #expect(
            html.contains("<div class=\"chart-frame chart-wide\"><svg xmlns=\"http://www.w3.org/2000/svg\" id=\"figure-\(number)_svg\""))
        #expect(
            html.contains(
                "<div class=\"chart-frame chart-narrow\"><svg xmlns=\"http://www.w3.org/2000/svg\" id=\"figure-\(number)_narrow_svg\" viewBox=\"0 0 340 "
            ))
        #expect(html.contains("<details class=\"diagram-text\"><summary>"))
        #expect(!html.contains("<details open"))
    }

    @Test(arguments: ["published", "draft"])
    func everyChapterEndsWithALinkBackToTheContents(which: String) {
        let html = which == "published" ? Self.published : Self.draft
        let chapters = html.matches(of: /<section class="chapter[^"]*"/).count
        #expect(chapters >= 8)
        let endings = html.matches(
            of:
                /<p class="back-to-contents"><a href="#contents-heading"><svg [^>]*aria-hidden="true"[^>]*>.*?<\/svg>Contents<\/a><\/p><\/section>/
        ).count
        #expect(endings == chapters)
        #expect(html.contains("<h2 id=\"contents-heading\">Contents</h2>"))
    }

    @Test func onlyATableThatMayScrollIsATabStopAndItSaysSo() throws {
        let html = Self.published
        // At 320 px only Figure 8's five columns, the seven of Figure 11 (a declared
        // cross-tabulation) and the four of Figure 12 (a declared co-occurrence, whose last
        // column says in words how each row counts) are wider than the 290 px frame.
        #expect(html.matches(of: /tabindex="0"/).count == 3)
        #expect(html.contains("id=\"figure-11_table\" role=\"region\" tabindex=\"0\""))
        #expect(html.contains("id=\"figure-12_table\" role=\"region\" tabindex=\"0\""))
        #expect(
            html.contains(
                "<div class=\"table-wrap\"><p class=\"table-hint\" id=\"figure-8_hint\">Scroll the table sideways to see all of it.</p><div class=\"table-frame scrollable\" id=\"figure-8_table\" role=\"region\" tabindex=\"0\" aria-label=\"Data for Figure 8\" aria-describedby=\"figure-8_hint\">"
            ))
        // Where it fits, its own rule takes it out of the tab order and hides the hint.
        let rule = try #require(
            html.firstMatch(
                of:
                    /@media screen and \(min-width: ([0-9]+)px\) and \(max-width: 640px\) \{ #figure-8_table \{ visibility: hidden; \} #figure-8_table > table \{ visibility: visible; \} #figure-8_hint \{ display: none; \} \}/
            ))
        let window = try #require(Int(rule.output.1))
        // Chromium draws it 325 px wide (a 355 px window's frame): the estimate is close and not under it.
        #expect((355...375).contains(window))
        #expect(html.contains("@media screen and (min-width: 641px) { #figure-8_table { visibility: hidden; }"))
        // Every other chart's table is a plain frame.
        let charts = ReferenceBuild.definitions.filter { !$0.isDiagram }.count
        #expect(html.matches(of: /<div class="table-frame">/).count == charts - 3)
    }

    @Test func aTableWidthIsItsColumnsLongestWordsAndPadding() {
        let frame = TableFrame(
            id: "t", label: "T", header: [TableFrame.Cell(text: "A", bold: true)],
            rows: [[TableFrame.Cell(text: "Wide words", bold: true)], [TableFrame.Cell(text: "x")]])
        let word = TextMetrics.width("words", fontSize: 16, weight: .bold)
        #expect(frame.minimumWidth(padding: 10) == word + 10)
        let wide = TableFrame(
            id: "t", label: "T",
            header: [
                TableFrame.Cell(text: "Supercalifragilisticexpialidocious", bold: true),
                TableFrame.Cell(text: "Antidisestablishmentarianism"),
            ], rows: [])
        #expect(wide.mayScroll && !frame.mayScroll)
        #expect(!wide.styleRules.isEmpty && frame.styleRules.isEmpty)
    }

    @Test func theDraftBannerIsInsideTheBannerLandmarkAtItsTop() {
        #expect(
            Self.draft.contains(
                "<header class=\"masthead\"><p class=\"draft-banner\" role=\"note\">DRAFT for reviewers: not for publication</p>"))
        #expect(!Self.published.contains("draft-banner\""))
    }

    @Test func printedPagesCarryTheTitleInTheirMargin() {
        #expect(
            Self.published.contains(
                "<style>@page { @bottom-left { content: \"The role of fathers and male carers in non-accidental injury to babies\"; } }"))
        #expect(
            ReportHTMLWriter.cssString("A \"quoted\" <title> & \\ more\nlines")
                == "\"A \\\"quoted\\\" \\3C title\\3E  \\26  \\\\ more\\A lines\"")
    }

    @Test(arguments: (1...9).map { "figures/figure-\($0).svg" })
    func everyStandaloneFigureCarriesItsTitleAndSource(path: String) throws {
        let svg = String(decoding: try #require(ReferenceBuild.published[path]), as: UTF8.self)
        let number = Int(path.dropFirst("figures/figure-".count).dropLast(4))!
        let id = try #require(ReferenceBuild.numbers.first { $0.value == number }?.key)
        let figure = try #require(
            FigureRegistry.figures(
                CohortStatisticsForTests.reference, review: ReferenceBuild.cohort.review,
                numbers: ReferenceBuild.numbers, diagrams: Self.diagrams
            ).first { $0.id == id })
        #expect(Self.texts(svg, role: "title") == [figure.title], "\(path)")
        let source = try #require(Self.texts(svg, role: "source").first)
        #expect(source.hasPrefix("Source: \(ReferenceBuild.cohort.review.publisher)"), "\(path)")
    }

    static let diagrams: [String: DiagramSpec] = {
        var result: [String: DiagramSpec] = [:]
        for definition in FigureRegistry.all {
            guard let file = definition.diagramFile,
                case .success(let spec) = DiagramSpecReader.read(
                    ReferenceBuild.text("Templates/\(file)"), file: file)
            else { continue }
            result[definition.id] = spec
        }
        return result
    }()

    @Test func categoriesAreSortedByValueUnlessTheyHaveANaturalOrder() throws {
        let figures = FigureRegistry.figures(
            CohortStatisticsForTests.reference, review: ReferenceBuild.cohort.review,
            numbers: ReferenceBuild.numbers, diagrams: Self.diagrams)
        var natural: [String] = []
        for figure in figures {
            guard case .chart(let spec) = figure.content else { continue }
            let sums = spec.categories.map(\.sum)
            switch figure.definition.order {
            case .byValue:
                #expect(sums == sums.sorted(by: >), "\(figure.id): \(sums)")
            case .natural:
                natural.append(figure.id)
            }
        }
        #expect(natural == ["age", "injury-profiles", "local-review"])
        let age = try #require(figures.first { $0.id == "age" })
        if case .chart(let spec) = age.content { #expect(spec.categories.map(\.label) == (0...11).map(String.init)) }
        // The themes chart follows the rule too: largest first, not the vocabulary's order.
        let themes = try #require(figures.first { $0.id == "themes" })
        if case .chart(let spec) = themes.content {
            #expect(spec.categories.map(\.sum) != CohortStatisticsForTests.reference.themes.cases.categories.map(\.count))
        }
    }
}

/// The reference cohort's statistics, computed once.
enum CohortStatisticsForTests {
    static let reference = CohortStatistics(ReferenceBuild.cohort)
}
