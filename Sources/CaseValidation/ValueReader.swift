import CaseLoading
import CaseModel

/// Reads single values out of located values, reporting what is wrong and what would be valid.
struct ValueReader {
    let log: DiagnosticLog

    static let booleanWords = "one of: true, false, yes, no"

    /// Trimmed, non-empty text without control characters (tab and line feed allowed),
    /// noncharacters or invisible formatting characters: what ids, codes, labels, titles
    /// and names must be, so that what is shown is what is stored.
    func text(_ value: FieldValue, _ field: FieldPath) -> String? {
        text(value, field, freeText: false)
    }

    /// Free text (a summary, a learning point): as ``text(_:_:)``, except that the
    /// zero-width joiner and non-joiner are kept, because Persian, the Indic scripts and
    /// emoji sequences need them to be spelt correctly. Messages show them as `<U+200D>`.
    func freeText(_ value: FieldValue, _ field: FieldPath) -> String? {
        text(value, field, freeText: true)
    }

    private func text(_ value: FieldValue, _ field: FieldPath, freeText: Bool) -> String? {
        guard let raw = scalar(value, field, expected: "text") else { return nil }
        let text = raw.trimmingWhitespace()
        if text.isEmpty {
            log.error(at: value.location, field: field, "is empty; expected text")
            return nil
        }
        // Most text is printable ASCII, tabs and line feeds: nothing to refuse, and
        // no need to look up each character's Unicode properties.
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) || $0 == 0x09 || $0 == 0x0A }) { return text }
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            if scalar.isControlCharacter, scalar != "\t", scalar != "\n" {
                log.error(
                    at: value.location, field: field,
                    "contains a control character (\(scalar.codePointName)) at character \(position); only tab and line breaks are allowed")
                return nil
            }
        }
        return refusingUnseen(text, value, field, freeText: freeText) ? nil : text
    }

    /// Reports the first noncharacter or invisible formatting character in `text`
    /// (joiners excepted in free text); whether there was one.
    private func refusingUnseen(_ text: String, _ value: FieldValue, _ field: FieldPath, freeText: Bool) -> Bool {
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            if scalar.isNoncharacter {
                log.error(
                    at: value.location, field: field,
                    "contains \(scalar.codePointName), which is not a character (a noncharacter code point) at character \(position); "
                        + "remove it: it cannot appear in a web page"
                )
                return true
            }
            if scalar.isInvisibleFormatting, !(freeText && scalar.isJoinerControl) {
                let name = scalar.properties.name.map { " " + $0 } ?? ""
                let valid =
                    freeText
                    ? "remove it: text may not contain invisible formatting characters (bidirectional controls, zero-width spaces) "
                        + "other than the zero-width joiner U+200D and non-joiner U+200C"
                    : "remove it: ids, codes, labels, titles and names may not contain invisible formatting characters (bidirectional "
                        + "controls, zero-width characters)"
                log.error(
                    at: value.location, field: field,
                    "contains an invisible character (\(scalar.codePointName)\(name)) at character \(position); \(valid)")
                return true
            }
        }
        return false
    }

    /// One of a contract's codes, spelt exactly.
    func code<T: ContractCode>(_ value: FieldValue, _ field: FieldPath, as type: T.Type = T.self) -> T? {
        guard let text = scalar(value, field, expected: "one of: \(T.validValues)")?.trimmingWhitespace() else { return nil }
        guard let code = T(rawValue: text) else {
            if refusingUnseen(text, value, field, freeText: false) { return nil }
            log.error(
                at: value.location, field: field,
                "\(text.quotedForDiagnostic) is not a valid value; expected one of: \(T.validValues)"
                    + Self.separatorHint(text, at: value.location) { T(rawValue: $0) != nil })
            return nil
        }
        return code
    }

    /// For a spreadsheet cell whose text is valid items joined by commas or slashes
    /// ("fracture, bruising"): how a list is written in one cell. Empty otherwise.
    static func separatorHint(_ text: String, at location: SourceLocation, isValid: (String) -> Bool) -> String {
        switch location.position {
        case .csvCell, .sheetCell: break
        default: return ""
        }
        let parts = text.split(whereSeparator: { $0 == "," || $0 == "/" }).map { $0.trimmingWhitespace() }
        guard parts.count > 1, parts.allSatisfy(isValid) else { return "" }
        return "; a list in one cell has ; between its items (\(parts.joined(separator: ";")))"
    }

    /// `true`/`false`/`yes`/`no` in any letter case.
    func bool(_ value: FieldValue, _ field: FieldPath) -> Bool? {
        guard let text = scalar(value, field, expected: Self.booleanWords)?.trimmingWhitespace() else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            if refusingUnseen(text, value, field, freeText: false) { return nil }
            log.error(at: value.location, field: field, "\(text.quotedForDiagnostic) is not a valid value; expected \(Self.booleanWords)")
            return nil
        }
    }

    /// A whole number within `range`, written with digits only: no sign, no leading
    /// zero (YAML 1.1 reads `010` as octal 8, YAML 1.2 and spreadsheets as 10; rather
    /// than guess which was meant, it is refused), no decimal point or exponent.
    func int(_ value: FieldValue, _ field: FieldPath, in range: ClosedRange<Int>) -> Int? {
        guard let text = scalar(value, field, expected: Self.describe(range))?.trimmingWhitespace() else { return nil }
        // A minus sign before plain digits is a number below every range we read
        // (all start at 0 or more), reported as out of range; `-0` is no number.
        let negative = text.hasPrefix("-") && range.lowerBound >= 0
        let digits = negative ? String(text.dropFirst()) : text
        guard Self.isPlainDigits(digits), !(negative && digits == "0") else {
            if refusingUnseen(text, value, field, freeText: false) { return nil }
            log.error(
                at: value.location, field: field, "\(text.quotedForDiagnostic) is not a whole number; expected \(Self.describe(range))")
            return nil
        }
        guard !negative, let number = Int(digits), range.contains(number) else {
            log.error(at: value.location, field: field, "\(text.excerptForDiagnostic) is out of range; expected \(Self.describe(range))")
            return nil
        }
        return number
    }

    /// `0`, or digits 0–9 not starting with 0.
    static func isPlainDigits(_ text: String) -> Bool {
        let digits = text.utf8
        return !digits.isEmpty && digits.allSatisfy({ (0x30...0x39).contains($0) }) && (text == "0" || digits.first != 0x30)
    }

    /// The largest count of people, cases or areas accepted: far above any real
    /// review, and small enough that sums and shares can never overflow.
    static let countRange = 0...1_000_000

    static func describe(_ range: ClosedRange<Int>) -> String {
        range.upperBound == Int.max
            ? "a whole number, \(range.lowerBound) or more"
            : "a whole number from \(range.lowerBound) to \(range.upperBound)"
    }

    /// The items of a list. A spreadsheet cell is a list written as `a;b`; each item
    /// is located at the cell. Empty items are skipped.
    func list(_ value: FieldValue, _ field: FieldPath, of expected: String) -> [FieldValue]? {
        if case .located(let located) = value {
            switch located.kind {
            case .sequence(let items):
                return items.map(FieldValue.located)
            case .scalar(let text, .cell):
                return Self.cellItems(text).map { .located(LocatedValue(.scalar($0, .cell), at: located.location)) }
            case .null:
                return []
            default:
                break
            }
        }
        log.error(at: value.location, field: field, "expected a list of \(expected); found \(value.kindDescription)")
        return nil
    }

    /// The items of a cell written as `a;b`, trimmed, empty ones left out.
    static func cellItems(_ text: String) -> [String] {
        // In ASCII text every byte is a character of its own (CRLF aside, which is no
        // ";"), so splitting the bytes gives what splitting the characters gives,
        // without finding where each character ends.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return cellItemsByCharacter(text) }
        return text.utf8.split(separator: UInt8(ascii: ";")).compactMap { bytes in
            let item = Substring(bytes).trimmingWhitespace()
            return item.isEmpty ? nil : item
        }
    }

    /// ``cellItems(_:)`` for any text, character by character.
    static func cellItemsByCharacter(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// The text of a scalar; `expected` (what would be valid) is built only for the message.
    private func scalar(_ value: FieldValue, _ field: FieldPath, expected: @autoclosure () -> String) -> String? {
        guard let text = value.scalarText else {
            log.error(at: value.location, field: field, "expected \(expected()); found \(value.kindDescription)")
            return nil
        }
        return text
    }
}
