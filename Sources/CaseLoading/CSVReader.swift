import CaseModel

/// A small RFC 4180 reader that keeps spreadsheet row numbers and enforces limits.
///
/// Cells are separated by commas and rows by LF or CRLF; a cell in double quotes may
/// hold commas, line breaks and doubled quotes (`""`). Line breaks inside cells are
/// returned as LF. Rows whose cells are all empty are skipped, as spreadsheets add them.
///
/// The reading itself is ``CSVRowReader``'s, a row at a time over the file's bytes;
/// these read a whole table, for callers that want one (a figure's data, tests).
public enum CSVReader {
    /// The table, or `nil` when the file cannot be read as a whole; plus every problem found.
    /// `rowLimit` (``LoadingLimits/maxCSVRows`` unless given) bounds the rows below
    /// the header, which the message calls `what`.
    public static func read(
        _ text: String, file: String, limits: LoadingLimits = .standard,
        rowLimit: Int? = nil, what: String = "case rows"
    ) -> (table: CSVTable?, diagnostics: [Diagnostic]) {
        var reader = CSVRowReader(text: text, file: file, limits: limits, rowLimit: rowLimit, what: what)
        return reader.table()
    }

    /// The same from the file's bytes, as ``CSVRowReader`` reads them: a byte that is not
    /// UTF-8 refuses the file with ``text(_:file:)``'s diagnostic, and nothing else.
    public static func read(
        bytes: [UInt8], file: String, limits: LoadingLimits = .standard,
        rowLimit: Int? = nil, what: String = "case rows"
    ) -> (table: CSVTable?, diagnostics: [Diagnostic]) {
        var reader = CSVRowReader(bytes: bytes, file: file, limits: limits, rowLimit: rowLimit, what: what)
        return reader.table()
    }

    /// The text of a spreadsheet export, or a diagnostic that places its first byte
    /// that is not UTF-8 as a spreadsheet would (`row 4, column summary`) and names
    /// the encoding the file was most likely saved in.
    public static func text(_ bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
        if let problem = utf16Refusal(bytes, file: file) { return .failure(problem) }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let offset = UTF8Text.firstInvalidOffset(body) else {
            return .success(String(decoding: body, as: UTF8.self))
        }
        return .failure(notUTF8(at: offset, in: bytes, file: file))
    }

    /// The refusal of a file that starts with a UTF-16 byte-order mark, if it does.
    static func utf16Refusal(_ bytes: [UInt8], file: String) -> Diagnostic? {
        guard bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) else { return nil }
        return .error(
            at: SourceLocation(file: file),
            "not UTF-8 text: the file is saved as UTF-16 (\"Unicode Text\"); save it as \"CSV UTF-8 (Comma delimited)\"")
    }

    /// The refusal of a file whose first byte that is not UTF-8 is at `offset`.
    static func notUTF8(at offset: Int, in bytes: [UInt8], file: String) -> Diagnostic {
        let (row, column) = place(of: offset, in: bytes)
        let byte = bytes[offset]
        let hex = "0x" + String(byte, radix: 16, uppercase: true)
        // Bytes 0x80–0x9F are printable only in Windows-1252 (‘ ’ “ ” – € …); above
        // them, Windows-1252 and ISO 8859-1 agree, so either may be the cause.
        let guess = (0x80...0x9F).contains(byte) ? "Windows-1252" : "Windows-1252 or ISO 8859-1 (Latin-1)"
        let shown = windows1252(byte).map { " (\"\($0)\" in Windows-1252)" } ?? ""
        return .error(
            at: SourceLocation(file: file, position: .csvCell(row: row, column: column)),
            "not UTF-8 text: byte \(hex)\(shown) at byte offset \(offset); saved as \(guess)? save it as \"CSV UTF-8 (Comma delimited)\"")
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
                if row == 1 { header.append(String(decoding: field, as: UTF8.self).trimmingWhitespace()) }
                field.removeAll()
                column += 1
            } else if !inQuotes && b == 0x0A {
                if row == 1 { header.append(String(decoding: field, as: UTF8.self).trimmingWhitespace()) }
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
}

extension String {
    /// Whether every character is whitespace (so `""` is): `allSatisfy(\.isWhitespace)`,
    /// answered from the bytes when they are ASCII, as nearly every cell's are.
    public var isBlankText: Bool {
        for byte in utf8 {
            // A character's whitespace is its first scalar's, and no whitespace scalar
            // starts a character that holds a visible ASCII one: one such byte settles it.
            if byte >= 0x80 { return allSatisfy(\.isWhitespace) }
            if !byte.isASCIIWhitespace { return false }
        }
        return true
    }
}
