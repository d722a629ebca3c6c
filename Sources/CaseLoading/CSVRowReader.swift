import CaseModel

/// Reads a CSV file's bytes a row at a time, by the rules of ``CSVReader``: no text
/// of the whole file, no table of its cells. Each cell becomes a `String` once,
/// from its own bytes, and each row is handed over as it is read.
///
/// The bytes are checked as UTF-8 as they are scanned. Whatever it finds, the
/// reader ends with what reading the whole file first would give:
/// - a file that is not UTF-8 is refused with that diagnostic alone (the first byte
///   that is not, placed as a spreadsheet would), even when the bytes before it
///   gave other problems, or when its structure was refused before the byte;
/// - a file whose structure is refused part-way (a quote not closed, a cell or row
///   too many) ends with the problems found so far and the refusal;
/// - otherwise ``diagnostics`` holds the rows refused for their number of cells.
///
/// A caller that uses rows as they come must hold on to what it makes of them until
/// ``next()`` returns `nil`, and drop it if ``isRefused``: a refused file gives no
/// rows at all to ``CSVReader/read(_:file:limits:rowLimit:what:)``.
public struct CSVRowReader: IteratorProtocol {
    public typealias Element = CSVTable.Row

    private let bytes: [UInt8]
    public let file: String
    private let limits: LoadingLimits
    private let rowLimit: Int
    private let rowWhat: String
    /// Whether the bytes still need checking as UTF-8 (not for a Swift string's).
    private let checksEncoding: Bool

    /// The header cells, trimmed of surrounding spaces, once ``readHeader()`` (or
    /// ``next()``) has read them.
    public private(set) var header: [String]?
    /// Rows refused for their number of cells; when ``isRefused``, the problems found
    /// before the refusal and then the refusal (or only the encoding's refusal).
    public private(set) var diagnostics: [Diagnostic] = []
    /// Every non-blank row after the header read so far, including rows refused for their cell count.
    public private(set) var dataRowCount = 0
    /// Whether the file is refused as a whole: no row of it may be used.
    public private(set) var isRefused = false
    /// Whether it was refused for not being UTF-8 text (then it was never text, nor read).
    public private(set) var isNotText = false
    /// Whether the whole file has been read (or refused).
    public private(set) var isFinished = false

    /// The next byte to read.
    private var position = 0
    private var started = false
    /// The spreadsheet row number of the row being read.
    private var rowNumber = 1
    /// Bytes of a cell that cannot be taken as they stand (doubled quotes, CRLF), reused.
    private var scratch: [UInt8] = []

    /// A reader of a file's bytes: a UTF-16 file is refused, a UTF-8 byte-order mark skipped.
    public init(
        bytes: [UInt8], file: String, limits: LoadingLimits = .standard, rowLimit: Int? = nil,
        what: String = "case rows"
    ) {
        self.init(bytes, file: file, limits: limits, rowLimit: rowLimit, what: what, checksEncoding: true)
    }

    /// A reader of text already decoded: its bytes are UTF-8 and a byte-order mark in it is kept.
    public init(
        text: String, file: String, limits: LoadingLimits = .standard, rowLimit: Int? = nil,
        what: String = "case rows"
    ) {
        self.init(Array(text.utf8), file: file, limits: limits, rowLimit: rowLimit, what: what, checksEncoding: false)
    }

    private init(_ bytes: [UInt8], file: String, limits: LoadingLimits, rowLimit: Int?, what: String, checksEncoding: Bool) {
        self.bytes = bytes
        self.file = file
        self.limits = limits
        self.rowLimit = rowLimit ?? limits.maxCSVRows
        self.rowWhat = what
        self.checksEncoding = checksEncoding
    }

    /// The header, read if it has not been; `nil` when the file is refused (an empty
    /// file is, once the header is found missing).
    public mutating func readHeader() -> [String]? {
        if !started { start() }
        if header == nil, !isFinished {
            if let cells = scanRow() {
                header = cells.map { $0.trimmingWhitespace() }
                rowNumber += 1
            } else {
                finish()
            }
        }
        return isRefused ? nil : header
    }

