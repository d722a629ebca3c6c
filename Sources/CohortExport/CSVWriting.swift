/// RFC 4180 text: comma-separated cells, quoted where needed, LF line endings.
enum CSVWriting {
    static func text(_ header: [String], _ rows: [[SheetValue]]) -> String {
        var out = line(header)
        for row in rows { out += line(row.map(\.csvText)) }
        return out
    }

    private static func line(_ cells: [String]) -> String {
        cells.map(quoted).joined(separator: ",") + "\n"
    }

    /// The cell, in double quotes (inner quotes doubled) when it holds a comma, a
    /// quote, a line break, or space at either end that a reader might trim.
    static func quoted(_ cell: String) -> String {
        let needs = cell.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || cell.first?.isWhitespace == true || cell.last?.isWhitespace == true
        guard needs else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
