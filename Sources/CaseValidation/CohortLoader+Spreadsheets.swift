import CaseLoading
import CaseModel

// The spreadsheet forms of a cohort: cases.csv with learning.csv, and cases.xlsx.
extension CohortLoader.Run {
    /// A CSV file's reader, or `nil` (its problem logged) when its bytes cannot be read.
    private func csvReader(_ path: String, _ fs: some InputFileSystem, rowLimit: Int, what: String) -> CSVRowReader? {
        switch SourceFileReader.readBytes(atPath: path, fileSystem: fs, maxBytes: limits.maxSpreadsheetBytes) {
        case .success(let bytes):
            return CSVRowReader(bytes: bytes, file: path, limits: limits, rowLimit: rowLimit, what: what)
        case .failure(let problem):
            log.add(problem)
            return nil
        }
    }

    /// Logs what a reader read to its end found; the file counts as read if it was text.
    private mutating func finish(_ reader: CSVRowReader) {
        if !reader.isNotText { filesRead += 1 }
        reader.diagnostics.forEach(log.add)
    }

    /// cases.csv, then learning.csv beside it: each read a row at a time and each row
    /// decoded as it is read, so that no table of every cell is held. What the rows
    /// give is kept apart until the file has been read to its end: a file refused
    /// part-way gives its reader's problems and none of its rows'.
    mutating func readCaseSpreadsheet(
        _ path: String, learning: String?, _ fs: some InputFileSystem,
        declared: Declarations
    ) -> CaseSource? {
        guard var reader = csvReader(path, fs, rowLimit: limits.maxCSVRows, what: "case rows") else { return nil }
        let rowsLog = DiagnosticLog()
        var source = CaseSource()
        var shape: CSVTable? = nil
        if let header = reader.readHeader() {
            let table = CSVTable(file: path, header: header, rows: [], dataRowCount: 0)
            let decoder = CaseRowDecoder(shape: table, declared: declared, log: rowsLog)
            source.absentColumns = decoder.absent
            source.header = table.rowLocation(1)
            decodeCaseRows(&reader, decoder, log: rowsLog, into: &source)
            shape = table
        }
        while reader.next() != nil {}
        finish(reader)
        guard !reader.isRefused, let table = shape else { return nil }
        rowsLog.items.forEach(log.add)
        casesRead += reader.dataRowCount
        if !reader.diagnostics.isEmpty {
            source.allValid = false
            source.someUnreadable = true
        }
        if reader.dataRowCount == 0 {
            // learning.csv is still read, for its own problems.
            if let learning, var learningReader = csvReader(learning, fs, rowLimit: limits.maxLearningRows, what: "learning-point rows") {
                while learningReader.next() != nil {}
                finish(learningReader)
            }
            log.error(at: table.location, field: nil, "no case found; add one row per case below the header")
            return nil
        }
        if let learning {
            if !readLearning(learning, fs, cases: table, declared: declared, into: &source) { source.allValid = false }
        } else {
            source.learningRecorded = false
            log.warning(
                at: SourceLocation(file: path), field: nil,
                "no learning.csv beside it, so the cohort has no learning points and the report will say none are recorded; to add "
                    + "them, put learning.csv (columns case,theme,text,publishable) beside cases.csv"
            )
        }
        return source
    }

    /// learning.csv, each row decoded as it is read and each valid point given to its
    /// case; whether the file was read with no problem of its own (its rows' aside).
    private mutating func readLearning(
        _ path: String, _ fs: some InputFileSystem, cases: CSVTable,
        declared: Declarations, into source: inout CaseSource
    ) -> Bool {
        guard var reader = csvReader(path, fs, rowLimit: limits.maxLearningRows, what: "learning-point rows") else { return false }
        let rowsLog = DiagnosticLog()
        var decoded: (points: [String: [LearningPoint]], allValid: Bool) = ([:], true)
        if let header = reader.readHeader() {
            let decoder = LearningRowDecoder(
                shape: CSVTable(file: path, header: header, rows: [], dataRowCount: 0), cases: cases,
                known: Set(source.ids.map(\.id)), idsUnread: source.absentColumns.contains("id"), declared: declared, log: rowsLog)
            decoded = decodeLearningRows(&reader, decoder, log: rowsLog)
        }
        while reader.next() != nil {}
        finish(reader)
        guard !reader.isRefused else { return false }
        rowsLog.items.forEach(log.add)
        give(decoded, to: &source)
        return reader.diagnostics.isEmpty
    }

    mutating func readWorkbook(_ path: String, _ fs: some InputFileSystem, declared: Declarations) -> CaseSource? {
        let bytes: [UInt8]
        switch SourceFileReader.readBytes(atPath: path, fileSystem: fs, maxBytes: limits.maxSpreadsheetBytes) {
        case .success(let read): bytes = read
        case .failure(let problem):
            log.add(problem)
            return nil
        }
        filesRead += 1
        let read = WorkbookTables.read(bytes, file: path, limits: limits)
        read.diagnostics.forEach(log.add)
        guard let cases = read.cases else { return nil }
        let noLearning = Diagnostic.warning(
            at: SourceLocation(file: path),
            "has no sheet named \"learning\", so the cohort has no learning points and the report will say none are recorded; to add "
                + "them, add a sheet named learning (columns case,theme,text,publishable)"
        )
        let casesClean = !read.diagnostics.contains { $0.location.sheetName == cases.sheet }
        let learningClean =
            read.learning.map { table in !read.diagnostics.contains { $0.location.sheetName == table.sheet } }
            ?? !read.hasLearningSheet
        return decodeTables(
            cases: cases, casesClean: casesClean, learning: read.learning, learningClean: learningClean,
            noLearning: read.hasLearningSheet ? nil : noLearning, declared: declared)
    }

