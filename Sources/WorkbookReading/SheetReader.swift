/// Reads one worksheet part, within the limits, handing over each row as soon as
/// it ends: nothing but the row being read is held.
///
/// It works on libxml2's bytes: element names are compared as bytes, a cell's
/// reference, type and format are read from the attribute's bytes, and a string is
/// made only for what a cell holds. (Its state is one struct, changed once per
/// event, rather than the handler's own properties, each access of which Swift
/// would check for exclusivity.)
final class SheetReader: XMLHandler {
    /// Behind a pointer: Swift checks each access to a class's stored property for
    /// exclusivity at run time, and there are tens of millions of events.
    private let state: UnsafeMutablePointer<SheetState>

    init(name: String, shared: [String], styles: Styles, limits: WorkbookLimits, row emit: @escaping (Workbook.Row) -> Void) {
        state = .allocate(capacity: 1)
        state.initialize(to: SheetState(name: name, shared: shared, styles: styles, limits: limits, emit: emit))
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Hands over the last row; call when the part has been read without error.
    func finish() throws(WorkbookError) {
        try state.pointee.finishRow()
    }

    /// What the sheet hides and merges (known once the part has been read).
    var layout: Workbook.Layout { state.pointee.layout }

    override func start(_ element: XMLName, _ attributes: XMLAttributes) throws(WorkbookError) {
        try state.pointee.start(element, attributes)
    }

    override func end(_ element: XMLName) throws(WorkbookError) {
        try state.pointee.end(element)
    }

    override func text(_ piece: UnsafeBufferPointer<UInt8>) throws(WorkbookError) {
        try state.pointee.text(piece)
    }

    /// What `Int(String)` reads from an attribute's text: an optional sign, then
    /// digits; `nil` for anything else or a number too large.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return Int(XMLAttributes.decoded(bytes))
        }
        var value = 0
        for byte in bytes { value = value * 10 + Int(byte - 0x30) }
        return value
    }
}

private struct SheetState: ~Copyable {
    let name: String
    let shared: [String]
    let styles: Styles
    let limits: WorkbookLimits
    let emit: (Workbook.Row) -> Void

    init(name: String, shared: [String], styles: Styles, limits: WorkbookLimits, emit: @escaping (Workbook.Row) -> Void) {
        self.name = name
        self.shared = shared
        self.styles = styles
        self.limits = limits
        self.emit = emit
    }

    /// Rows handed over so far.
    private var rowCount = 0
    private var cellCount = 0

    /// A cell's `t` attribute.
    private enum CellType: Equatable {
        case number, shared, string, inlineString, boolean, error, date
        /// Any other type, as written (refused if the cell holds a value).
        case other(String)

        init(_ bytes: UnsafeBufferPointer<UInt8>?) {
            guard let bytes else {
                self = .number
                return
            }
            switch bytes.count {
            case 1:
                switch bytes[0] {
                case UInt8(ascii: "s"):
                    self = .shared
                    return
                case UInt8(ascii: "n"):
                    self = .number
                    return
                case UInt8(ascii: "b"):
                    self = .boolean
                    return
                case UInt8(ascii: "e"):
                    self = .error
                    return
                case UInt8(ascii: "d"):
                    self = .date
                    return
                default: break
                }
            case 3 where XMLName.equal(bytes, "str"):
                self = .string
                return
            case 9 where XMLName.equal(bytes, "inlineStr"):
                self = .inlineString
                return
            default:
                break
            }
            self = .other(XMLAttributes.decoded(bytes))
        }
    }

    /// The cell being read: its place, type, format and what its children held.
    private struct OpenCell {
        var column: Int
        var row: Int
        var type: CellType
        var style: Int?
        var value: String?
        var inline: String?
        var formula: String?
    }

    private enum Gathering { case none, value, inlineText, formula }

    private var rowNumber = 0
    private var rowCells: [Workbook.Cell] = []
    private var rowOpen = false
    private var rowHidden = false
    /// What the sheet hides and merges, gathered as the part is read.
    private(set) var layout = Workbook.Layout()
    /// `col` and `mergeCell` elements read, bounded like cells.
    private var layoutCount = 0
    private var lastColumn = -1
    private var cell: OpenCell? = nil
    private var gathering = Gathering.none
    /// The text being gathered, as UTF-8.
    private var text: [UInt8] = []
    private var phonetic = 0

