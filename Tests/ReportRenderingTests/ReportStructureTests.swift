import CaseModel
import ChartLayout
import CohortStatistics
import Foundation
import Testing

@testable import ReportRendering

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The published and draft pages, parsed: what a browser, a screen reader and an
/// offline reader rely on.
@Suite struct ReportStructureTests {
    struct Page {
        var elements: [SVGCollector.Element]
        var html: String

        init(_ data: Data) throws {
            let collector = SVGCollector()
            let parser = XMLParser(data: data)
            parser.delegate = collector
            guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
            elements = collector.elements
            html = String(decoding: data, as: UTF8.self)
        }

        func all(_ name: String) -> [SVGCollector.Element] { elements.filter { $0.name == name } }
    }

    static let published = try! Page(ReferenceBuild.published["report.html"]!)
    static let draft = try! Page(ReferenceBuild.draft["report.html"]!)

    @Test(arguments: ["published", "draft"])
    func isAWellFormedSelfContainedPage(which: String) throws {
        let page = which == "draft" ? Self.draft : Self.published
        #expect(page.html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en-GB\">"))
        #expect(page.all("meta").contains { $0.attributes["charset"] == "UTF-8" })
        let csp = try #require(page.all("meta").first { $0.attributes["http-equiv"] == "Content-Security-Policy" })
        #expect(csp.attributes["content"]?.hasPrefix("default-src 'none'") == true)
        #expect(page.all("script").isEmpty)
        #expect(page.all("img").isEmpty)
        #expect(page.all("link").isEmpty)
        // Nothing is fetched: no attribute points off the page except the data files the build writes beside it
        // (the CSV files, the tables workbooks and statistics.json).
        let files = which == "draft" ? ReferenceBuild.draft : ReferenceBuild.published
        for element in page.elements {
            for (name, value) in element.attributes where ["src", "href", "xlink:href"].contains(name) {
                #expect(value.hasPrefix("#") || (value.hasPrefix("data/") && files[value] != nil), "\(element.name) \(name)=\(value)")
            }
        }
    }

    @Test(arguments: ["published", "draft"])
    func everyIdIsUniqueAndEveryInternalLinkLands(which: String) {
        let page = which == "draft" ? Self.draft : Self.published
        let ids = page.elements.compactMap { $0.attributes["id"] }
        #expect(
            Set(ids).count == ids.count, "duplicate ids: \(Dictionary(grouping: ids, by: { $0 }).filter { $1.count > 1 }.keys.sorted())")
        for href in page.elements.compactMap({ $0.attributes["href"] }) where href.hasPrefix("#") {
            #expect(ids.contains(String(href.dropFirst())), "link to \(href) lands nowhere")
        }
        for element in page.elements {
            for ref in (element.attributes["aria-labelledby"] ?? "").split(separator: " ") {
                #expect(ids.contains(String(ref)), "aria-labelledby names \(ref), which is missing")
            }
        }
    }

    @Test func hasASkipLinkContentsAndOneH1() {
        let page = Self.published
        let links = page.all("a")
        #expect(links.first?.attributes["href"] == "#main")
        #expect(page.elements.contains { $0.name == "main" && $0.attributes["id"] == "main" })
        #expect(page.all("h1").count == 1)
        let chapterIDs = page.all("section").filter { $0.attributes["class"] == "chapter" }.compactMap { $0.attributes["aria-labelledby"] }
        // The nine chapters, then the Data section the page adds.
        #expect(chapterIDs.count == 10)
        #expect(chapterIDs.last == "report-data")
        let contents = links.compactMap { $0.attributes["href"] }.filter { $0.hasPrefix("#") && $0 != "#main" }.prefix(chapterIDs.count)
        #expect(Array(contents) == chapterIDs.map { "#\($0)" })
    }

    @Test func everyChartHasADataTableAndADownload() throws {
        let page = Self.published
        let figures = page.all("figure").compactMap { $0.attributes["id"] }
        let definitions = ReferenceBuild.definitions
        #expect(figures == (1...definitions.count).map { "figure-\($0)" })
        let charts = definitions.filter { !$0.isDiagram }
        #expect(page.all("table").count == charts.count)
        #expect(page.all("caption").count == charts.count)
        #expect(page.all("th").allSatisfy { $0.attributes["scope"] == "col" || $0.attributes["scope"] == "row" })
        let downloads = page.all("a").compactMap { $0.attributes["href"] }.filter { $0.hasPrefix("data/figure-") }
        #expect(downloads == charts.map { ReferenceBuild.numbers[$0.id]! }.sorted().map { "data/figure-\($0).csv" })
        // Each chart's source line names its sheet of the tables workbooks and links both.
        for number in charts.map({ ReferenceBuild.numbers[$0.id]! }) {
            let source = try #require(page.html.range(of: "<a href=\"data/figure-\(number).csv\">"))
            let rest = page.html[source.upperBound...].prefix(400)
            #expect(
                rest.contains(
                    "or find it on sheet <code>Figure_\(number)</code> of <a href=\"data/tables.ods\">tables.ods</a> and "
                        + "<a href=\"data/tables.xlsx\">tables.xlsx</a>."), "Figure \(number)")
        }
        for path in downloads { #expect(ReferenceBuild.published[path] != nil, "\(path) is linked but not written") }
        // Each figure, the diagram too, is drawn twice (wide and phone width); every other
        // SVG (the Contents links' arrows) is decoration, hidden from assistive technology.
        let drawings = page.all("svg").filter { $0.attributes["class"] == "chart" }
        #expect(drawings.count == 2 * definitions.count)
        #expect(drawings.allSatisfy { $0.attributes["role"] == "img" })
        #expect(page.all("svg").filter { $0.attributes["class"] != "chart" }.allSatisfy { $0.attributes["aria-hidden"] == "true" })
    }

    @Test func onlyTheDraftHasTheReviewersMaterial() {
        // (The style sheet, shared by both, holds the printed draft notice for body.draft only.)
        #expect(!Self.published.elements.contains { $0.attributes["class"] == "draft-banner" })
        #expect(Self.published.all("body").first?.attributes["class"] == nil)
        #expect(Self.draft.all("body").first?.attributes["class"] == "draft")
        #expect(!Self.published.html.contains("reviewers-annex"))
        #expect(!Self.published.html.contains("Not for publication"))
        #expect(Self.draft.html.contains(#"<p class="draft-banner" role="note">DRAFT for reviewers: not for publication</p>"#))
        #expect(Self.draft.html.contains(#"<h2 id="reviewers-annex">Reviewers' annex</h2>"#))
        #expect(Self.draft.html.contains("Cases tagged with no theme: 1 (C16)."))
        #expect(Self.draft.html.contains("Not for publication (draft only)"))
    }
}

