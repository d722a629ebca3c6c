import CaseModel
import WorkbookReading

/// Reads a workbook (`cases.xlsx`) into the same tables as `cases.csv` and
/// `learning.csv`, so that one decoder checks every form of the cohort alike.
///
/// Cells become the text a CSV export would hold: a whole number as its digits
/// (`3.0` as `3`), a boolean as `true`/`false`. What a CSV file cannot hold is
/// refused here, each at its cell: a date (the contract has none), a spreadsheet
/// error such as `#N/A`, a formula with no saved result. The workbook itself is
/// read by ``WorkbookReading``, within ``LoadingLimits``.
public enum WorkbookTables {
    /// The sheet with one row per case.
    public static let casesSheet = "cases"
    /// The optional sheet with one row per learning point.
    public static let learningSheet = "learning"

    public struct Result: Sendable {
        /// The `cases` sheet, or `nil` when it could not be read.
        public var cases: CSVTable?
        /// The `learning` sheet, when there is one and it could be read.
        public var learning: CSVTable?
        /// Whether the workbook has a `learning` sheet at all.
        public var hasLearningSheet: Bool
        public var diagnostics: [Diagnostic]
    }

    public static func read(_ bytes: [UInt8], file: String, limits: LoadingLimits = .standard) -> Result {
        let workbookLimits = WorkbookLimits(
            maxPartBytes: limits.maxWorkbookPartBytes, maxCells: limits.maxWorkbookCells,
            maxRows: max(limits.maxCSVRows, limits.maxLearningRows) + 1, maxColumns: limits.maxCSVColumns,
            maxCellBytes: limits.maxCSVCellBytes, maxSharedStrings: limits.maxSharedStrings)
        // Each sheet's rows go into its table as they are read, so that the sheet's
        // cells are never all held at once; the tables stand only if the workbook
        // is read to the end without error.
        var builders: [String: TableBuilder] = [:]
        var current: String? = nil
        let sheetNames: [String]
        do {
            sheetNames = try WorkbookReader.read(
                bytes, sheets: [casesSheet, learningSheet], limits: workbookLimits,
                sheet: { wanted, name in
                    let isCases = wanted == casesSheet
                    builders[wanted] = TableBuilder(
                        file: file, sheet: name, rowLimit: isCases ? limits.maxCSVRows : limits.maxLearningRows,
                        what: isCases ? "case rows" : "learning-point rows")
                    current = wanted
                },
                row: { row in
                    if let current { builders[current]?.add(row) }
                },
                layout: { wanted, layout in builders[wanted]?.layout = layout })
        } catch {
            let position: SourceLocation.Position =
                if let sheet = error.sheet, let cell = error.cell {
                    .sheetCell(sheet: sheet, cell: cell, column: "")
                } else if let sheet = error.sheet { .sheet(sheet) } else { .file }
            return Result(
                cases: nil, learning: nil, hasLearningSheet: false,
                diagnostics: [.error(at: SourceLocation(file: file, position: position), error.message)])
        }
        var diagnostics: [Diagnostic] = []
        guard let cases = builders.removeValue(forKey: casesSheet) else {
            let sheets = sheetNames.map { $0.quotedForDiagnostic }.joined(separator: ", ")
            diagnostics.append(
                .error(
                    at: SourceLocation(file: file),
                    "has no sheet named \"cases\" (its sheets: \(sheets.isEmpty ? "none" : sheets)); name the sheet that holds one row per case \"cases\""
                ))
            return Result(cases: nil, learning: nil, hasLearningSheet: builders[learningSheet] != nil, diagnostics: diagnostics)
        }
        let casesTable = cases.finish(&diagnostics)
        let learning = builders.removeValue(forKey: learningSheet)
        let learningTable = learning.flatMap { $0.finish(&diagnostics) }
        return Result(cases: casesTable, learning: learningTable, hasLearningSheet: learning != nil, diagnostics: diagnostics)
    }

