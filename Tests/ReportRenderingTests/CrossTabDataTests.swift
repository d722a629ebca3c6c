import ChartLayout
import CohortStatistics
import Testing

@testable import ReportRendering

/// A cross-tabulation's data table and CSV give each cell as a share of its row or
/// of its column, as declared, and withhold a share whose cell or base is withheld.
@Suite struct CrossTabDataTests {
    /// Two rows and their column totals: died / harmed.
    static func spec(_ base: ChartSpec.ShareBase) -> ChartSpec {
        var spec = ChartSpec(
            kind: .stackedHorizontalBar, id: "x", title: "X", subtitle: "Y",
            categories: [
                ChartCategory(label: "Yes", values: [3, 1]), ChartCategory(label: "No", values: [1, 5]),
                ChartCategory(label: "All cases", values: [4, 6]),
            ],
            series: ["Died", "Seriously harmed"], unit: "cases", total: 10, sourceNote: "Source: test")
        spec.shareBase = base
        return spec
    }

    @Test func sharesByRowAreOfTheRowsSum() {
        let spec = Self.spec(.category)
        #expect(FigureData.columns(spec).suffix(2) == ["Died, share of row", "Seriously harmed, share of row"])
        #expect(FigureData.rows(spec)[0] == ["Yes", "3", "1", "4", "40%", "75%", "25%"])
        #expect(FigureData.csv(spec).split(separator: "\n")[1] == "Yes,3,1,4,40,75,25")
    }

    @Test func sharesByColumnAreOfTheColumnsTotal() {
        let spec = Self.spec(.series)
        #expect(FigureData.rows(spec)[1] == ["No", "1", "5", "6", "60%", "25%", "83%"])
        #expect(FigureData.rows(spec)[2].suffix(2) == ["100%", "100%"])
    }

    @Test func aShareOfAWithheldCellOrBaseIsWithheld() {
        var spec = Self.spec(.series)
        // The died column's total is withheld: every share of that column is too.
        spec.categories[2] = spec.categories[2].suppressing([0], sum: false)
        spec.categories[0] = spec.categories[0].suppressing([1], sum: false)
        let rows = FigureData.rows(spec)
        #expect(rows[0].suffix(2) == ["[c]", "[c]"])
        #expect(rows[1].suffix(2) == ["[c]", "83%"])
        // The page, the CSV file and the workbook are written from one table, which says so.
        let table = FigureTable(spec)
        #expect(table.rows[1][5] == .withheld && table.rows[1][6] == .percent(Share(5, of: 6)))
        #expect(FigureData.csv(spec).split(separator: "\n")[2] == "No,1,5,6,60,[c],83")
    }
}
