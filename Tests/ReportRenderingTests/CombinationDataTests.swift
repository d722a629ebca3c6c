import ChartLayout
import CohortStatistics
import Foundation
import Testing

@testable import ReportRendering

/// A co-occurrence figure's data gives, after its exact combinations, each set's size
/// in any combination, as its chart and statistics.json do: in its one table, so on the
/// page, in its CSV file and on its workbook sheet alike, withheld where they withhold.
@Suite struct CombinationDataTests {
    /// Three sets of 20 cases: two combinations, the others together, and none.
    static var spec: ChartSpec {
        func combination(_ label: String, _ count: Int, _ members: [Int]?) -> ChartCategory {
            var category = ChartCategory(label: label, value: count)
            category.members = members
            return category
        }
        var spec = ChartSpec(
            kind: .horizontalBar, id: "together", title: "Together", subtitle: "Number of cases, 20 in all",
            categories: [
                combination("Alpha and Gamma", 6, [0, 2]), combination("Beta", 5, [1]), combination("Other combinations", 3, nil),
                combination("None of these", 6, []),
            ],
            unit: "cases", total: 20, sourceNote: "Source: test")
        spec.sets = [ChartSet(label: "Alpha", size: 9), ChartSet(label: "Beta", size: 7), ChartSet(label: "Gamma", size: 8)]
        return spec
    }

    @Test func theSetsFollowTheCombinationsInTheSameColumnsWithAColumnSayingHowEachRowCounts() {
        let table = FigureTable(Self.spec, categoryHeading: "Combination")
        #expect(table.columns.map(\.csvName) == ["category", "count", "percent", "counted"])
        #expect(table.columns.map(\.heading) == ["Combination", "Cases", "Share of 20", "Counted"])
        #expect(
            FigureData.csv(Self.spec) == """
                category,count,percent,counted
                Alpha and Gamma,6,30,by exact combination
                Beta,5,25,by exact combination
                Other combinations,3,15,by exact combination
                None of these,6,30,by exact combination
                "Alpha, in any combination",9,45,by set in any combination
                "Beta, in any combination",7,35,by set in any combination
                "Gamma, in any combination",8,40,by set in any combination

                """)
        #expect(FigureData.rows(Self.spec).last == ["Gamma, in any combination", "8", "40%", "by set in any combination"])
        // The rows counted by exact combination add up to the whole; the sets overlap.
        let exact = table.rows.filter { $0.last == .text("by exact combination") }
        #expect(exact.map { if case .count(let n) = $0[1] { n } else { 0 } }.reduce(0, +) == Self.spec.total)
    }

    @Test func aWithheldSetSizeIsCAndTheFileSaysWhatCMeans() {
        var spec = Self.spec
        spec.sets[1].suppressed = true
        let csv = FigureData.csv(spec, disclosureKey: "[c]: withheld.").split(separator: "\n").map(String.init)
        #expect(csv[6] == "\"Beta, in any combination\",[c],[c],by set in any combination")
        #expect(csv[7] == "\"Gamma, in any combination\",8,40,by set in any combination")
        #expect(csv.last == "Note: [c]: withheld.,,,")
        #expect(FigureTable(spec).withholds && !FigureTable(Self.spec).withholds)
    }

    /// With --suppress-below 5, the reference's care leavers (4 cases) are withheld:
    /// the figure's set rows hold what statistics.json holds, [c] included, and the
    /// workbook and the draft's table agree.
    @Test func theSetsAreWithheldAsStatisticsJSONWithholdsThem() throws {
        let id = "parent-features-together"
        let number = try #require(ReferenceBuild.numbers[id])
        let files = try DisclosureTests.build(ReferenceBuild.cohort, 5)
        let json = try #require(try JSONSerialization.jsonObject(with: files["data/statistics.json"]!) as? [String: Any])
        let values = try #require(json["values"] as? [String: [String: Any]])
        let csv = DisclosureTests.text(files["data/figure-\(number).csv"]).split(separator: "\n").map(String.init)
        #expect(csv[0] == "category,count,percent,counted")
        let declaration = try String(
            contentsOf: ReferenceBuild.root.appendingPathComponent("Templates/figures/\(id).yaml"), encoding: .utf8)
        let sets = try DeclaredFigureTests.figure(declaration, id: id)
        guard case .combinations(let counted) = sets.result else { throw CancellationError() }
        var withheld = 0
        for set in counted.sets {
            let published = try #require(values["together.\(id).set.\(set.key)"]?["count"])
            let row = try #require(csv.first { $0.hasPrefix("\"\(set.label), in any combination\",") }, "\(set.label)")
            let cells = row.split(separator: ",").suffix(3).map(String.init)
            if published as? String == "[c]" {
                withheld += 1
                #expect(cells == ["[c]", "[c]", "by set in any combination"], "\(row)")
            } else {
                let n = try #require(published as? Int)
                #expect(
                    cells == [String(n), String(Share(n, of: ReferenceBuild.cohort.cases.count).wholePercent), "by set in any combination"])
            }
        }
        #expect(withheld >= 1)
        // The draft shows the true size and marks it as withheld when published.
        let draft = DisclosureTests.text(try DisclosureTests.build(ReferenceBuild.cohort, 5, draft: true)["report.html"])
        let careLeavers = counted.setSizes[try #require(counted.sets.firstIndex { $0.key == "care-leaver" })].count
        #expect(
            draft.contains(
                "<th scope=\"row\">Care leaver, in any combination</th><td class=\"numeric\"><mark class=\"withheld\">\(careLeavers) ([c])</mark></td>"
            ))
    }
}