    /// The next data row with as many cells as the header, or `nil` at the end of the
    /// file or when it is refused. Blank rows are skipped; a row with another number
    /// of cells is reported in ``diagnostics`` and skipped.
    public mutating func next() -> CSVTable.Row? {
        guard let header = readHeader() else { return nil }
        while !isFinished {
            guard let cells = scanRow() else {
                finish()
                return nil
            }
            let number = rowNumber
            rowNumber += 1
            if cells.allSatisfy(\.isBlankText) { continue }
            dataRowCount += 1
            if dataRowCount > rowLimit {
                refuse(.error(at: rowLocation(number), "the file has more than \(rowLimit) \(rowWhat); the file is refused"))
                return nil
            }
            if cells.count != header.count {
                diagnostics.append(
                    .error(at: rowLocation(number), "the row has \(cells.count) cells but the header has \(header.count) columns"))
                continue
            }
            return CSVTable.Row(number: number, cells: cells)
        }
        return nil
    }

    /// Reads every row into a table, or `nil` when the file is refused.
    public mutating func table() -> (table: CSVTable?, diagnostics: [Diagnostic]) {
        var rows: [CSVTable.Row] = []
        while let row = next() { rows.append(row) }
        guard !isRefused, let header else { return (nil, diagnostics) }
        return (CSVTable(file: file, header: header, rows: rows, dataRowCount: dataRowCount), diagnostics)
    }

    // MARK: - Reading

    private func rowLocation(_ number: Int) -> SourceLocation {
        SourceLocation(file: file, position: .csvRow(number))
    }

    private func cellLocation(_ index: Int) -> SourceLocation {
        let name = header.flatMap { index < $0.count && !$0[index].isEmpty ? $0[index] : nil } ?? "\(index + 1)"
        return SourceLocation(file: file, position: .csvCell(row: rowNumber, column: name))
    }

    /// What is decided before the first row: the encoding's mark, the line endings.
    private mutating func start() {
        started = true
        if checksEncoding {
            if let problem = CSVReader.utf16Refusal(bytes, file: file) {
                diagnostics = [problem]
                isRefused = true
                isNotText = true
                isFinished = true
                return
            }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }
        if firstRowEndsWithLoneCR() {
            // Old Mac line endings: read as cells, every row would run into the next.
            refuse(
                .error(
                    at: SourceLocation(file: file),
                    "the lines end with a carriage return only (old Mac line endings), so the file reads as one long row; save it as "
                        + "\"CSV UTF-8 (Comma delimited)\", or convert the line endings from CR to LF"
                ))
        }
    }

