import CaseLoading
import ChartLayout
import CohortStatistics
import Foundation

/// The numbers behind a chart, as rows: the one source for its data table and its CSV file.
public enum FigureData {
    /// Column names, readable ("Babies", "Share of 23").
    public static func columns(_ spec: ChartSpec) -> [String] {
        let unit = spec.unit.prefix(1).uppercased() + spec.unit.dropFirst()
        if spec.kind == .stackedHorizontalBar {
            return ["Category"] + spec.series + ["All \(spec.unit)", "Share of \(spec.total)"]
        }
        return ["Category", unit, "Share of \(spec.total)"]
    }

    /// One row a category, in the chart's order: label, count(s), share as "17%".
    /// A withheld count is `[c]`, and so is the share of a withheld sum.
    public static func rows(_ spec: ChartSpec) -> [[String]] {
        spec.categories.map { category in
            let c = ChartShare.suppressedSymbol
            let sum = category.suppressedSum ? c : NumberFormat.integer(category.sum)
            let share = category.suppressedSum ? c : NumberFormat.percent(Share(category.sum, of: spec.total))
            if spec.kind == .stackedHorizontalBar {
                return [category.label]
                    + category.values.enumerated().map {
                        category.suppressedValues.contains($0.offset) ? c : NumberFormat.integer($0.element)
                    } + [sum, share]
            }
            return [category.label, sum, share]
        }
    }

    /// Whether the number in `column` (counted after the label) of a category's row is withheld.
    static func isWithheld(_ category: ChartCategory, column: Int) -> Bool {
        column < category.values.count && category.values.count > 1
            ? category.suppressedValues.contains(column) : category.suppressedSum
    }

    /// The CSV file: `category,count,percent` (stacked: a count column a series
    /// before `count`), RFC 4180 quoting, CRLF-free, a final newline. Every text cell
    /// goes through ``csvCell(_:)``; counts are written as plain numbers.
    ///
    /// When the chart withholds numbers (`[c]`), a last row says what `[c]` means
    /// (`disclosureKey`), in the first column, so the file carries its own key.
    public static func csv(_ spec: ChartSpec, disclosureKey: String? = nil) -> String {
        var header = ["category"]
        if spec.kind == .stackedHorizontalBar { header += spec.series.map { ReportValues.slug($0) } }
        header += ["count", "percent"]
        var text = CSVWriter.line(header.map(csvCell))
        for category in spec.categories {
            var cells = [csvCell(category.label)]
            let c = ChartShare.suppressedSymbol
            if spec.kind == .stackedHorizontalBar {
                cells += category.values.enumerated().map { category.suppressedValues.contains($0.offset) ? c : String($0.element) }
            }
            cells += category.suppressedSum ? [c, c] : [String(category.sum), String(Share(category.sum, of: spec.total).wholePercent)]
            text += CSVWriter.line(cells)
        }
        if spec.hasSuppression, let disclosureKey {
            text += CSVWriter.line([csvCell("Note: " + disclosureKey)] + Array(repeating: "", count: header.count - 1))
        }
        return text
    }

    /// A text cell of a published CSV file, safe to open in a spreadsheet.
    public static func csvCell(_ text: String) -> String { CSVWriter.cell(text, formulaSafe: true) }
}