    /// The sheet as a table whose header is row 1, or `nil` (with a diagnostic) when it has none.
    static func table(
        _ sheet: Workbook.Sheet, file: String, rowLimit: Int, what: String, limits: LoadingLimits,
        _ diagnostics: inout [Diagnostic]
    ) -> CSVTable? {
        var builder = TableBuilder(file: file, sheet: sheet.name, rowLimit: rowLimit, what: what)
        for row in sheet.rows { builder.add(row) }
        builder.layout = sheet.layout
        return builder.finish(&diagnostics)
    }

    /// One sheet made into a table a row at a time: row 1 is the header, each row
    /// below it becomes a row of text cells (or a diagnostic at its cell).
    struct TableBuilder {
        let file: String
        let sheet: String
        let rowLimit: Int
        let what: String
        private var table: CSVTable?
        private var width = 0
        private var sawRow = false
        /// Why the sheet gives no table, once it is known.
        private var unusable: Diagnostic?
        private var diagnostics: [Diagnostic] = []
        /// What the sheet hides and merges, told once its rows have been read.
        var layout = Workbook.Layout()

        init(file: String, sheet: String, rowLimit: Int, what: String) {
            self.file = file
            self.sheet = sheet
            self.rowLimit = rowLimit
            self.what = what
        }

        mutating func add(_ row: Workbook.Row) {
            guard unusable == nil else { return }
            guard sawRow else {
                sawRow = true
                header(row)
                return
            }
            guard var table else { return }
            self.table = nil  // so that its rows are not copied as one is added
            defer { self.table = table }
            let header = table.header
            var cells = Array(repeating: "", count: width)
            var refused: Set<Int> = []
            for cell in row.cells {
                guard cell.column < width else {
                    if !text(of: cell.value).allSatisfy(\.isWhitespace) {
                        diagnostics.append(
                            .error(
                                at: SourceLocation(file: file, position: .sheetCell(sheet: sheet, cell: cell.reference, column: "")),
                                "the cell is to the right of the header's last column (\(CSVTable.letters(width - 1))); clear it, or "
                                    + "give its column a name in row 1"
                            ))
                        refused.insert(cell.column)
                    }
                    continue
                }
                if let problem = refusal(of: cell.value) {
                    diagnostics.append(
                        .error(at: table.cellLocation(row: row.number, column: cell.column), field: header[cell.column], problem))
                    refused.insert(cell.column)
                } else {
                    cells[cell.column] = text(of: cell.value)
                }
            }
            if refused.isEmpty, cells.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { return }
            table.dataRowCount += 1
            if table.dataRowCount > rowLimit {
                unusable = .error(at: table.rowLocation(row.number), "the sheet has more than \(rowLimit) \(what); the workbook is refused")
                return
            }
            table.rows.append(CSVTable.Row(number: row.number, cells: cells, refused: refused))
        }

        private mutating func header(_ first: Workbook.Row) {
            let sheetLocation = SourceLocation(file: file, position: .sheet(sheet))
            guard first.number == 1 else {
                unusable = .error(at: sheetLocation, "row 1 is empty; expected the header (the column names) in row 1, as in the CSV form")
                return
            }
            width = (first.cells.last?.column ?? -1) + 1
            var header = Array(repeating: "", count: width)
            for cell in first.cells { header[cell.column] = text(of: cell.value).trimmingWhitespace() }
            table = CSVTable(file: file, sheet: sheet, header: header, rows: [], dataRowCount: 0)
        }

        /// The table, or `nil`; its diagnostics (and why it is unusable) are added to `all`.
        consuming func finish(_ all: inout [Diagnostic]) -> CSVTable? {
            all += diagnostics
            if !sawRow {
                let one = what == "case rows" ? "case" : "learning point"
                all.append(
                    .error(
                        at: SourceLocation(file: file, position: .sheet(sheet)),
                        "the sheet is empty; expected a header in row 1 and one row per \(one) below it"))
                return nil
            }
            if let unusable {
                all.append(unusable)
                return nil
            }
            guard var table else { return nil }
            apply(layout, to: &table, &all)
            return table
        }

