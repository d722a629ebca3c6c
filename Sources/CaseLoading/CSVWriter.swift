/// The one writer of every CSV file panel-report makes (RFC 4180: cells separated
/// by commas, lines ending in LF, a final newline): the figures' data files and
/// `convert --to csv`.
public enum CSVWriter {
    /// One line of cells already made by ``cell(_:formulaSafe:)`` (or numbers).
    public static func line(_ cells: [String]) -> String {
        cells.joined(separator: ",") + "\n"
    }

    /// One text cell. It is quoted, with each quote doubled, when it holds a comma,
    /// a quote or a line break, or space at either end that a reader might trim.
    /// Characters are looked at scalar by scalar: a quote followed by an accent is
    /// still a quote to a spreadsheet.
    ///
    /// `formulaSafe`, for files published for people to open in a spreadsheet: a
    /// cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return would be run
    /// as a formula by Excel, LibreOffice or Google Sheets (`=HYPERLINK(…)`,
    /// `+cmd|…`), so it gets a single quote in front and is quoted (the OWASP rule
    /// against CSV injection): `'=1+1` is shown as text. `convert`'s files are
    /// panel-report's own input and must read back unchanged, so they are written
    /// without it.
    public static func cell(_ text: String, formulaSafe: Bool) -> String {
        let scalars = text.unicodeScalars
        let formula = formulaSafe && scalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true
        let needsQuotes =
            formula
            || scalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || scalars.first?.properties.isWhitespace == true || scalars.last?.properties.isWhitespace == true
        guard needsQuotes else { return text }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        if formula { quoted.append("'") }
        for scalar in scalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append(scalar) }
        }
        quoted.append("\"")
        return String(quoted)
    }
}