    mutating func finishRow() throws(WorkbookError) {
        guard rowOpen else { return }
        rowOpen = false
        guard !rowCells.isEmpty else { return }
        if rowCount >= limits.maxRows {
            throw WorkbookError(sheet: name, "the sheet has more than \(limits.maxRows) rows with values; the workbook is refused")
        }
        rowCount += 1
        if rowHidden { layout.hiddenRows.append(rowNumber) }
        var row = Workbook.Row(number: rowNumber, cells: [])
        swap(&row.cells, &rowCells)
        if !Self.inOrder(row.cells) { row.cells.sort { $0.column < $1.column } }
        emit(row)
        swap(&row.cells, &rowCells)
        rowCells.removeAll(keepingCapacity: true)
    }

    private static func inOrder(_ cells: [Workbook.Cell]) -> Bool {
        var previous = Int.min
        for cell in cells {
            if cell.column < previous { return false }
            previous = cell.column
        }
        return true
    }

    mutating func start(_ element: XMLName, _ attributes: XMLAttributes) throws(WorkbookError) {
        if element == "c" {
            cellCount += 1
            if cellCount > limits.maxCells {
                throw WorkbookError(sheet: name, "the sheet has more than \(limits.maxCells) cells; the workbook is refused")
            }
            var column = lastColumn + 1
            if let reference = attributes.raw("r") {
                guard let place = CellReference.parse(reference), place.row == rowNumber else {
                    throw WorkbookError(
                        sheet: name,
                        "a cell in row \(rowNumber) has the reference \(XMLAttributes.decoded(reference).debugDescription), which is "
                            + "not a cell of that row; save the workbook again from the spreadsheet"
                    )
                }
                column = place.column
            }
            lastColumn = column
            cell = OpenCell(
                column: column, row: rowNumber, type: CellType(attributes.raw("t")),
                style: attributes.raw("s").flatMap(SheetReader.integer))
        } else if element == "row" {
            try finishRow()
            if let written = attributes.raw("r") {
                guard let number = SheetReader.integer(written), number > rowNumber, number <= 1_048_576 else {
                    throw WorkbookError(
                        sheet: name,
                        "a row is numbered \(XMLAttributes.decoded(written).debugDescription), which is not a row after row "
                            + "\(rowNumber); save the workbook again from the spreadsheet"
                    )
                }
                rowNumber = number
            } else {
                rowNumber += 1
            }
            lastColumn = -1
            rowOpen = true
            rowHidden = attributes.raw("hidden").map(Self.isTrue) ?? false
        } else if cell != nil {
            if element == "v" {
                gathering = .value
                text.removeAll(keepingCapacity: true)
            } else if element == "t" {
                guard cell?.inline != nil else { return }
                gathering = phonetic > 0 ? .none : .inlineText
                text.removeAll(keepingCapacity: true)
            } else if element == "f" {
                if cell?.formula == nil { cell?.formula = "" }
                gathering = .formula
                text.removeAll(keepingCapacity: true)
            } else if element == "is" {
                if cell?.inline == nil { cell?.inline = "" }
            } else if element == "rPh" {
                phonetic += 1
            }
        } else if element == "col" {
            try countLayout()
            guard attributes.raw("hidden").map(Self.isTrue) == true,
                let first = attributes.raw("min").flatMap(SheetReader.integer),
                let last = attributes.raw("max").flatMap(SheetReader.integer), first >= 1, last >= first
            else { return }
            layout.hiddenColumns.append((first - 1)...(last - 1))
        } else if element == "mergeCell" {
            try countLayout()
            guard let written = attributes.string("ref") else { return }
            let ends = written.split(separator: ":", omittingEmptySubsequences: false)
            guard ends.count == 2, let first = CellReference.parse(String(ends[0])), let last = CellReference.parse(String(ends[1])),
                first.column <= last.column, first.row <= last.row
            else {
                throw WorkbookError(
                    sheet: name,
                    "the sheet merges the cells \(written.debugDescription), which is not a range of cells; save the workbook "
                        + "again from the spreadsheet")
            }
            layout.merged.append(Workbook.MergedRange(columns: first.column...last.column, rows: first.row...last.row))
        }
    }

