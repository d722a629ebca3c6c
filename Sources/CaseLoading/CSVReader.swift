/// A small RFC 4180 reader that keeps spreadsheet row numbers and enforces limits.
///
/// Cells are separated by commas and rows by LF or CRLF; a cell in double quotes may
/// hold commas, line breaks and doubled quotes (`""`). Line breaks inside cells are
/// returned as LF. Rows whose cells are all empty are skipped, as spreadsheets add them.
public enum CSVReader {
    /// The table, or `nil` when the file cannot be read as a whole; plus every problem found.
    public static func read(_ text: String, file: String, limits: LoadingLimits = .standard) -> (table: CSVTable?, diagnostics: [Diagnostic]) {
        var scanner = Scanner(bytes: Array(text.utf8), file: file, limits: limits)
        return scanner.run()
    }

    private struct Scanner {
        let bytes: [UInt8]
        let file: String
        let limits: LoadingLimits
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
                return refuse(.error(at: SourceLocation(file: file),
                    "the lines end with a carriage return only (old Mac line endings), so the file reads as one long row; save it as \"CSV UTF-8 (Comma delimited)\", or convert the line endings from CR to LF"))
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
                               !(bytes[i] == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A) {
                                return refuse(.error(at: cellLocation(cells.count),
                                    "text follows the closing quote of a quoted cell; write a quote inside a quoted cell as two quotes (\"\")"))
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
                    return refuse(.error(at: cellLocation(cells.count),
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
                return refuse(.error(at: SourceLocation(file: file, position: .csvRow(1)),
                                     "the header is one column with \(name) in it: the file seems to separate cells with \(name); save it as \"CSV UTF-8 (comma delimited)\""))
            }
            let table = CSVTable(file: file, header: header, rows: rows, dataRowCount: dataRowCount)
            return (table, diagnostics)
        }

        mutating func endCell(_ field: inout [UInt8], quoted: Bool) -> Diagnostic? {
            if field.count > limits.maxCSVCellBytes {
                return .error(at: cellLocation(cells.count), "the cell is larger than \(limits.maxCSVCellBytes) bytes; the file is refused")
            }
            var text = String(decoding: field, as: UTF8.self)
            if text.contains("\r\n") { text = text.replacingCRLF() }
            cells.append(text)
            field.removeAll(keepingCapacity: true)
            if cells.count > limits.maxCSVColumns {
                return .error(at: SourceLocation(file: file, position: .csvRow(rowNumber)),
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
                header = cells.map { $0.trimmingSpaces() }
                return nil
            }
            if cells.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { return nil }
            dataRowCount += 1
            if dataRowCount > limits.maxCSVRows {
                return .error(at: SourceLocation(file: file, position: .csvRow(rowNumber)),
                              "the file has more than \(limits.maxCSVRows) case rows; the file is refused")
            }
            if cells.count != header.count {
                diagnostics.append(.error(at: SourceLocation(file: file, position: .csvRow(rowNumber)),
                                          "the row has \(cells.count) cells but the header has \(header.count) columns"))
                return nil
            }
            rows.append(CSVTable.Row(number: rowNumber, cells: cells))
            return nil
        }
    }
}

extension String {
    func replacingCRLF() -> String {
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

    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
