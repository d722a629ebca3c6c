import CaseLoading
import CaseModel

/// Decodes `review.yaml`.
struct ReviewDecoder {
    let context: DecodeContext
    private var read: ValueReader { ValueReader(log: context.log) }

    init(context: DecodeContext) { self.context = context }

    static let keys = [
        "title", "subtitle", "publisher", "published", "period", "initial_shortlist",
        "regions_total", "family_contributions", "disclosure", "contact",
    ]

    func decode(_ root: LocatedValue) -> Review? {
        let errorsBefore = context.log.errorCount
        guard let f = Fields(root, path: "", allowed: Self.keys, context: context) else { return nil }
        let title = f.required("title", expected: "text") { read.text($0, $1) }
        let subtitle = f.optional("subtitle") { read.text($0, $1) }
        let publisher = f.required("publisher", expected: "text") { read.text($0, $1) }
        let published = f.required("published", expected: "a date written YYYY-MM-DD") { date($0, $1) }
        let period = f.required("period", expected: "a mapping {from: YYYY-MM, to: YYYY-MM}") { decodePeriod($0, $1) }
        let ranges = [ValueReader.countRange, 1...Region.allCases.count, ValueReader.countRange]
        let counts = zip(["initial_shortlist", "regions_total", "family_contributions"], ranges).map { key, range in
            f.required(key, expected: ValueReader.describe(range)) { read.int($0, $1, in: range) }
        }
        let suppressBelow = f.optional("disclosure") { decodeDisclosure($0, $1) }
        let contact = f.optional("contact") { emailAddress($0, $1) }
        guard context.log.errorCount == errorsBefore, let title, let publisher, let published, let period,
            let shortlist = counts[0], let regions = counts[1], let family = counts[2]
        else { return nil }
        return Review(
            title: title, subtitle: subtitle, publisher: publisher, published: published, period: period,
            initialShortlist: shortlist, regionsTotal: regions, familyContributions: family,
            suppressBelow: suppressBelow, contact: contact)
    }

    /// `contact`: one email address, `name@domain.tld`, with no spaces; the
    /// spreadsheets' cover prints it for readers with questions about the tables.
    private func emailAddress(_ value: FieldValue, _ field: FieldPath) -> String? {
        guard let text = read.text(value, field) else { return nil }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let valid =
            parts.count == 2 && !parts[0].isEmpty && text.count <= 254
            && !text.contains(where: { $0.isWhitespace || $0.isNewline || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" })
            && parts[1].split(separator: ".", omittingEmptySubsequences: false).count >= 2
            && !parts[1].split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty)
        guard valid else {
            context.log.error(
                at: value.location, field: field,
                "\(text.quotedForDiagnostic) is not an email address; expected one address such as tables@example.gov.uk")
            return nil
        }
        return text
    }

    /// `disclosure: {suppress_below: N}`: the threshold of small-count suppression.
    private func decodeDisclosure(_ value: FieldValue, _ path: FieldPath) -> Int? {
        guard let f = Fields(value, path: path.description, allowed: ["suppress_below"], context: context) else { return nil }
        return f.required("suppress_below", expected: ValueReader.describe(Review.suppressBelowRange)) {
            read.int($0, $1, in: Review.suppressBelowRange)
        }
    }

    private func decodePeriod(_ value: FieldValue, _ path: FieldPath) -> MonthRange? {
        guard let f = Fields(value, path: path.description, allowed: ["from", "to"], context: context) else { return nil }
        let from = f.required("from", expected: "a month written YYYY-MM") { month($0, $1) }
        let to = f.required("to", expected: "a month written YYYY-MM") { month($0, $1) }
        guard let from, let to else { return nil }
        guard from <= to else {
            context.log.error(
                at: value.location, field: path,
                "from (\(Self.format(from))) is later than to (\(Self.format(to))); expected from to be the same month or earlier")
            return nil
        }
        return MonthRange(from: from, to: to)
    }

    private func date(_ value: FieldValue, _ field: FieldPath) -> ISODate? {
        guard let text = read.text(value, field) else { return nil }
        let parts = Self.numbers(text, widths: [4, 2, 2])
        guard let parts, (1...12).contains(parts[1]), (1...Self.daysIn(month: parts[1], year: parts[0])).contains(parts[2]) else {
            context.log.error(at: value.location, field: field, "\(text.quotedForDiagnostic) is not a valid date; expected YYYY-MM-DD")
            return nil
        }
        return ISODate(year: parts[0], month: parts[1], day: parts[2])
    }

    private func month(_ value: FieldValue, _ field: FieldPath) -> YearMonth? {
        guard let text = read.text(value, field) else { return nil }
        guard let parts = Self.numbers(text, widths: [4, 2]), (1...12).contains(parts[1]) else {
            context.log.error(at: value.location, field: field, "\(text.quotedForDiagnostic) is not a valid month; expected YYYY-MM")
            return nil
        }
        return YearMonth(year: parts[0], month: parts[1])
    }

    /// The numbers of `2021-09-15`-like text, each exactly as wide as `widths` says.
    private static func numbers(_ text: String, widths: [Int]) -> [Int]? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == widths.count else { return nil }
        var numbers: [Int] = []
        for (part, width) in zip(parts, widths) {
            guard part.count == width, part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(part) else { return nil }
            numbers.append(n)
        }
        return numbers
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func format(_ month: YearMonth) -> String {
        let year = String(month.year)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + (month.month < 10 ? "0" : "") + String(month.month)
    }
}