    /// Decodes the case rows and the learning-point rows of a workbook's sheets.
    /// `noLearning` is the warning to give when the source has no place for
    /// learning points (given only when there are cases to give it about).
    private mutating func decodeTables(
        cases table: CSVTable, casesClean: Bool, learning: CSVTable?, learningClean: Bool,
        noLearning: Diagnostic?, declared: Declarations
    ) -> CaseSource? {
        casesRead += table.dataRowCount
        var source = CaseSource()
        source.allValid = casesClean && learningClean
        source.someUnreadable = !casesClean
        source.learningRecorded = noLearning == nil
        let decoder = CaseRowDecoder(shape: table, declared: declared, log: log)
        source.absentColumns = decoder.absent
        source.header = table.rowLocation(1)
        if table.dataRowCount == 0 {
            let place = table.sheet == nil ? "below the header" : "below the header in row 1"
            log.error(at: table.location, field: nil, "no case found; add one row per case \(place)")
            return nil
        }
        if let noLearning { log.add(noLearning) }
        var rows = table.rows.makeIterator()
        decodeCaseRows(&rows, decoder, log: log, into: &source)
        if let learning {
            let decoder = LearningRowDecoder(
                shape: learning, cases: table, known: Set(source.ids.map(\.id)),
                idsUnread: source.absentColumns.contains("id"), declared: declared, log: log)
            var rows = learning.rows.makeIterator()
            give(decodeLearningRows(&rows, decoder, log: log), to: &source)
            warnHidden(learning, ids: [], what: "learning point")
        }
        warnHidden(table, ids: source.ids, what: "case")
        return source
    }

    /// One warning for a sheet's hidden rows and one for its hidden columns, naming
    /// each (a row by its case's id too, when `ids` has it): what they hold is read,
    /// though a person looking at the sheet does not see it.
    private func warnHidden(_ table: CSVTable, ids: [(id: String, location: SourceLocation)], what: String) {
        var idByRow: [Int: String] = [:]
        for (id, location) in ids where location.sheetName == table.sheet {
            if let row = location.row, idByRow[row] == nil { idByRow[row] = id }
        }
        let shown = 20
        func more(_ count: Int) -> [String] { count > shown ? ["\(count - shown) more"] : [] }
        let rows = table.hiddenRows
        if !rows.isEmpty {
            let named = rows.prefix(shown).map { row in
                row == 1 ? "1 (the header)" : idByRow[row].map { "\(row) (case \($0.excerptForDiagnostic))" } ?? String(row)
            }
            log.warning(
                at: table.location, field: nil,
                "\(rows.count == 1 ? "row" : "rows") \((named + more(rows.count)).joinedInProse) \(rows.count == 1 ? "is" : "are") "
                    + "hidden, and hidden rows are read like any other; unhide \(rows.count == 1 ? "it" : "them") to see every \(what) "
                    + "that is read")
        }
        let columns = table.hiddenColumns
        if !columns.isEmpty {
            let named = columns.prefix(shown).map { column in
                let name = table.header[column]
                return CSVTable.letters(column) + (name.isEmpty ? "" : " (\(name.excerptForDiagnostic))")
            }
            log.warning(
                at: table.location, field: nil,
                "\(columns.count == 1 ? "column" : "columns") \((named + more(columns.count)).joinedInProse) "
                    + "\(columns.count == 1 ? "is" : "are") hidden, and hidden columns are read like any other; unhide "
                    + "\(columns.count == 1 ? "it" : "them") to see what is read")
        }
    }

    /// Case rows decoded a batch at a time (on every core), in order.
    static let caseRowsPerBatch = 4096

    /// Decodes the case rows as they come, a batch at a time, in order: each full
    /// batch is decoded on other threads while the next is read from the file.
    private func decodeCaseRows(
        _ rows: inout some IteratorProtocol<CSVTable.Row>, _ decoder: CaseRowDecoder,
        log: DiagnosticLog, into source: inout CaseSource
    ) {
        func take(_ decoded: (cases: [CaseDecoding.Decoded], diagnostics: [Diagnostic])) {
            decoded.diagnostics.forEach(log.add)
            for row in decoded.cases { add(row.id, row.area, row.value, into: &source) }
        }
        var batch: [CSVTable.Row] = []
        var decoding: RowsBeingDecoded? = nil
        while let row = rows.next() {
            batch.append(row)
            if batch.count == Self.caseRowsPerBatch {
                if let decoding { take(decoding.wait()) }
                decoding = RowsBeingDecoded(decoder, batch)
                batch = []
            }
        }
        if let decoding { take(decoding.wait()) }
        take(decoder.decode(batch))
    }

    /// Decodes each learning-point row as it comes: the valid points by case id, in
    /// row order, and whether every row was valid.
    private func decodeLearningRows(
        _ rows: inout some IteratorProtocol<CSVTable.Row>, _ decoder: LearningRowDecoder,
        log: DiagnosticLog
    ) -> (points: [String: [LearningPoint]], allValid: Bool) {
        var points: [String: [LearningPoint]] = [:]
        var allValid = true
        while let row = rows.next() {
            if let (caseID, point) = decoder.decode(row, log: log) {
                points[caseID, default: []].append(point)
            } else {
                allValid = false
            }
        }
        if let unjoined = decoder.unjoinedProblem { log.add(unjoined) }
        return (points, allValid)
    }

    /// Gives each case its learning points.
    private func give(_ decoded: (points: [String: [LearningPoint]], allValid: Bool), to source: inout CaseSource) {
        if !decoded.allValid { source.allValid = false }
        for index in source.cases.indices {
            if let found = decoded.points[source.cases[index].id] { source.cases[index].learning += found }
        }
    }
}
