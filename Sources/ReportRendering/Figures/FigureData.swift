import CaseLoading
import ChartLayout
import CohortStatistics
import Foundation

/// A chart's ``FigureTable`` written out: as the page's data table shows it, and as its CSV file.
public enum FigureData {
    /// Column names, readable ("Babies", "Share of 23").
    public static func columns(_ spec: ChartSpec) -> [String] {
        FigureTable(spec).columns.map(\.heading)
    }

    /// One row a category, in the chart's order: label, count(s), share as "17%".
    /// A withheld count is `[c]`, and so is the share of a withheld sum.
    public static func rows(_ spec: ChartSpec) -> [[String]] {
        FigureTable(spec).rows.map { $0.map(shown) }
    }

    /// A cell as the page shows it: `1,234`, `17%`, `[c]`.
    static func shown(_ cell: FigureTable.Cell) -> String {
        switch cell {
        case .text(let text): text
        case .count(let n): NumberFormat.integer(n)
        case .percent(let share): NumberFormat.percent(share)
        case .withheld: ChartShare.suppressedSymbol
        }
    }

    /// The CSV file: the table's columns by their CSV names (`category,count,percent`;
    /// a stacked or grouped chart has a count column a series before `count`), RFC 4180
    /// quoting, CRLF-free, a final newline. Every text cell goes through ``csvCell(_:)``;
    /// counts and percentages are written as plain numbers.
    ///
    /// When the chart withholds numbers (`[c]`), a last row says what `[c]` means
    /// (`disclosureKey`), in the first column, so the file carries its own key.
    public static func csv(_ spec: ChartSpec, disclosureKey: String? = nil) -> String {
        let table = FigureTable(spec)
        var text = CSVWriter.line(table.columns.map { csvCell($0.csvName) })
        for row in table.rows {
            text += CSVWriter.line(
                row.map { cell in
                    switch cell {
                    case .text(let words): csvCell(words)
                    case .count(let n): String(n)
                    case .percent(let share): String(share.wholePercent)
                    case .withheld: ChartShare.suppressedSymbol
                    }
                })
        }
        if table.withholds, let disclosureKey {
            text += CSVWriter.line([csvCell("Note: " + disclosureKey)] + Array(repeating: "", count: table.columns.count - 1))
        }
        return text
    }

    /// A text cell of a published CSV file, safe to open in a spreadsheet.
    public static func csvCell(_ text: String) -> String { CSVWriter.cell(text, formulaSafe: true) }
}