    /// Whether the header row ends in a CR with no LF after it (outside quotes):
    /// the file was saved with CR-only line endings.
    private func firstRowEndsWithLoneCR() -> Bool {
        var inQuotes = false
        var i = position
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes {
                if b == 0x0A { return false }
                if b == 0x0D { return i + 1 == n || bytes[i + 1] != 0x0A }
            }
            i += 1
        }
        return false
    }

    /// The end of the file: a file with no header is empty, and a one-column header
    /// with ";" or tabs in it is a file saved with another separator.
    private mutating func finish() {
        guard !isFinished else { return }
        guard let header else {
            refuse(.error(at: SourceLocation(file: file), "the file is empty; expected a header row and one row per case"))
            return
        }
        if header.count == 1, let separator = [";", "\t"].first(where: { header[0].contains($0) }) {
            let name = separator == ";" ? "semicolons" : "tabs"
            refuse(
                .error(
                    at: rowLocation(1),
                    "the header is one column with \(name) in it: the file seems to separate cells with \(name); save it as \"CSV UTF-8 (comma delimited)\""
                ))
            return
        }
        isFinished = true
    }

    /// Refuses the file. The whole file must be UTF-8 before its structure counts,
    /// so the bytes not yet read are checked first (all before them have been).
    private mutating func refuse(_ diagnostic: Diagnostic) {
        isRefused = true
        isFinished = true
        if checksEncoding, let offset = UTF8Text.firstInvalidOffset(bytes[position...]) {
            refuseEncoding(at: offset)
            return
        }
        diagnostics.append(diagnostic)
    }

    /// The length of the UTF-8 sequence starting at byte `offset` (not ASCII):
    /// 1 when the file's encoding was checked already; nil, and the file refused,
    /// when it is not valid UTF-8.
    @inline(__always)
    private mutating func nonASCIISize(at offset: Int) -> Int? {
        let size = checksEncoding ? UTF8Text.sequenceLength(bytes, at: offset, end: bytes.count) : 1
        if size == 0 {
            refuseEncoding(at: offset)
            return nil
        }
        return size
    }

    /// Refuses the file at a cell larger than the limit.
    private mutating func refuseTooLarge(cell index: Int) {
        refuse(.error(at: cellLocation(index), "the cell is larger than \(limits.maxCSVCellBytes) bytes; the file is refused"))
    }

    private mutating func refuseEncoding(at offset: Int) {
        diagnostics = [CSVReader.notUTF8(at: offset, in: bytes, file: file)]
        isRefused = true
        isNotText = true
        isFinished = true
    }

    /// The cells of the row that starts at ``position``, or `nil` at the end of the
    /// file or when the file is refused. Ends after the row's line break.
    private mutating func scanRow() -> [String]? {
        let n = bytes.count
        guard !isFinished, position < n else { return nil }
        var cells: [String] = []
        cells.reserveCapacity(header?.count ?? 8)
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var i = position
        while true {
            // A cell starts at i.
            var start = i, end = i
            var escaped = false
            if i < n, bytes[i] == quote {
                // Quoted: the cell's bytes run to the closing quote, and its length counts
                // a doubled quote once; too long a cell is refused as soon as it is.
                i += 1
                start = i
                var length = 0
                while true {
                    guard i < n else {
                        position = i
                        refuse(.error(at: cellLocation(cells.count), "a quoted cell is not closed before the end of the file"))
                        return nil
                    }
                    let b = bytes[i]
                    if b == quote {
                        if i + 1 < n, bytes[i + 1] == quote {
                            escaped = true
                            length += 1
                            i += 2
                            continue
                        }
                        end = i
                        i += 1
                        // Only a comma or the end of the row may follow a closing quote.
                        if i < n, bytes[i] != comma, bytes[i] != lf, !(bytes[i] == cr && i + 1 < n && bytes[i + 1] == lf) {
                            position = i
                            refuse(
                                .error(
                                    at: cellLocation(cells.count),
                                    "text follows the closing quote of a quoted cell; write a quote inside a quoted cell as two quotes (\"\")"
                                ))
                            return nil
                        }
                        break
                    }
                    if b < 0x80 {
                        if b == cr, i + 1 < n, bytes[i + 1] == lf { escaped = true }
                        length += 1
                        i += 1
                    } else {
                        guard let size = nonASCIISize(at: i) else { return nil }
                        length += size
                        i += size
                    }
                    if length > limits.maxCSVCellBytes {
                        position = i
                        refuseTooLarge(cell: cells.count)
                        return nil
                    }
                }
                // A doubled quote may have taken it past the limit just before the closing quote.
                if length > limits.maxCSVCellBytes {
                    position = i
                    refuseTooLarge(cell: cells.count)
                    return nil
                }
            } else {
                // Unquoted: the cell runs to a comma or the end of the row; a quote or a
                // lone CR in it is text.
                while i < n {
                    let b = bytes[i]
                    if b < 0x80 {
                        if b == comma || b == lf || (b == cr && i + 1 < n && bytes[i + 1] == lf) { break }
                        i += 1
                    } else {
                        guard let size = nonASCIISize(at: i) else { return nil }
                        i += size
                    }
                }
                end = i
                if end - start > limits.maxCSVCellBytes {
                    position = i
                    refuseTooLarge(cell: cells.count)
                    return nil
                }
            }
            cells.append(escaped ? unescaped(start, end) : String(decoding: bytes[start..<end], as: UTF8.self))
            if cells.count > limits.maxCSVColumns {
                position = i
                refuse(.error(at: rowLocation(rowNumber), "the row has more than \(limits.maxCSVColumns) cells; the file is refused"))
                return nil
            }
            // i is at the end of the file, a comma, or the row's LF or CRLF.
            if i >= n {
                position = i
                return cells
            }
            if bytes[i] == comma {
                i += 1
                continue
            }
            position = i + (bytes[i] == cr ? 2 : 1)
            return cells
        }
    }

    /// The text of a quoted cell's bytes `start..<end` with each doubled quote made
    /// one and each CRLF made LF.
    private mutating func unescaped(_ start: Int, _ end: Int) -> String {
        scratch.removeAll(keepingCapacity: true)
        var i = start
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                // Inside the quotes, a quote is always the first of a doubled pair.
                scratch.append(b)
                i += 2
                continue
            }
            if !(b == 0x0D && i + 1 < end && bytes[i + 1] == 0x0A) { scratch.append(b) }
            i += 1
        }
        return String(decoding: scratch, as: UTF8.self)
    }
}