@Suite struct FigureRegistryTests {
    @Test func everyFigureCategoryNamesATemplateValueWithItsCount() throws {
        let cohort = ReferenceBuild.cohort
        let statistics = CohortStatistics(cohort)
        let values = ReportValues(statistics: statistics, review: cohort.review)
        let numbers = Dictionary(uniqueKeysWithValues: FigureRegistry.all.enumerated().map { ($1.id, $0 + 1) })
        let figures = FigureRegistry.figures(statistics, review: cohort.review, numbers: numbers, diagrams: [:])
        for figure in figures {
            guard case .chart(let spec) = figure.content else { continue }
            if figure.definition.valuePrefix == nil {
                #expect(figure.valueNames.isEmpty, "\(figure.id)")
                continue
            }
            #expect(figure.valueNames.count == spec.categories.count, "\(figure.id)")
            for (name, category) in zip(figure.valueNames, spec.categories) {
                #expect(name.hasPrefix(figure.definition.valuePrefix! + "."), "\(figure.id): \(name)")
                guard case .count(let n, _)? = values[name] else {
                    Issue.record("\(figure.id): \(name) is not a template value")
                    continue
                }
                #expect(n == category.sum, "\(figure.id): \(name)")
            }
        }
    }

    /// The specs the registry builds from real cohorts pass the chart rules, at
    /// every width the report draws them: the reference cohort, one with a new
    /// ethnicity, and a one-case cohort.
    @Test func everyRegisteredChartPassesTheRulesForDifferentCohorts() throws {
        var single = ReferenceBuild.cohort
        single.cases = [single.cases[0]]
        for cohort in [ReferenceBuild.cohort, ProseFollowsDataTests.widened, single] {
            let statistics = CohortStatistics(cohort)
            for definition in FigureRegistry.all {
                guard let spec = definition.chart(statistics, review: cohort.review)?.spec else { continue }
                #expect(throws: Never.self, "\(definition.id)") { try spec.validate() }
                for width in [ChartLayoutOptions().width, ReportBuilder.narrowWidth] {
                    let scene = try ChartLayoutEngine.layout(spec, options: ChartLayoutOptions(width: width))
                    #expect(!scene.primitives.isEmpty, "\(definition.id) at \(width)")
                }
            }
        }
    }

    @Test func idsAreUniqueAndSayWhatTheFigureShows() {
        let ids = FigureRegistry.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(!id.isEmpty && id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(id)")
            #expect(!id.hasPrefix("figure-"), "\(id) is a number, not what the figure shows")
        }
    }

    /// The reference report shows Figures 1–7 in the reference text's order, the two annex figures after them.
    @Test func theReferenceChaptersNumberTheFiguresAsTheReferenceTextDoes() {
        let reference = ["outcome", "sex", "ethnicity", "age", "agency-involvement", "parent-features", "whole-system-change"]
        #expect(reference.map { ReferenceBuild.numbers[$0] } == Array(1...7))
        // The annex figures come after them.
        #expect(ReferenceBuild.numbers["injury-profiles"] == 8 && ReferenceBuild.numbers["themes"] == 9)
        // The declared figures stand last, in the annex, so they take the numbers after the built-in ones.
        #expect(ReferenceBuild.numbers["parent-features-by-outcome"] == 11 && ReferenceBuild.numbers["parent-features-together"] == 12)
        #expect(ReferenceBuild.numbers.values.sorted() == Array(1...ReferenceBuild.definitions.count))
    }

