import Foundation
import Testing

/// A second, differently shaped cohort (Tests/Fixtures/SecondCohort): its own
/// review, areas and vocabulary, its cases as a spreadsheet export, and templates
/// written for it from docs/templates.md alone, with its own words for the charts;
/// its cases and learning points are the CSV pair (cases.csv with CRLF line ends
/// and quoted multi-line cells, learning.csv).
@Suite struct SecondCohortTests {
    static let fixture = CLI.repository.appendingPathComponent("Tests/Fixtures/SecondCohort")
    static var inputs: String { fixture.appendingPathComponent("Inputs").path }
    static var templates: String { fixture.appendingPathComponent("Templates").path }

    @Test func itValidatesWithItsOwnVocabularyAndTemplates() throws {
        let result = try CLI.run(["validate", "--inputs", Self.inputs, "--templates", Self.templates])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(Self.inputs): valid. 14 cases in 5 areas, 5 files read, 1 warning.\n")
        // The one warning is the area no case refers to; the templates give none.
        #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("area \"R6\" is not referred to by any case"))
    }

    /// Its own declared cross-tabulation (figures/themes-by-involvement.yaml, written from
    /// docs/templates.md alone) over its own themes: the last figure, with its CSV.
    @Test func itsDeclaredCrossTabulationIsBuiltFromItsOwnVocabulary() throws {
        let scratch = try Scratch()
        let output = scratch.path("Output")
        let result = try CLI.run(["build", "--inputs", Self.inputs, "--templates", Self.templates, "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try CLI.report(in: output)
        let html = String(decoding: try #require(files["report.html"]), as: UTF8.self)
        #expect(html.contains("Figure 11: </span>Themes by the family"))
        let csv = String(decoding: try #require(files["data/figure-11.csv"]), as: UTF8.self).split(separator: "\n")
        #expect(
            csv.first?.hasPrefix("category,universal-services-only,early-help,child-in-need-plan,child-protection-plan,count,percent,")
                == true)
        // A row a theme of its vocabulary, then the column totals, which add up to its 14 cases.
        #expect(
            csv.dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" }.prefix(5) == [
                "Families leaving early help too soon", "Frequent moves between homes", "Drug and alcohol use by a carer",
                "Fathers never met by services", "All infants",
            ])
        #expect(csv[5].split(separator: ",")[5] == "14")
    }

    /// Its grouped cross-tabulation (figures/themes-by-circumstance.yaml): features of the
    /// parents by theme, both lists, so a case may be in several rows, and in several
    /// columns or none. A bar a theme in each row's cluster; each row's total is its own
    /// infants (the cells may add up to more or less), in the CSV, the table and the SVG.
    @Test func itsGroupedCrossTabulationOfListsIsDrawnAndCountedEndToEnd() throws {
        let scratch = try Scratch()
        let output = scratch.path("Output")
        let result = try CLI.run(["build", "--inputs", Self.inputs, "--templates", Self.templates, "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try CLI.report(in: output)
        let html = String(decoding: try #require(files["report.html"]), as: UTF8.self)
        #expect(
            html.contains(
                "Figure 12: </span>Themes by the parents' circumstances<br/><span class=\"figure-subtitle\">Number of infants by feature "
                    + "and theme, 14 in all; a case can be counted in several rows and in several columns or none</span>"))
        let csv = String(decoding: try #require(files["data/figure-12.csv"]), as: UTF8.self)
        #expect(
            csv == """
                category,families-leaving-early-help-too-soon,frequent-moves-between-homes,drug-and-alcohol-use-by-a-carer,\
                fathers-never-met-by-services,count,percent,families-leaving-early-help-too-soon-percent-of-row,\
                frequent-moves-between-homes-percent-of-row,drug-and-alcohol-use-by-a-carer-percent-of-row,fathers-never-met-by-services-percent-of-row
                Domestic abuse at the time,2,3,2,2,7,50,29,43,29,29
                A parent's mental health,4,5,0,4,9,64,44,56,0,44
                Father or male carer convicted,4,0,0,4,4,29,100,0,0,100
                All infants,4,5,5,4,14,100,29,36,36,29

                """)
        // A bar a theme in each of the four clusters (the three zeros have none).
        let svg = String(decoding: try #require(files["figures/figure-12.svg"]), as: UTF8.self)
        #expect(svg.components(separatedBy: #"class="bar""#).count - 1 == 4 * 4 - 3)
        #expect(
            svg.contains(
                "Of 14 infants: Domestic abuse at the time: Families leaving early help too soon 2 (14%), Frequent moves between homes 3 "
                    + "(21%), Drug and alcohol use by a carer 2 (14%), Fathers never met by services 2 (14%); A parent's mental health: "))
    }

    @Test func itBuildsAReportNumberedByItsOwnChaptersInItsOwnWords() throws {
        let scratch = try Scratch()
        let output = scratch.path("Output")
        let result = try CLI.run(["build", "--inputs", Self.inputs, "--templates", Self.templates, "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try CLI.report(in: output)
        let html = String(decoding: try #require(files["report.html"]), as: UTF8.self)
        // Its first chapter places the themes chart first, so that is Figure 1; its references follow.
        #expect(
            html.contains(
                #"<figure id="figure-1" class="figure"><figcaption><span class="figure-number">Figure 1: </span>Cases in which each theme "#
                    + #"featured"#))
        #expect(html.contains(##"<a href="#figure-1">Figure 1</a> shows the themes"##))
        #expect(html.contains(##"<a href="#figure-10">Figure 10</a> what the partnership will change"##))
        // Its charts are titled and counted in its own words.
        #expect(
            html.contains(
                "Figure 2: </span>Infants who died or were seriously injured<br/><span class=\"figure-subtitle\">Number of infants, 14 in "
                    + "all</span>"))
        #expect(
            String(decoding: try #require(files["figures/figure-2.svg"]), as: UTF8.self).contains(
                "Of 14 infants: Seriously harmed 12 (86%), Died 2 "
                    + "(14%)."))
        #expect(
            String(decoding: try #require(files["data/figure-2.csv"]), as: UTF8.self)
                == "category,count,percent\nSeriously harmed,12,86\nDied,2,14\n")
        // Lists come from its own vocabulary, and zero reads as a word. Inside a sentence,
        // its vocabulary's proper_names keep their capital; "Not recorded" does not.
        #expect(
            html.contains(
                "The infants' recorded ethnicity was Black African (6 infants), Mixed White and Black Caribbean (3 infants), Bangladeshi (2 "
                    + "infants), White Other (2 infants) and not recorded (1 infant)."))
        #expect(html.contains("The mother was convicted in no cases."))
        // Its learning points come from learning.csv: the publishable ones only.
        #expect(
            html.contains("The carer&#39;s drinking was recorded by the GP") || html.contains("The carer's drinking was recorded by the GP")
        )
        #expect(
            html.contains("Nobody in the family's three agencies had met the father")
                || html.contains("Nobody in the family&#39;s three agencies"))
        #expect(!html.contains("A move between areas lost the family"), "an unpublishable learning point was published")
        #expect(!html.contains("The family left early help after six weeks"), "an unpublishable learning point was published")
        let ethnicity = String(decoding: try #require(files["data/figure-4.csv"]), as: UTF8.self)
        #expect(ethnicity.hasPrefix("category,count,percent\nBlack African,6,43\n"))
        #expect(!html.contains("babies"), "the reference cohort's word leaked into this report")
        // Its draft builds too, with the cases' ids in the annex.
        let draft = try CLI.run([
            "build", "--draft", "--inputs", Self.inputs, "--templates", Self.templates, "--output", scratch.path("Draft"),
        ])
        #expect(draft.status == 0, "\(draft.stderr)")
        #expect(String(decoding: try #require(try CLI.report(in: scratch.path("Draft"))["report.html"]), as: UTF8.self).contains("S01"))
    }
}
