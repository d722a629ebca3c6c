/// Reads one worksheet part into rows of cells, within the limits.
struct SheetReader {
    let name: String
    let shared: [String]
    let styles: Styles
    let limits: WorkbookLimits

    private var rows: [Workbook.Row] = []
    private var cellCount = 0

    init(name: String, shared: [String], styles: Styles, limits: WorkbookLimits) {
        self.name = name
        self.shared = shared
        self.styles = styles
        self.limits = limits
    }

    /// The cell being read: its place, type, format and what its children held.
    private struct OpenCell {
        var column: Int
        var row: Int
        var type: String
        var style: Int?
        var value: String?
        var inline: String?
        var formula: String?
    }

    private enum Gathering { case none, value, inlineText, formula }

    mutating func read(_ bytes: [UInt8], part: String) throws(WorkbookError) -> Workbook.Sheet {
        let xml = try XMLStream(bytes, part: part)
        var rowNumber = 0
        var rowCells: [Workbook.Cell] = []
        var rowOpen = false
        var lastColumn = -1
        var cell: OpenCell? = nil
        var gathering = Gathering.none
        var text = ""
        var phonetic = 0

        func finishRow(_ rows: inout [Workbook.Row]) throws(WorkbookError) {
            guard rowOpen else { return }
            rowOpen = false
            guard !rowCells.isEmpty else { return }
            if rows.count >= limits.maxRows {
                throw WorkbookError(sheet: name, "the sheet has more than \(limits.maxRows) rows with values; the workbook is refused")
            }
            rows.append(Workbook.Row(number: rowNumber, cells: rowCells.sorted { $0.column < $1.column }))
            rowCells = []
        }

        while let node = try xml.next() {
            switch node {
            case .start("row", let empty):
                try finishRow(&rows)
                let written = xml.attributes()["r"]
                if let written {
                    guard let number = Int(written), number > rowNumber, number <= 1_048_576 else {
                        throw WorkbookError(sheet: name, "a row is numbered \(written.debugDescription), which is not a row after row \(rowNumber); save the workbook again from the spreadsheet")
                    }
                    rowNumber = number
                } else {
                    rowNumber += 1
                }
                lastColumn = -1
                rowOpen = !empty
            case .end("row"):
                try finishRow(&rows)
            case .start("c", let empty):
                cellCount += 1
                if cellCount > limits.maxCells {
                    throw WorkbookError(sheet: name, "the sheet has more than \(limits.maxCells) cells; the workbook is refused")
                }
                let attributes = xml.attributes()
                var column = lastColumn + 1
                if let reference = attributes["r"] {
                    guard let place = CellReference.parse(reference), place.row == rowNumber else {
                        throw WorkbookError(sheet: name, "a cell in row \(rowNumber) has the reference \(reference.debugDescription), which is not a cell of that row; save the workbook again from the spreadsheet")
                    }
                    column = place.column
                }
                lastColumn = column
                if empty { continue }
                cell = OpenCell(column: column, row: rowNumber, type: attributes["t"] ?? "n",
                                style: attributes["s"].flatMap { Int($0) })
            case .end("c"):
                if let open = cell, let value = try value(of: open) {
                    if open.column >= limits.maxColumns {
                        throw WorkbookError(sheet: name, cell: CellReference.letters(open.column) + String(open.row),
                                            "the cell is beyond column \(limits.maxColumns) (\(CellReference.letters(limits.maxColumns - 1))); the workbook is refused")
                    }
                    rowCells.append(Workbook.Cell(column: open.column, row: open.row, value: value))
                }
                cell = nil
            case .start("v", let empty) where cell != nil:
                gathering = empty ? .none : .value
                text = ""
                if empty { cell?.value = "" }
            case .end("v") where cell != nil && gathering == .value:
                cell?.value = text
                gathering = .none
            case .start("f", let empty) where cell != nil:
                if cell?.formula == nil { cell?.formula = "" }
                gathering = empty ? .none : .formula
                text = ""
            case .end("f") where cell != nil && gathering == .formula:
                cell?.formula = text
                gathering = .none
            case .start("is", _) where cell != nil:
                if cell?.inline == nil { cell?.inline = "" }
            case .start("rPh", let empty) where cell != nil:
                if !empty { phonetic += 1 }
            case .end("rPh") where cell != nil:
                phonetic -= 1
            case .start("t", let empty) where cell?.inline != nil:
                gathering = empty || phonetic > 0 ? .none : .inlineText
                text = ""
            case .end("t") where gathering == .inlineText:
                cell?.inline? += text.decodingOOXMLEscapes()
                gathering = .none
            case .text(let piece) where gathering != .none:
                text += piece
                if text.utf8.count > limits.maxCellBytes, let open = cell {
                    throw WorkbookError(sheet: name, cell: CellReference.letters(open.column) + String(open.row),
                                        "the cell is larger than \(limits.maxCellBytes) bytes; the workbook is refused")
                }
            default:
                break
            }
        }
        try finishRow(&rows)
        return Workbook.Sheet(name: name, rows: rows)
    }

    /// What a finished cell holds, or `nil` when it is empty.
    private func value(of cell: OpenCell) throws(WorkbookError) -> Workbook.Value? {
        let reference = CellReference.letters(cell.column) + String(cell.row)
        func broken(_ what: String) -> WorkbookError {
            WorkbookError(sheet: name, cell: reference, "\(what); save the workbook again from the spreadsheet")
        }
        if cell.type == "inlineStr" {
            if let inline = cell.inline { return .text(inline) }
            if let value = cell.value { return .text(value) }
            return cell.formula.map { .formulaWithoutValue(formula: $0) }
        }
        guard let value = cell.value, !(value.isEmpty && cell.type != "str") else {
            return cell.formula.map { .formulaWithoutValue(formula: $0) }
        }
        switch cell.type {
        case "s":
            guard let index = Int(value), index >= 0, index < shared.count else {
                throw broken("the cell refers to shared string \(value.debugDescription), which the workbook does not have")
            }
            return .text(shared[index])
        case "str":
            return .text(value)
        case "b":
            switch value.trimmingWhitespace() {
            case "1", "true": return .boolean(true)
            case "0", "false": return .boolean(false)
            default: throw broken("the cell is marked as a boolean but holds \(value.debugDescription)")
            }
        case "e":
            return .error(value)
        case "d":
            return .date(value)
        case "n":
            let number = value.trimmingWhitespace()
            guard Double(number) != nil else { throw broken("the cell is marked as a number but holds \(value.debugDescription)") }
            return .number(number, dateFormat: styles.isDate(cell.style))
        default:
            throw broken("the cell has the unknown type \(cell.type.debugDescription)")
        }
    }
}

extension String {
    /// The text with Office Open XML's `_xHHHH_` escapes decoded: spreadsheets write
    /// characters XML cannot hold (control characters) that way, and a literal `_x`
    /// as `_x005F_x`. The decoded characters are then judged like any other text.
    func decodingOOXMLEscapes() -> String {
        guard utf8.contains(UInt8(ascii: "_")) else { return self }
        var out = String.UnicodeScalarView()
        let scalars = Array(unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "_", i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_",
               let value = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)...(i + 5)])), radix: 16),
               let scalar = Unicode.Scalar(value) {
                out.append(scalar)
                i += 7
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