        /// Refuses each data cell that a merged range covers past its first cell (a
        /// spreadsheet shows the range as one cell, and saves a value only in the first),
        /// and notes the hidden rows and columns that hold what is read.
        private func apply(_ layout: Workbook.Layout, to table: inout CSVTable, _ all: inout [Diagnostic]) {
            for range in layout.merged {
                for number in range.rows where number >= 2 {
                    guard let index = rowIndex(number, in: table) else { continue }
                    for column in range.columns
                    where column < width && (column, number) != (range.columns.lowerBound, range.rows.lowerBound) {
                        table.rows[index].refused.insert(column)
                        table.rows[index].cells[column] = ""
                        all.append(
                            .error(
                                at: table.cellLocation(row: number, column: column), field: table.header[column],
                                "the cell is merged with \(range.first) (\(range.reference)), and merged cells are not read: only "
                                    + "\(range.first)'s value is; unmerge \(range.reference) and type this cell's value in it"))
                    }
                }
            }
            table.hiddenRows = layout.hiddenRows.filter { $0 == 1 || rowIndex($0, in: table) != nil }
            var hidden = Set<Int>()
            for range in layout.hiddenColumns where range.lowerBound < width {
                hidden.formUnion(range.clamped(to: 0...(width - 1)))
            }
            table.hiddenColumns = hidden.sorted()
        }

        /// The index of row `number` among the table's rows (which are in order), if it is one.
        private func rowIndex(_ number: Int, in table: CSVTable) -> Int? {
            var low = 0, high = table.rows.count
            while low < high {
                let middle = (low + high) / 2
                if table.rows[middle].number < number { low = middle + 1 } else { high = middle }
            }
            return low < table.rows.count && table.rows[low].number == number ? low : nil
        }
    }

    /// The text a CSV export would hold for a value that can be text.
    static func text(of value: Workbook.Value) -> String {
        switch value {
        case .text(let text): hasCarriageReturn(text) ? text.replacingCRLF() : text
        case .number(let number, _): wholeNumberText(number) ?? number
        case .boolean(let flag): flag ? "true" : "false"
        case .date(let text), .error(let text): text
        case .formulaWithoutValue: ""
        }
    }

    private static func hasCarriageReturn(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.contains(0x0D) } ?? text.utf8.contains(0x0D)
    }

    /// `3` for `3`, `3.0` or `3E0`; `nil` when the number is not whole (or too large to be exact).
    static func wholeNumberText(_ number: String) -> String? {
        guard let value = Double(number), value.rounded() == value, abs(value) < 1e15 else { return nil }
        return String(Int(value))
    }

    /// Why a value cannot stand in the contract's text, or `nil` when it can.
    static func refusal(of value: Workbook.Value) -> String? {
        switch value {
        case .text, .boolean, .number(_, dateFormat: false):
            return nil
        case .number(let number, dateFormat: true):
            let shown = Double(number).flatMap(isoDate).map { "\($0), stored as \(number)" } ?? "stored as \(number)"
            return "is a date (\(shown)), but no field of a case is a date; format the cell as Text or General and type the value again"
        case .date(let text):
            return
                "is a date (\(text.excerptForDiagnostic)), but no field of a case is a date; format the cell as Text or General and type the value again"
        case .error(let code):
            return "holds the spreadsheet error \(code.excerptForDiagnostic); correct the cell so that it holds a value"
        case .formulaWithoutValue(let formula):
            return
                "holds the formula =\(formula.excerptForDiagnostic) with no saved result (formulas are not calculated here); open the "
                + "workbook in a spreadsheet and save it, or type the value instead of the formula"
        }
    }

    /// The calendar date of a spreadsheet date number (days since 1899-12-30).
    static func isoDate(_ serial: Double) -> String? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        // Days since 1970-01-01, then the civil date (Howard Hinnant's algorithm).
        let z = Int(serial.rounded(.down)) - 25_569 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}
