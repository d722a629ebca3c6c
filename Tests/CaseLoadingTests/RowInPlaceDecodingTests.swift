import CaseLoading
import Testing

@testable import CaseValidation

/// A spreadsheet row is decoded in place (``CSVTable/RowTree``), without building its
/// tree; what that gives must be what decoding the built tree gives, problems and all.
@Suite struct RowInPlaceDecodingTests {
    /// Case rows, some broken, under headers that the header check would refuse
    /// (unknown columns, a column clashing with a dotted one, columns out of order),
    /// so that every way a row's mapping can look is decoded both ways.
    private static let headers = [
        CaseCSVColumns.canonical,
        CaseCSVColumns.canonical.reversed(),
        CaseCSVColumns.canonical + ["child", "colour", "harm.injuries.kind", "parents.extra"],
        ["child", "harm", "area.code", "themes.first"] + CaseCSVColumns.canonical + ["id"],
    ]

    private static func tables(sheet: String?) -> [CSVTable] {
        let cohort = CSVReader.read(TestCohort.csv, file: "Inputs/cases.csv").table!
        let canonical = Dictionary(uniqueKeysWithValues: zip(cohort.header, 0...))
        return headers.map { header in
            var rows: [CSVTable.Row] = []
            for n in 0..<60 {
                var cells = header.map { name in canonical[name].map { cohort.rows[n % 2].cells[$0] } ?? "x\(n % 3)" }
                // Break one cell in most rows: blank it, or write a value no field takes.
                let target = n % header.count
                switch n % 5 {
                case 0: cells[target] = ""
                case 1: cells[target] = " "
                case 2: cells[target] = "wrong;value;\u{200B}"
                case 3: cells[target] = "a;;b; a "
                default: break
                }
                rows.append(CSVTable.Row(number: n + 2, cells: cells))
            }
            return CSVTable(file: "Inputs/cases.csv", sheet: sheet, header: header, rows: rows, dataRowCount: rows.count)
        }
    }

    @Test(arguments: [nil, "cases"])
    func aRowDecodedInPlaceGivesWhatItsTreeGives(sheet: String?) {
        let declared = Declarations(
            areaCodes: ["A01", "A02"], ethnicities: ["White British", "Asian"],
            themeCodes: ["information-sharing", "domestic-abuse"])
        var problems: [String] = []
        for table in Self.tables(sheet: sheet) {
            let plan = CSVTable.TreePlan(header: table.header, columns: Array(table.header.indices))
            for row in table.rows {
                let row = CSVTable.RowTree(plan: plan, row: row, in: table)
                let treeLog = DiagnosticLog(), inPlaceLog = DiagnosticLog()
                let fromTree = CaseDecoding.decode(.located(row.tree()), context: DecodeContext(log: treeLog), declared: declared)
                let inPlace = CaseDecoding.decode(FieldValue(row: row), context: DecodeContext(log: inPlaceLog), declared: declared)
                #expect(inPlaceLog.items.map(\.description) == treeLog.items.map(\.description))
                #expect(inPlace.value == fromTree.value)
                #expect(inPlace.area == fromTree.area)
                #expect(inPlace.id?.id == fromTree.id?.id && inPlace.id?.location == fromTree.id?.location)
                let pointTreeLog = DiagnosticLog(), pointInPlaceLog = DiagnosticLog()
                let decoder = { (log: DiagnosticLog) in CaseDecoder(context: DecodeContext(log: log), declared: declared) }
                let pointFromTree = decoder(pointTreeLog).learningPoint(.located(row.tree()), path: "")
                let pointInPlace = decoder(pointInPlaceLog).learningPoint(FieldValue(row: row), path: "")
                #expect(pointInPlaceLog.items.map(\.description) == pointTreeLog.items.map(\.description))
                #expect(pointInPlace == pointFromTree)
                problems += (treeLog.items + pointTreeLog.items).map(\.description)
            }
        }
        // Unknown keys, clashes, missing and invalid fields were all among them.
        for kind in ["unknown key", "found a mapping of fields", "expected a mapping", "required field is missing", "is not a valid value"]
        {
            #expect(problems.contains { $0.contains(kind) }, "\(kind)")
        }
    }

    /// A cell's list items are split by bytes when it is ASCII: the same as by characters.
    @Test func cellItemsSplitByBytesAsByCharacters() {
        var texts = ["", ";", " ; ;", "a", "a;b", " a ; b ;", "a;;b", "\ta;\nb\r\n;c", "a\r\n;b", "x;\r;\n;y"]
        let pieces = ["a", "b c", " ", ";", "\t", "\r\n", "\r", "\n", "é", "e\u{301}", ";\u{301}", "\u{200B}", "日本", "x"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            texts.append((0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            #expect(ValueReader.cellItems(text) == ValueReader.cellItemsByCharacter(text), "\(text.debugDescription)")
        }
    }
}
