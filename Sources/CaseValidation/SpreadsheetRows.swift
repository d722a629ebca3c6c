import CaseLoading
import CaseModel
import Dispatch
import Synchronization

/// A spreadsheet's header checked against the contract's columns (cases.csv,
/// learning.csv, or a workbook's sheet), once for the whole file or sheet.
enum SpreadsheetHeader {
    /// Reports unknown, duplicate and missing columns; returns the usable column
    /// indices, the header's names as the contract spells them, and the required
    /// columns that are missing.
    ///
    /// A name that matches a column of the contract but for case, spaces, dots,
    /// underscores and hyphens (`Harm outcome` for `harm.outcome`, `Area` for `area`) is
    /// read as that column when no other column of the header is read as it; any
    /// other unknown name is refused, with the nearest column suggested.
    static func check(
        _ table: CSVTable, canonical: [String], optional: Set<String>,
        log: DiagnosticLog
    ) -> (columns: [Int], names: [String], absent: Set<String>) {
        let exact = Set(table.header)
        var byLooseName: [String: [String]] = [:]
        for name in canonical { byLooseName[looseName(name), default: []].append(name) }
        var names = table.header
        var columns: [Int] = []
        var seen: [String: Int] = [:]
        for (index, written) in table.header.enumerated() {
            let location = table.headerLocation(index)
            var name = written
            if !canonical.contains(written), let matches = byLooseName[looseName(written)], matches.count == 1, !exact.contains(matches[0])
            {
                name = matches[0]
            }
            names[index] = name
            if let first = seen[name] {
                log.error(at: location, field: nil, "the column appears more than once (columns \(first + 1) and \(index + 1)); keep one")
            } else if !canonical.contains(name) {
                let what = name.isEmpty ? "a column with no name" : "unknown column"
                let nearest = name.isEmpty ? nil : Spelling.nearest(looseName(name), among: canonical.map(looseName)).first
                let suggestion = nearest.flatMap { byLooseName[$0]?.first }.map { "did you mean \($0)?; " } ?? ""
                log.error(at: location, field: nil, "\(what); \(suggestion)valid columns: \(canonical.joined(separator: ", "))")
                seen[name] = index
            } else {
                seen[name] = index
                columns.append(index)
            }
        }
        var absent: Set<String> = []
        for name in canonical where seen[name] == nil && !optional.contains(name) {
            log.error(
                at: table.rowLocation(1), field: name,
                "the header has no such column; every \(canonical == CaseCSVColumns.canonical ? "case" : "learning point") needs it")
            absent.insert(name)
        }
        return (columns, names, absent)
    }

    /// A column's name without case, spaces, dots, underscores and hyphens.
    static func looseName(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { !" ._-".unicodeScalars.contains($0) && !$0.properties.isWhitespace })
    }

    /// The required columns a row lacks: those missing from the header, and those
    /// whose cell was refused when it was read (already reported).
    static func absent(_ absent: Set<String>, _ row: CSVTable.Row, header: [String]) -> Set<String> {
        row.refused.isEmpty ? absent : absent.union(row.refused.compactMap { $0 < header.count ? header[$0] : nil })
    }
}

/// Decodes case rows one at a time, by a plan made once from the header: `shape`
/// is the file or sheet (its header and places; its rows are not used).
struct CaseRowDecoder {
    private(set) var shape: CSVTable
    let declared: Declarations
    private var plan: CSVTable.TreePlan
    /// The required columns the header lacks (already reported).
    let absent: Set<String>
    /// The header's names as the contract spells them (see ``SpreadsheetHeader/check(_:canonical:optional:log:)``).
    private let names: [String]

    /// Checks the header (its problems into `log`) and plans how rows are read by it.
    init(shape: CSVTable, declared: Declarations, log: DiagnosticLog) {
        self.shape = shape
        self.declared = declared
        let (columns, names, absent) = SpreadsheetHeader.check(
            shape, canonical: CaseCSVColumns.canonical,
            optional: CaseCSVColumns.optional, log: log)
        self.absent = absent
        self.names = names
        plan = CSVTable.TreePlan(header: names, columns: columns)
    }

    /// One row's case, its problems into `log`.
    func decode(_ row: CSVTable.Row, log: DiagnosticLog) -> CaseDecoding.Decoded {
        var context = DecodeContext(log: log)
        context.absentColumns = SpreadsheetHeader.absent(absent, row, header: names)
        return CaseDecoding.decode(FieldValue(row: CSVTable.RowTree(plan: plan, row: row, in: shape)), context: context, declared: declared)
    }

    /// Rows handed to a thread at a time: small enough that both cores stay busy to
    /// the end of a batch when another process takes one of them for a while.
    static let rowsPerTask = 128

    /// Fewer rows than this are decoded on the calling thread: starting threads would cost more.
    static let concurrentFrom = 2 * rowsPerTask