    @Test func theTemplateGuideListsEveryFigureOfTheRegistry() throws {
        let guide = ReferenceBuild.text("docs/templates.md")
        let section = try #require(guide.components(separatedBy: "\n## Figures\n").last?.components(separatedBy: "\n## ").first)
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }
        // Built-in and declared alike: the reference templates' declared figures are listed too.
        #expect(rows.map(String.init) == ReferenceBuild.definitions.map(FigureRegistry.guideRow))
    }

    /// Moving a figure to a later chapter renumbers the report, and every reference follows.
    @Test func movingAFigureRenumbersTheReportAndItsReferences() throws {
        var templates = ReferenceBuild.templates
        let headline = try #require(templates.chapters.firstIndex { $0.path.hasSuffix("03-headline-data.md") })
        let features = try #require(templates.chapters.firstIndex { $0.path.hasSuffix("06-additional-features.md") })
        templates.chapters[headline].text = templates.chapters[headline].text.replacingOccurrences(of: "{{ figure: age }}\n", with: "")
        templates.chapters[features].text += "\nAs {{ ref: age }} showed, ages vary.\n\n{{ figure: age }}\n"
        let numbers = FigureNumbering.numbers(templates)
        #expect(numbers["agency-involvement"] == 4 && numbers["parent-features"] == 5 && numbers["age"] == 6)
        let cohort = ReferenceBuild.cohort
        let files = try ReportBuilder.build(cohort, templates: templates, options: BuildOptions(draft: false)).files
        let html = String(decoding: try #require(files.first { $0.path == "report.html" }).bytes, as: UTF8.self)
        #expect(html.contains(##"As <a href="#figure-6">Figure 6</a> showed"##))
        #expect(
            html.contains(
                #"<figure id="figure-6" class="figure"><figcaption><span class="figure-number">Figure 6: </span>Age of the babies"#))
        let numbered = html.ranges(of: #"<span class="figure-number">Figure "#).map { html[$0.upperBound...].prefix(while: \.isNumber) }
        #expect(numbered.map { Int($0)! } == Array(1...ReferenceBuild.definitions.count))
        let csv = String(decoding: try #require(files.first { $0.path == "data/figure-6.csv" }).bytes, as: UTF8.self)
        #expect(csv.hasPrefix("category,count,percent\n0,"))
    }
}

@Suite struct BuildProblemsTests {
    @Test func everyProblemOfTheTemplatesIsReportedInOneRun() throws {
        var templates = ReferenceBuild.templates
        templates.diagrams["whole-system-change"]!.text = "centre: [not text]\n"
        // Chapter 9 loses an annex figure; chapter 1 places Figure 1 too, before chapter 3 does.
        templates.chapters[8].text = templates.chapters[8].text.replacingOccurrences(of: "{{ figure: injury-profiles }}", with: "")
        templates.chapters[0].text += "\n{{ figure: outcome }}\n"
        let cohort = ReferenceBuild.cohort
        #expect {
            try ReportBuilder.build(cohort, templates: templates, options: BuildOptions(draft: false))
        } throws: { error in
            guard let problems = (error as? ReportBuildError)?.problems.map(\.description) else { return false }
            let line = templates.chapters[0].text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            return problems == [
                "Templates/figures/whole-system-change.yaml:1: centre: must be a line of text",
                "Templates/chapters/03-headline-data.md:\(Self.line(of: "{{ figure: outcome }}", in: templates.chapters[2].text)): figure \"outcome\" is already placed at Templates/chapters/01-summary.md:\(line); place each figure once",
                "Templates/chapters: figure \"injury-profiles\" is not placed in any chapter; add {{ figure: injury-profiles }} on a line of its own",
            ]
        }
    }

    static func line(of text: String, in source: String) -> Int {
        source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) }! + 1
    }
}

/// The published statistics.json names no case, no area and no unpublished learning,
/// whatever the statistics hold for the draft.
@Suite struct StatisticsExportTests {
    @Test func theExportCarriesNoCaseIdsAreaCodesOrUnpublishedText() throws {
        var cohort = ReferenceBuild.cohort
        cohort.cases[0].id = "SECRET-ID"
        cohort.cases[0].harm.occasions = .unknown
        cohort.cases[0].learning.append(LearningPoint(theme: cohort.vocabulary.themes[0].code, text: "hidden words", publishable: false))
        cohort.areas.append(
            Area(
                code: "AREA-UNUSED", type: .county, region: .london, familyNursePartnership: false,
                practitioners: 1, strategicPartners: 1))
        let statistics = CohortStatistics(cohort)
        #expect(statistics.dataQuality.unknownOccasions.contains("SECRET-ID"))
        let values = ReportValues(statistics: statistics, review: cohort.review)
        let json = String(decoding: StatisticsFile(statistics: statistics, values: values).data(), as: UTF8.self)
        #expect(!json.contains("SECRET-ID"))
        #expect(!json.contains("hidden words"))
        #expect(!json.contains("AREA-UNUSED"))
        for area in cohort.areas { #expect(!json.contains("\"\(area.code)\""), "\(area.code)") }
        #expect(json.contains("\"unknownOccasions\" : "))
    }
}
