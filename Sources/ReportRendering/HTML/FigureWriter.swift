import ChartLayout
import CohortStatistics
import XMLWriter

/// Writes a figure: caption, inline chart, the data behind it as a table, and a
/// link to the same data as CSV.
enum FigureWriter {
    /// `baseline`: a draft's earlier build; a changed count or share is marked in the table.
    /// `disclosureKey`: what `[c]` means, printed under a table that withholds numbers.
    /// `frame`: the table's frame, when the page has already made it (see ``tableFrame(_:figure:baseline:)``).
    static func write(
        _ figure: Figure, scenes: InlineScenes?, baseline: Baseline?, disclosureKey: String? = nil,
        frame: TableFrame?, into w: XMLWriter
    ) throws {
        try w.element("figure", ["id": figure.anchor, "class": "figure"]) {
            try w.element("figcaption") {
                try w.element("span", ["class": "figure-number"], text: "Figure \(figure.number): ")
                try w.text(figure.title)
                if case .chart(let spec) = figure.content {
                    // A line break, not only the style sheet, parts title and subtitle: read
                    // aloud or shown without report.css they must not run together.
                    try w.element("br")
                    try w.element("span", ["class": "figure-subtitle"], text: spec.subtitle)
                }
            }
            if let scenes {
                try w.element("div", ["class": scenes.narrow == nil ? "chart-frame" : "chart-frame chart-wide"]) {
                    try SceneSVGWriter.write(scenes.wide, id: figure.anchor, into: w)
                }
                if let narrow = scenes.narrow {
                    try w.element("div", ["class": "chart-frame chart-narrow"]) {
                        try SceneSVGWriter.write(narrow, id: figure.anchor + "_narrow", into: w)
                    }
                }
            }
            switch figure.content {
            case .chart(let spec):
                if scenes == nil {
                    // A pie with a withheld part: its angles would give the part away.
                    try w.element(
                        "p", ["class": "figure-note"],
                        text:
                            "Figure \(figure.number) is given as a table only: some of its parts are withheld ([c]), and a pie chart "
                            + "would show them by the size of their slices."
                    )
                }
                try table(spec, figure: figure, frame: frame ?? tableFrame(spec, figure: figure, baseline: baseline), w)
                if spec.hasSuppression || figure.wouldWithhold?.hasSuppression == true, let disclosureKey {
                    try w.element("p", ["class": "figure-note"], text: disclosureKey)
                }
                try w.element("p", ["class": "figure-source"]) {
                    try w.text(spec.sourceNote + ". ")
                    if let csv = figure.csvFile {
                        try w.element("a", ["href": csv], text: "Download the data for Figure \(figure.number) (CSV)")
                        // The same table in the workbooks, named by its sheet.
                        try w.text(", or find it on sheet ")
                        try w.element("code", text: ReportTables.sheetName(figure))
                        try w.text(" of ")
                        try w.element("a", ["href": ReportTables.odsFile], text: "tables.ods")
                        try w.text(" and ")
                        try w.element("a", ["href": ReportTables.xlsxFile], text: "tables.xlsx")
                        try w.text(".")
                    }
                }
            case .diagram(let spec):
                try w.element("details", ["class": "diagram-text"]) {
                    try w.element("summary", text: "Figure \(figure.number) in words")
                    try w.element("p", text: "\(spec.centre), through:")
                    try w.element("ul") {
                        for group in spec.groups {
                            try w.element("li") {
                                try w.element("strong", text: group.title)
                                try w.element("ul") { for item in group.items { try w.element("li", text: item) } }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The figure's data table as cells, in the chart's order: the one source for the
    /// table and for the estimate of its width.
    static func tableFrame(_ spec: ChartSpec, figure: Figure, baseline: Baseline?) -> TableFrame {
        // How the baseline's count and share of this category are written in this table.
        let written: [(TemplateValue) -> String?] = [
            { if case .count(let n, _) = $0 { NumberFormat.integer(n) } else { nil } },
            { if case .count(let n, let total?) = $0 { NumberFormat.percent(Share(n, of: total)) } else { nil } },
        ]
        let table = FigureTable(spec, categoryHeading: figure.definition.categoryHeading)
        let header = table.columns.map { TableFrame.Cell(text: $0.heading, bold: true, numeric: $0.kind != .text) }
        // In a draft: the published build's table, whose rows may stand in another order.
        let published = Dictionary(
            (figure.wouldWithhold.map { FigureTable($0) }?.rows ?? []).map { (FigureTable.label($0), $0) },
            uniquingKeysWith: { first, _ in first })
        // The value names of the rows: the categories', then the sets' (a chart of combinations).
        let names = figure.valueNames + figure.setNames
        let rows = table.rows.enumerated().map { index, row -> [TableFrame.Cell] in
            let name = index < names.count ? names[index] : nil
            let marked = published[FigureTable.label(row)]
            return [TableFrame.Cell(text: FigureData.shown(row[0]), bold: true)]
                + row.indices.dropFirst().map { column in
                    let cell = FigureData.shown(row[column])
                    var previous: String?
                    if let name, column - 1 < written.count {
                        previous = baseline?.previous(of: name, current: cell, writtenAs: written[column - 1])
                    }
                    return TableFrame.Cell(
                        text: cell, previous: previous, wouldWithhold: marked.map { column < $0.count && $0[column] == .withheld } ?? false,
                        numeric: table.columns[column].kind != .text)
                }
        }
        return TableFrame(id: figure.anchor, label: "Data for Figure \(figure.number)", header: header, rows: rows)
    }

    private static func table(_ spec: ChartSpec, figure: Figure, frame: TableFrame, _ w: XMLWriter) throws {
        try frame.write(w) {
            try w.element("table", ["class": "data-table"]) {
                try w.element("caption", text: "Data for Figure \(figure.number): \(spec.title)")
                try w.element("thead") {
                    try w.element("tr") {
                        // The rows' heading, then each column's: numbers are set right, words padded as numbers are.
                        try w.element("th", ["scope": "col"], text: frame.header[0].text)
                        for cell in frame.header.dropFirst() {
                            try w.element("th", ["scope": "col", "class": cell.numeric ? "numeric" : "words"], text: cell.text)
                        }
                    }
                }
                try w.element("tbody") {
                    for row in frame.rows {
                        try w.element("tr") {
                            try w.element("th", ["scope": "row"], text: row[0].text)
                            for cell in row.dropFirst() {
                                try w.element("td", ["class": cell.numeric ? "numeric" : "words"]) {
                                    if cell.wouldWithhold {
                                        try BlockWriter.withheld(w, compact: true) { try w.text(cell.text) }
                                    } else if let previous = cell.previous {
                                        try BlockWriter.changed(cell.text, was: previous, w)
                                    } else {
                                        try w.text(cell.text)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
