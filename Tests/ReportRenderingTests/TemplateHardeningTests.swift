import Foundation
import Testing

@testable import ReportRendering

/// What a careless or hostile template can no longer put into the report.
@Suite struct TemplateHardeningTests {
    func read(_ text: String) -> [String] {
        var state = DocumentState()
        return ChapterReader.read(text, file: "t.md", context: ChapterReaderTests.context, state: &state).problems.map(\.description)
    }

    func build(_ change: (inout TemplateFiles) -> Void) -> [String] {
        var templates = ReferenceBuild.templates
        change(&templates)
        let cohort = ReferenceBuild.cohort
        do {
            _ = try ReportBuilder.build(cohort, templates: templates, options: BuildOptions(draft: false))
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    static let refusedLinks = [
        "[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](data:text/html,<b>hi</b>)", "[x](vbscript:msgbox)",
        "[x](file:///etc/passwd)", "[x](data/figure-1.csv)", "<javascript:alert(1)>", "[x][r]\n\n[r]: javascript:alert(1)",
        "[x](#)",
    ]

    @Test(arguments: refusedLinks)
    func linksThatCouldRunOrReachTheDiskAreRefused(link: String) {
        let problems = read("# T\n\n\(link)\n")
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix("t.md:3: the link \"") == true, "\(problems)")
        #expect(
            problems.first?.hasSuffix("is not allowed; link to https:, http: or mailto: addresses, or to a place in the report (#…)")
                == true)
    }

    @Test(arguments: [
        "[x](https://www.gov.uk/)", "[x](http://example.org/a?b=c)", "[x](mailto:panel@example.org)",
        "[x](#contents-heading)", "<https://www.gov.uk/>",
    ])
    func webPagesMailAndPlacesInTheReportAreLinked(link: String) {
        #expect(read("# T\n\n\(link)\n") == [])
    }

    @Test(arguments: [
        ("\u{0B}", "U+000B"), ("\u{FFFE}", "U+FFFE"), ("\u{01}", "U+0001"), ("\u{7F}", "U+007F"),
        ("\u{202E}", "U+202E"), ("\u{2066}", "U+2066"), ("\u{200B}", "U+200B"), ("\u{FEFF}", "U+FEFF"),
    ])
    func charactersThePageCannotCarryAreNamedWithTheirLine(character: String, name: String) {
        #expect(
            read("# T\n\nfine\r\nnot \(character) fine\n") == [
                "t.md:4: the character \(name) cannot appear in the report; delete it (it is often invisible in an editor)"
            ])
    }

    @Test func joinersAndALeadingByteOrderMarkAreText() {
        #expect(read("\u{FEFF}# T\n\nمی\u{200C}خواهم and 👨\u{200D}👩\u{200D}👧\n") == [])
    }

    @Test func aStyleSheetThatWouldEndItsElementIsRefusedWithItsLine() {
        let problems = build { $0.styleSheet.text += "\n.a::after { content: \"<\"; }\n" }
        let line = ReferenceBuild.templates.styleSheet.text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        #expect(
            problems == [
                "Templates/report.css:\(line): \"<\" cannot appear in the style sheet (it would end or change the page's <style> element); write it without (inside a CSS string, escape < as \\3C and & as \\26)"
            ])
    }

    @Test func aControlCharacterInTheStyleSheetOrDiagramIsATemplateProblem() {
        let problems = build {
            $0.styleSheet.text = "body { color: black; }\n\u{0B}\n"
            $0.diagrams["whole-system-change"]!.text = "centre: \"Better \u{01} protected\"\ngroups: []\n"
        }
        #expect(problems.count == 2, "\(problems)")
        #expect(
            problems.first
                == "Templates/report.css:2: the character U+000B cannot appear in the report; delete it (it is often invisible in an editor)"
        )
        #expect(problems.last?.hasPrefix("Templates/figures/whole-system-change.yaml:1") == true, "\(problems)")
    }

    @Test func aRefInsideALinkIsRefused() {
        #expect(
            read("# T\n\n[see {{ ref: age }}](https://www.gov.uk/)\n") == [
                "t.md:3: {{ ref: age }} is inside a link, and a link cannot hold another link; move it out of the [ ]( ) link"
            ])
    }

    /// Headings that read like the page's own ids get ids of their own.
    @Test func everyIdOfThePageIsUniqueWhateverTheHeadingsSay() throws {
        var templates = ReferenceBuild.templates
        templates.chapters[0].text += "\n## Figure 3 title\n\n## Figure 3\n\n## Main\n\n## Figure 3 narrow svg\n\n## Contents heading\n"
        let cohort = ReferenceBuild.cohort
        let files = try ReportBuilder.build(cohort, templates: templates, options: BuildOptions(draft: true)).files
        let html = String(decoding: try #require(files.first { $0.path == "report.html" }).bytes, as: UTF8.self)
        let ids = html.ranges(of: " id=\"").map { html[$0.upperBound...].prefix { $0 != "\"" } }
        #expect(ids.count > 50)
        #expect(Set(ids).count == ids.count, "\(Dictionary(grouping: ids, by: { $0 }).filter { $1.count > 1 }.keys)")
    }

    /// An unknown name is echoed as a short excerpt, and finding suggestions stays cheap.
    @Test func longUnknownNamesAreCutInMessages() {
        let long = String(repeating: "x", count: 20_000)
        let text = "# T\n\n" + (0..<20).map { "{{ \(long)\($0) }}" }.joined(separator: "\n") + "\n"
        let problems = read(text)
        #expect(problems.count == 20)
        #expect(problems.allSatisfy { $0.count < 200 }, "\(problems.first ?? "")")
        #expect(problems.first?.contains("\"" + String(repeating: "x", count: 60) + "…\"") == true)
    }
}
