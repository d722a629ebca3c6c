import CaseLoading
import ChartLayout
import CohortStatistics
import Foundation

/// The numbers behind a chart, as rows: the one source for its data table and its CSV file.
public enum FigureData {
    /// Column names, readable ("Babies", "Share of 23").
    public static func columns(_ spec: ChartSpec) -> [String] {
        let unit = spec.unit.prefix(1).uppercased() + spec.unit.dropFirst()
        if spec.kind.hasSeries {
            return ["Category"] + spec.series + ["All \(spec.unit)", "Share of \(spec.total)"]
                + (spec.shareBase == .total
                    ? [] : spec.series.map { "\($0), share of \(spec.shareBase == .category ? "row" : "column")" })
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
            if spec.kind.hasSeries {
                return [category.label]
                    + category.values.enumerated().map {
                        category.suppressedValues.contains($0.offset) ? c : NumberFormat.integer($0.element)
                    } + [sum, share]
                    + cellShares(spec, category).map { $0.map { NumberFormat.percent($0) } ?? c }
            }
            return [category.label, sum, share]
        }
    }

    /// Each count of a category as a share of its ``ChartSpec/ShareBase``, nil where the
    /// count or its base is withheld; empty when the spec gives only shares of the whole.
    static func cellShares(_ spec: ChartSpec, _ category: ChartCategory) -> [Share?] {
        guard spec.shareBase != .total, let totals = spec.categories.last else { return [] }
        return category.values.indices.map { index -> Share? in
            guard !category.suppressedValues.contains(index) else { return nil }
            switch spec.shareBase {
            case .total: return nil
            case .category: return category.suppressedSum ? nil : Share(category.values[index], of: category.sum)
            case .series:
                return totals.suppressedValues.contains(index) ? nil : Share(category.values[index], of: totals.values[index])
            }
        }
    }

    /// Whether the number in `column` (counted after the label) of a category's row is withheld.
    static func isWithheld(_ spec: ChartSpec, _ category: ChartCategory, column: Int) -> Bool {
        let counts = category.values.count
        if spec.kind.hasSeries, column >= counts + 2 {
            return cellShares(spec, category)[column - counts - 2] == nil
        }
        return column < counts && counts > 1 ? category.suppressedValues.contains(column) : category.suppressedSum
    }

    /// The CSV file: `category,count,percent` (stacked: a count column a series
    /// before `count`), RFC 4180 quoting, CRLF-free, a final newline. Every text cell
    /// goes through ``csvCell(_:)``; counts are written as plain numbers.
    ///
    /// When the chart withholds numbers (`[c]`), a last row says what `[c]` means
    /// (`disclosureKey`), in the first column, so the file carries its own key.
    public static func csv(_ spec: ChartSpec, disclosureKey: String? = nil) -> String {
        var header = ["category"]
        if spec.kind.hasSeries { header += spec.series.map { ReportValues.slug($0) } }
        header += ["count", "percent"]
        if spec.kind.hasSeries && spec.shareBase != .total {
            header += spec.series.map { ReportValues.slug($0) + (spec.shareBase == .category ? "-percent-of-row" : "-percent-of-column") }
        }
        var text = CSVWriter.line(header.map(csvCell))
        for category in spec.categories {
            var cells = [csvCell(category.label)]
            let c = ChartShare.suppressedSymbol
            if spec.kind.hasSeries {
                cells += category.values.enumerated().map { category.suppressedValues.contains($0.offset) ? c : String($0.element) }
            }
            cells += category.suppressedSum ? [c, c] : [String(category.sum), String(Share(category.sum, of: spec.total).wholePercent)]
            if spec.kind.hasSeries {
                cells += cellShares(spec, category).map { $0.map { String($0.wholePercent) } ?? c }
            }
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
