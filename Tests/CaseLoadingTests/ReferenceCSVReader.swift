import CaseLoading

/// The CSV reader as it was before it read a row at a time (commit 3116d2c), kept
/// word for word as the reference the row reader must agree with: the whole file
/// checked as UTF-8 into a String, then every cell of every row read into a table.
///
/// Cells are separated by commas and rows by LF or CRLF; a cell in double quotes may
/// hold commas, line breaks and doubled quotes (`""`). Line breaks inside cells are
/// returned as LF. Rows whose cells are all empty are skipped, as spreadsheets add them.
enum ReferenceCSVReader {
    /// The table, or `nil` when the file cannot be read as a whole; plus every problem found.
    /// `rowLimit` (``LoadingLimits/maxCSVRows`` unless given) bounds the rows below
    /// the header, which the message calls `what`.
    static func read(
        _ text: String, file: String, limits: LoadingLimits = .standard,
        rowLimit: Int? = nil, what: String = "case rows"
    ) -> (table: CSVTable?, diagnostics: [Diagnostic]) {
        var scanner = Scanner(bytes: Array(text.utf8), file: file, limits: limits)
        scanner.rowLimit = rowLimit ?? limits.maxCSVRows
        scanner.rowWhat = what
        return scanner.run()
    }

    /// The text of a spreadsheet export, or a diagnostic that places its first byte
    /// that is not UTF-8 as a spreadsheet would (`row 4, column summary`) and names
    /// the encoding the file was most likely saved in.
    static func text(_ bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .failure(
                .error(
                    at: SourceLocation(file: file),
                    "not UTF-8 text: the file is saved as UTF-16 (\"Unicode Text\"); save it as \"CSV UTF-8 (Comma delimited)\""))
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let offset = firstInvalidOffset(body) else {
            return .success(String(decoding: body, as: UTF8.self))
        }
        let (row, column) = place(of: offset, in: bytes)
        let byte = bytes[offset]
        let hex = "0x" + String(byte, radix: 16, uppercase: true)
        // Bytes 0x80–0x9F are printable only in Windows-1252 (‘ ’ “ ” – € …); above
        // them, Windows-1252 and ISO 8859-1 agree, so either may be the cause.
        let guess = (0x80...0x9F).contains(byte) ? "Windows-1252" : "Windows-1252 or ISO 8859-1 (Latin-1)"
        let shown = windows1252(byte).map { " (\"\($0)\" in Windows-1252)" } ?? ""
        return .failure(
            .error(
                at: SourceLocation(file: file, position: .csvCell(row: row, column: column)),
                "not UTF-8 text: byte \(hex)\(shown) at byte offset \(offset); saved as \(guess)? save it as \"CSV UTF-8 (Comma delimited)\""
            ))
    }

    /// The spreadsheet row and column name of the cell holding byte `offset`, found
    /// by reading the cells before it with the same quoting rules.
    static func place(of offset: Int, in bytes: [UInt8]) -> (row: Int, column: String) {
        var row = 1, column = 0, inQuotes = false
        var header: [String] = [], field: [UInt8] = []
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < offset {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes && b == UInt8(ascii: ",") {
                if row == 1 { header.append(String(decoding: field, as: UTF8.self).referenceTrimmingSpaces()) }
                field.removeAll()
                column += 1
            } else if !inQuotes && b == 0x0A {
                if row == 1 { header.append(String(decoding: field, as: UTF8.self).referenceTrimmingSpaces()) }
                field.removeAll()
                row += 1
                column = 0
            } else if b != 0x0D || inQuotes {
                field.append(b)
            }
            i += 1
        }
        if row == 1 {
            // The byte is in the header itself: name the column by its number.
            return (1, "\(column + 1)")
        }
        if row > 1, header.isEmpty {
            return (row, "\(column + 1)")
        }
        // The header is read only up to the byte; finish it for the column's name.
        if row > 1, column < header.count, !header[column].isEmpty { return (row, header[column]) }
        return (row, "\(column + 1)")
    }