    /// Each row's case, in order, and the rows' problems in row order: what decoding
    /// them one after another into one log gives. Rows are independent, so they are
    /// decoded on every core, ``rowsPerTask`` rows at a time, each stretch with a log
    /// of its own; on one thread when `concurrently` is false, or (when it is `nil`)
    /// when there are fewer than ``concurrentFrom`` rows.
    func decode(_ rows: [CSVTable.Row], concurrently: Bool? = nil) -> (cases: [CaseDecoding.Decoded], diagnostics: [Diagnostic]) {
        if !(concurrently ?? (rows.count >= Self.concurrentFrom)) {
            let log = DiagnosticLog()
            return (rows.map { decode($0, log: log) }, log.items)
        }
        let tasks = (rows.count + Self.rowsPerTask - 1) / Self.rowsPerTask
        // Each task's cases and problems, by task, so that they come back in row order.
        let done = Mutex([(cases: [CaseDecoding.Decoded], problems: [Diagnostic])](repeating: ([], []), count: tasks))
        let shared = Unchecked(value: (decoder: self, rows: rows))
        DispatchQueue.concurrentPerform(iterations: tasks) { task in
            let (decoder, rows) = shared.value
            let log = DiagnosticLog()
            let range = (task * Self.rowsPerTask)..<min((task + 1) * Self.rowsPerTask, rows.count)
            let cases = range.map { decoder.decode(rows[$0], log: log) }
            let problems = log.items
            done.withLock { $0[task] = (cases, problems) }
        }
        let all = done.withLock { $0 }
        return (all.flatMap(\.cases), all.flatMap(\.problems))
    }
}

/// A batch of case rows being decoded on other threads (``CaseRowDecoder/decode(_:concurrently:)``)
/// while the caller reads the next batch from the file; ``wait()`` gives what
/// `decode` gives.
final class RowsBeingDecoded: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once, by the decoding thread, before `done` is signalled.
    private var result: (cases: [CaseDecoding.Decoded], diagnostics: [Diagnostic]) = ([], [])

    init(_ decoder: CaseRowDecoder, _ rows: [CSVTable.Row]) {
        let work = Unchecked(value: (decoder: decoder, rows: rows))
        DispatchQueue.global().async {
            self.result = work.value.decoder.decode(work.value.rows)
            self.done.signal()
        }
    }

    func wait() -> (cases: [CaseDecoding.Decoded], diagnostics: [Diagnostic]) {
        done.wait()
        return result
    }
}

/// Decodes learning-point rows one at a time, each joined to its case by id.
struct LearningRowDecoder {
    let shape: CSVTable
    let declared: Declarations
    private let plan: CSVTable.TreePlan
    private let absent: Set<String>
    private let caseColumn: Int?
    /// The header's names as the contract spells them.
    private let names: [String]
    /// The ids of the cases read.
    private let known: Set<String>
    /// How the cases' file or sheet is named in messages.
    private let casesName: String
    /// Whether the cases' ids could not be read at all (their column is missing):
    /// then no point's case is looked up, and ``unjoined`` counts them instead.
    private let idsUnread: Bool
    /// The points not joined to a case because the cases' ids could not be read.
    let unjoined = Counter()

    /// Counts the rows it is told of (learning rows are decoded on one thread).
    final class Counter {
        private(set) var value = 0
        func add() { value += 1 }
    }

    /// The one line that stands for every point ``unjoined`` counted, or `nil` when there is none.
    var unjoinedProblem: Diagnostic? {
        let count = unjoined.value
        guard count > 0 else { return nil }
        return .error(
            at: shape.location,
            "\(count) learning \(count == 1 ? "point" : "points") then \(count == 1 ? "names" : "name") no case that was read, as "
                + "\(casesName) has no id column; fix its header first")
    }

    init(shape: CSVTable, cases: CSVTable, known: Set<String>, idsUnread: Bool, declared: Declarations, log: DiagnosticLog) {
        self.shape = shape
        self.declared = declared
        self.known = known
        self.idsUnread = idsUnread
        casesName = cases.sheet.map { "sheet \($0)" } ?? cases.file
        let (columns, names, absent) = SpreadsheetHeader.check(
            shape, canonical: LearningCSVColumns.canonical,
            optional: LearningCSVColumns.optional, log: log)
        self.absent = absent
        self.names = names
        let caseColumn = names.firstIndex(of: "case")
        self.caseColumn = caseColumn
        plan = CSVTable.TreePlan(header: names, columns: columns.filter { $0 != caseColumn })
    }

    /// One row's point and the id of its case, or `nil` when the row has an error (in `log`).
    func decode(_ row: CSVTable.Row, log: DiagnosticLog) -> (caseID: String, point: LearningPoint)? {
        let before = log.errorCount
        var context = DecodeContext(log: log)
        context.absentColumns = SpreadsheetHeader.absent(absent, row, header: names)
        let point = CaseDecoder(context: context, declared: declared).learningPoint(
            FieldValue(row: CSVTable.RowTree(plan: plan, row: row, in: shape)), path: "")
        var caseID: String? = nil
        if let caseColumn, !row.refused.contains(caseColumn) {
            let location = shape.cellLocation(row: row.number, column: caseColumn)
            let id = row.cells[caseColumn].trimmingWhitespace()
            if id.isEmpty {
                log.error(at: location, field: "case", "required field is missing; expected the id of a case in \(casesName)")
            } else if idsUnread {
                unjoined.add()
                return nil
            } else if !known.contains(id) {
                log.error(
                    at: location, field: "case",
                    "\(id.quotedForDiagnostic) is not the id of any case in \(casesName); expected an id from its id column")
            } else {
                caseID = id
            }
        }
        guard let point, let caseID, log.errorCount == before else { return nil }
        return (caseID, point)
    }
}

/// What the decoding or reading threads share and only read (rows and their
/// decoder; the file system case files are read from).
struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
}
