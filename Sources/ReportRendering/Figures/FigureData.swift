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
    public static func rows(_ spec: ChartSpec) -> [[String]] {
        spec.categories.map { category in
            let share = NumberFormat.percent(Share(category.sum, of: spec.total))
            if spec.kind == .stackedHorizontalBar {
                return [category.label] + category.values.map(NumberFormat.integer) + [NumberFormat.integer(category.sum), share]
            }
            return [category.label, NumberFormat.integer(category.sum), share]
        }
    }

    /// The CSV file: `category,count,percent` (stacked: a count column a series
    /// before `count`), RFC 4180 quoting, CRLF-free, a final newline.
    public static func csv(_ spec: ChartSpec) -> String {
        var header = ["category"]
        if spec.kind == .stackedHorizontalBar { header += spec.series.map { ReportValues.slug($0) } }
        header += ["count", "percent"]
        var lines = [header.joined(separator: ",")]
        for category in spec.categories {
            var cells = [quote(category.label)]
            if spec.kind == .stackedHorizontalBar { cells += category.values.map(String.init) }
            cells += [String(category.sum), String(Share(category.sum, of: spec.total).wholePercent)]
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func quote(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