    /// The character a byte 0x80–0xFF stands for in Windows-1252, if any.
    static func windows1252(_ byte: UInt8) -> String? {
        let table: [UInt8: UInt32] = [
            0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
            0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
            0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
            0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
        ]
        let value: UInt32? = byte >= 0xA0 ? UInt32(byte) : table[byte]
        return value.flatMap(Unicode.Scalar.init).map { String($0) }
    }

    private struct Scanner {
        let bytes: [UInt8]
        let file: String
        let limits: LoadingLimits
        var rowLimit: Int
        var rowWhat = "case rows"
        var header: [String]? = nil
        var rows: [CSVTable.Row] = []
        var dataRowCount = 0
        var diagnostics: [Diagnostic] = []
        var rowNumber = 1
        var cells: [String] = []

        init(bytes: [UInt8], file: String, limits: LoadingLimits) {
            self.bytes = bytes
            self.file = file
            self.limits = limits
            self.rowLimit = limits.maxCSVRows
        }

        /// Whether the header row ends in a CR with no LF after it (outside quotes):
        /// the file was saved with CR-only line endings.
        func firstRowEndsWithLoneCR() -> Bool {
            var inQuotes = false
            for (i, b) in bytes.enumerated() {
                if b == UInt8(ascii: "\"") { inQuotes.toggle() }
                if inQuotes { continue }
                if b == 0x0A { return false }
                if b == 0x0D { return i + 1 == bytes.count || bytes[i + 1] != 0x0A }
            }
            return false
        }

        func columnName(_ index: Int) -> String {
            if let header, index < header.count, !header[index].isEmpty { return header[index] }
            return "\(index + 1)"
        }

        func cellLocation(_ index: Int) -> SourceLocation {
            SourceLocation(file: file, position: .csvCell(row: rowNumber, column: columnName(index)))
        }

        mutating func refuse(_ diagnostic: Diagnostic) -> (table: CSVTable?, diagnostics: [Diagnostic]) {
            diagnostics.append(diagnostic)
            return (nil, diagnostics)
        }

        mutating func run() -> (table: CSVTable?, diagnostics: [Diagnostic]) {
            if firstRowEndsWithLoneCR() {
                // Old Mac line endings: read as cells, every row would run into the next.
                return refuse(
                    .error(
                        at: SourceLocation(file: file),
                        "the lines end with a carriage return only (old Mac line endings), so the file reads as one long row; save it as \"CSV UTF-8 (Comma delimited)\", or convert the line endings from CR to LF"
                    ))
            }
            var i = 0
            let n = bytes.count
            var field: [UInt8] = []
            var atFieldStart = true
            var quoted = false
            var inQuotes = false
            var quoteRow = 0

            while i < n {
                let b = bytes[i]
                if inQuotes {
                    if b == UInt8(ascii: "\"") {
                        if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\"") {
                            field.append(b)
                            i += 2
                        } else {
                            inQuotes = false
                            i += 1
                            // Only a comma or the end of the row may follow a closing quote.
                            if i < n, bytes[i] != UInt8(ascii: ","), bytes[i] != 0x0A,
                                !(bytes[i] == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A)
                            {
                                return refuse(
                                    .error(
                                        at: cellLocation(cells.count),
                                        "text follows the closing quote of a quoted cell; write a quote inside a quoted cell as two quotes (\"\")"
                                    ))
                            }
                        }
                        continue
                    }
                    field.append(b)
                    i += 1
                } else if b == UInt8(ascii: "\""), atFieldStart {
                    inQuotes = true
                    quoted = true
                    quoteRow = rowNumber
                    atFieldStart = false
                    i += 1
                    continue
                } else if b == UInt8(ascii: ",") {
                    if let problem = endCell(&field, quoted: quoted) { return refuse(problem) }
                    atFieldStart = true
                    quoted = false
                    i += 1
                    continue
                } else if b == 0x0A || (b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A) {
                    if let problem = endCell(&field, quoted: quoted) { return refuse(problem) }
                    if let problem = endRow() { return refuse(problem) }
                    atFieldStart = true
                    quoted = false
                    i += b == 0x0D ? 2 : 1
                    continue
                } else {
                    field.append(b)
                    atFieldStart = false
                    i += 1
                }
                if field.count > limits.maxCSVCellBytes {
                    return refuse(
                        .error(
                            at: cellLocation(cells.count),
                            "the cell is larger than \(limits.maxCSVCellBytes) bytes; the file is refused"))
                }
            }
            if inQuotes {
                rowNumber = quoteRow
                return refuse(.error(at: cellLocation(cells.count), "a quoted cell is not closed before the end of the file"))
            }
            if !field.isEmpty || quoted || !cells.isEmpty {
                if let problem = endCell(&field, quoted: quoted) { return refuse(problem) }
                if let problem = endRow() { return refuse(problem) }
            }
            guard let header else {
                return refuse(.error(at: SourceLocation(file: file), "the file is empty; expected a header row and one row per case"))
            }
            // A spreadsheet saved with ";" or tabs between cells reads as one column.
            if header.count == 1, let separator = [";", "\t"].first(where: { header[0].contains($0) }) {
                let name = separator == ";" ? "semicolons" : "tabs"
                return refuse(
                    .error(
                        at: SourceLocation(file: file, position: .csvRow(1)),
                        "the header is one column with \(name) in it: the file seems to separate cells with \(name); save it as \"CSV UTF-8 (comma delimited)\""
                    ))
            }
            let table = CSVTable(file: file, header: header, rows: rows, dataRowCount: dataRowCount)
            return (table, diagnostics)
        }