    /// Counts a `col` or `mergeCell` element against the cell limit: each is held until the sheet ends.
    private mutating func countLayout() throws(WorkbookError) {
        layoutCount += 1
        if layoutCount > limits.maxCells {
            throw WorkbookError(sheet: name, "the sheet has more than \(limits.maxCells) column or merge entries; the workbook is refused")
        }
    }

    /// Whether an XML boolean attribute says true (`1` or `true`).
    private static func isTrue(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        XMLName.equal(bytes, "1") || XMLName.equal(bytes, "true")
    }

    mutating func end(_ element: XMLName) throws(WorkbookError) {
        if element == "c" {
            if let open = cell, let value = try value(of: open) {
                if open.column >= limits.maxColumns {
                    throw WorkbookError(
                        sheet: name, cell: CellReference.letters(open.column) + String(open.row),
                        "the cell is beyond column \(limits.maxColumns) (\(CellReference.letters(limits.maxColumns - 1))); the workbook is refused"
                    )
                }
                rowCells.append(Workbook.Cell(column: open.column, row: open.row, value: value))
            }
            cell = nil
        } else if element == "t" {
            guard gathering == .inlineText else { return }
            cell?.inline? += String(decoding: text, as: UTF8.self).decodingOOXMLEscapes()
            gathering = .none
        } else if element == "v" {
            guard cell != nil, gathering == .value else { return }
            cell?.value = String(decoding: text, as: UTF8.self)
            gathering = .none
        } else if element == "row" {
            try finishRow()
        } else if element == "f" {
            guard cell != nil, gathering == .formula else { return }
            cell?.formula = String(decoding: text, as: UTF8.self)
            gathering = .none
        } else if element == "rPh" {
            if cell != nil { phonetic -= 1 }
        }
    }

    mutating func text(_ piece: UnsafeBufferPointer<UInt8>) throws(WorkbookError) {
        guard gathering != .none else { return }
        text.append(contentsOf: piece)
        if text.count > limits.maxCellBytes, let open = cell {
            throw WorkbookError(
                sheet: name, cell: CellReference.letters(open.column) + String(open.row),
                "the cell is larger than \(limits.maxCellBytes) bytes; the workbook is refused")
        }
    }

    /// What a finished cell holds, or `nil` when it is empty.
    private func value(of cell: OpenCell) throws(WorkbookError) -> Workbook.Value? {
        func broken(_ what: String) -> WorkbookError {
            WorkbookError(
                sheet: name, cell: CellReference.letters(cell.column) + String(cell.row),
                "\(what); save the workbook again from the spreadsheet")
        }
        if cell.type == .inlineString {
            if let inline = cell.inline { return .text(inline) }
            if let value = cell.value { return .text(value) }
            return cell.formula.map { .formulaWithoutValue(formula: $0) }
        }
        guard let value = cell.value, !(value.isEmpty && cell.type != .string) else {
            return cell.formula.map { .formulaWithoutValue(formula: $0) }
        }
        switch cell.type {
        case .shared:
            guard let index = Int(value), index >= 0, index < shared.count else {
                throw broken("the cell refers to shared string \(value.debugDescription), which the workbook does not have")
            }
            return .text(shared[index])
        case .string:
            return .text(value)
        case .boolean:
            switch value {
            case "1": return .boolean(true)
            case "0": return .boolean(false)
            default: break
            }
            switch value.trimmingWhitespace() {
            case "1", "true": return .boolean(true)
            case "0", "false": return .boolean(false)
            default: throw broken("the cell is marked as a boolean but holds \(value.debugDescription)")
            }
        case .error:
            return .error(value)
        case .date:
            return .date(value)
        case .number:
            let number = value.trimmingWhitespace()
            guard Double(number) != nil else { throw broken("the cell is marked as a number but holds \(value.debugDescription)") }
            return .number(number, dateFormat: styles.isDate(cell.style))
        case .inlineString:
            return nil  // answered above
        case .other(let type):
            throw broken("the cell has the unknown type \(type.debugDescription)")
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
                let scalar = Unicode.Scalar(value)
            {
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
        // Most values have nothing to trim: an ASCII letter or digit at each end.
        if let first = utf8.first, let last = utf8.last, Self.isPlainASCII(first), Self.isPlainASCII(last) { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// A visible ASCII character: neither white space nor the start of anything else.
    private static func isPlainASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
}
