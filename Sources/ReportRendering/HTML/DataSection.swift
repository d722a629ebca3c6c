import XMLWriter

/// The page's Data section, after the chapters: where the report's numbers are
/// published as data, and which sheet of the tables workbooks holds which table.
enum DataSection {
    /// The section's heading id (reserved: no chapter heading may take it).
    static let id = "report-data"

    static func write(_ page: ReportPage, _ w: XMLWriter) throws {
        try w.element("section", ["class": "chapter", "aria-labelledby": id]) {
            try w.element("h2", ["id": id], text: "Data")
            try w.element("p") {
                try w.text("Every table in this report is published as a spreadsheet, in two formats with the same content: ")
                try w.element("a", ["href": ReportTables.odsFile], text: "tables.ods (OpenDocument spreadsheet)")
                try w.text(" and ")
                try w.element("a", ["href": ReportTables.xlsxFile], text: "tables.xlsx (Excel workbook)")
                try w.text(
                    ". Each starts with a cover, a contents sheet and notes, then has one table on each sheet:")
            }
            try w.element("ul") {
                for sheet in page.tableSheets {
                    try w.element("li") {
                        try w.text("sheet ")
                        try w.element("code", text: sheet.name)
                        try w.text(": \(sheet.title)")
                    }
                }
            }
            try w.element("p") {
                try w.text("Each figure's data is also a CSV file, linked under the figure, and every count and share is in ")
                try w.element("a", ["href": "data/statistics.json"], text: "statistics.json")
                try w.text(".")
            }
            try ReportHTMLWriter.backToContents(w)
        }
    }
}