        mutating func endCell(_ field: inout [UInt8], quoted: Bool) -> Diagnostic? {
            if field.count > limits.maxCSVCellBytes {
                return .error(at: cellLocation(cells.count), "the cell is larger than \(limits.maxCSVCellBytes) bytes; the file is refused")
            }
            var text = String(decoding: field, as: UTF8.self)
            if text.contains("\r\n") { text = text.referenceReplacingCRLF() }
            cells.append(text)
            field.removeAll(keepingCapacity: true)
            if cells.count > limits.maxCSVColumns {
                return .error(
                    at: SourceLocation(file: file, position: .csvRow(rowNumber)),
                    "the row has more than \(limits.maxCSVColumns) cells; the file is refused")
            }
            return nil
        }

        mutating func endRow() -> Diagnostic? {
            defer {
                cells.removeAll(keepingCapacity: true)
                rowNumber += 1
            }
            guard let header else {
                header = cells.map { $0.referenceTrimmingSpaces() }
                return nil
            }
            if cells.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { return nil }
            dataRowCount += 1
            if dataRowCount > rowLimit {
                return .error(
                    at: SourceLocation(file: file, position: .csvRow(rowNumber)),
                    "the file has more than \(rowLimit) \(rowWhat); the file is refused")
            }
            if cells.count != header.count {
                diagnostics.append(
                    .error(
                        at: SourceLocation(file: file, position: .csvRow(rowNumber)),
                        "the row has \(cells.count) cells but the header has \(header.count) columns"))
                return nil
            }
            rows.append(CSVTable.Row(number: rowNumber, cells: cells))
            return nil
        }
    }
}

extension ReferenceCSVReader {
    /// What the old loader got from a file's bytes: the text, then the table.
    static func read(
        bytes: [UInt8], file: String, limits: LoadingLimits = .standard, rowLimit: Int? = nil,
        what: String = "case rows"
    ) -> (table: CSVTable?, diagnostics: [Diagnostic]) {
        switch text(bytes, file: file) {
        case .failure(let problem): return (nil, [problem])
        case .success(let text): return read(text, file: file, limits: limits, rowLimit: rowLimit, what: what)
        }
    }

    static func firstInvalidOffset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return i
            }
            for k in 1..<length {
                let at = i + k
                guard at < end else { return i }
                let c = bytes[at]
                let lo: UInt8 = k == 1 ? low : 0x80, hi: UInt8 = k == 1 ? high : 0xBF
                if c < lo || c > hi { return i }
            }
            i += length
        }
        return nil
    }
}

extension String {
    fileprivate func referenceReplacingCRLF() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for scalar in unicodeScalars {
            if previousCR, scalar != "\n" { out.unicodeScalars.append("\r") }
            previousCR = scalar == "\r"
            if !previousCR { out.unicodeScalars.append(scalar) }
        }
        if previousCR { out.unicodeScalars.append("\r") }
        return out
    }

    fileprivate func referenceTrimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
