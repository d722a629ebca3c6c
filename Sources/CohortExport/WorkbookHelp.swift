import CaseLoading
import CaseModel

/// What a workbook written by `convert --to xlsx` offers the person filling it in:
/// a drop-down list for every coded single-value column (its values in a `codes`
/// sheet, which the loader ignores like any other sheet), and for every column a
/// short note, shown when a cell of it is selected, of what the column holds.
struct WorkbookHelp {
    /// A column's list of allowed values: where they are in the `codes` sheet.
    struct List {
        /// The column of the `codes` sheet (0 for A) and how many values it holds below its header.
        var column: Int
        var count: Int
        /// `codes!$A$2:$A$7`.
        var formula: String { "codes!$\(CSVTable.letters(column))$2:$\(CSVTable.letters(column))$\(count + 1)" }
    }

    /// The `codes` sheet: one column per coded field, its name then its values (booleans and numbers as such).
    let codes: (header: [String], rows: [[SheetValue]])
    /// The list of each coded single-value column of the cases sheet, by column name.
    let lists: [String: List]
    /// The list of the learning sheet's theme column: the themes' codes.
    let learningLists: [String: List]
    /// The note for each column of a sheet, by column name: a title (at most 32
    /// characters, a spreadsheet's limit) and the text (at most 255).
    let notes: [String: (title: String, text: String)]

    init(_ fields: [CodedField], themes: [CodedField.Value]) {
        var header: [String] = []
        var columns: [[SheetValue]] = []
        var lists: [String: List] = [:]
        var notes: [String: (title: String, text: String)] = [:]
        var themesColumn: List?
        for field in fields {
            let keys = field.values.map(\.key)
            let shown = Self.fitting(keys, within: 150)
            switch field.kind {
            case .single:
                lists[field.name] = List(column: header.count, count: keys.count)
                header.append(field.name)
                columns.append(field.values.map { Self.cell(field, $0.key) })
                notes[field.name] = (
                    Self.title(field.name),
                    "Choose from the list\(field.optional ? ", or leave empty where the contract allows it" : ""): \(shown)."
                )
            case .list:
                if field.name == "themes" { themesColumn = List(column: header.count, count: keys.count) }
                header.append(field.name)
                columns.append(keys.map { .text($0) })
                notes[field.name] = (
                    Self.title(field.name),
                    "One or more of these, with ; between them (no commas): \(shown). The codes sheet lists them all."
                )
            }
        }
        let height = columns.map(\.count).max() ?? 0
        codes = (header, (0..<height).map { row in columns.map { row < $0.count ? $0[row] : .empty } })
        self.lists = lists
        learningLists = themesColumn.map { ["theme": $0] } ?? [:]
        notes["id"] = ("id", "The case's id: 1 to 32 letters, digits, - or _, with no spaces. Each case has its own.")
        notes["summary"] = ("summary", "The case summary, as the report may quote it: plain text.")
        let themeKeys = Self.fitting(themes.map(\.key), within: 150)
        notes["case"] = ("case", "The id of the case this learning point is about, as in the cases sheet's id column.")
        notes["theme"] = ("theme", "The code of one theme: \(themeKeys).")
        notes["text"] = ("text", "The learning point, as the report may quote it: plain text.")
        notes["publishable"] = ("publishable", "TRUE if the learning point may be published, FALSE if not.")
        self.notes = notes
    }

    /// A coded field's value as a cell of its own column would hold it: a yes/no as a boolean, an age as a number.
    private static func cell(_ field: CodedField, _ key: String) -> SheetValue {
        if key == "true" || key == "false", field.values.count == 2 { return .boolean(key == "true") }
        if let number = Int(key), String(number) == key, field.name == "child.age_months" { return .number(number) }
        return .text(key)
    }

    /// A column name cut to a spreadsheet's 32-character limit on a note's title.
    private static func title(_ name: String) -> String { name.count <= 32 ? name : String(name.prefix(31)) + "…" }

    /// The keys joined with ", ", as many as fit in `limit` characters, then how many more.
    static func fitting(_ keys: [String], within limit: Int) -> String {
        var shown: [String] = []
        var length = 0
        for (index, key) in keys.enumerated() {
            let rest = keys.count - index
            let more = rest > 1 ? " and \(rest - 1) more" : ""
            if length + key.count + 2 + more.count > limit {
                return shown.joined(separator: ", ") + " and \(rest) more"
            }
            shown.append(key)
            length += key.count + 2
        }
        return shown.joined(separator: ", ")
    }
}
