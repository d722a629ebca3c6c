import CohortStatistics

/// The formats a placeholder can ask for (`{{ name | format }}`); see docs/templates.md.
enum PlaceholderFormat: String, CaseIterable {
    case percent, of, share, total, count, words, `is`, times, compare
}

/// Writes a named value in the format a placeholder asks for.
enum ValueFormatter {
    /// What a published build prints for the placeholder when disclosure control
    /// withholds what it would write (nil when it withholds nothing of it):
    /// `alternative` (`| suppressed: WORDS`) when the template gives one, else the
    /// format with `[c]` for each withheld number. A withheld count keeps its
    /// noun in the plural (`[c] babies`) and `is` gives its plural word, since the
    /// singular would say the count is 1. A share is withheld with its count or its total.
    static func withheld(_ value: TemplateValue, _ p: Placeholder, disclosure d: Disclosure, alternative: String?) -> String? {
        let c = Disclosure.symbol
        let count = d.isSuppressed(p.name), total = d.isTotalSuppressed(p.name)
        let format = p.format.flatMap(PlaceholderFormat.init(rawValue:))
        let affected: Bool
        switch (value, format) {
        case (.text, _): affected = false
        case (.ratio, _): affected = count
        case (.count, .total?): affected = total
        case (.count, .percent?), (.count, .share?), (.count, .of?): affected = count || total
        case (.count, _): affected = count
        }
        guard affected else { return nil }
        if let alternative { return alternative }
        guard case .count(let n, let of) = value else { return c }
        let totalText = total ? c : of.map(NumberFormat.integer) ?? c
        let countText = count ? c : NumberFormat.integer(n)
        switch format {
        case .of?: return "\(countText) of \(totalText)"
        case .total?: return totalText
        case .share?: return count ? c : "\(countText) (\(c))"
        case .count?, .words?: return "\(c) \(p.arguments.count == 2 ? p.arguments[1] : "")"
        case .is?: return p.arguments.count == 2 ? p.arguments[1] : c
        default: return c
        }
    }

    static func format(_ value: TemplateValue, _ p: Placeholder) -> Result<String, TemplateProblem.Reason> {
        func doesNotFit(_ why: String) -> Result<String, TemplateProblem.Reason> {
            .failure(.formatDoesNotFit(name: p.name, format: p.format ?? "", why: why))
        }
        func wantArguments(_ n: Int, _ example: String) -> Result<String, TemplateProblem.Reason>? {
            p.arguments.count == n
                ? nil : doesNotFit("it takes \(n) word\(n == 1 ? "" : "s") after the colon, as in {{ \(p.name) | \(example) }}")
        }
        let format: PlaceholderFormat?
        if let name = p.format {
            guard let known = PlaceholderFormat(rawValue: name) else { return .failure(.unknownFormat(name)) }
            format = known
        } else {
            format = nil
        }
        switch (value, format) {
        case (.text(let s), nil):
            return .success(s)
        case (.text, _?):
            return doesNotFit("it is text, not a number")
        case (.ratio(let r), nil):
            guard r.total > 0 else { return doesNotFit("it compares with a count of 0") }
            return .success(NumberFormat.oneDecimal(r))
        case (.ratio(let r), .times):
            guard r.total > 0, r.count > 0 else {
                return doesNotFit("one of the two counts is 0, so there is no comparison to write; reword the sentence")
            }
            return .success(NumberFormat.times(r))
        case (.ratio(let r), .compare):
            // A whole comparison, which also reads right when one side is 0.
            if let bad = wantArguments(2, "compare: boys, girls") { return bad }
            let (first, second) = (p.arguments[0], p.arguments[1])
            switch (r.count, r.total) {
            case (0, 0): return .success("no \(first) or \(second)")
            case (_, 0): return .success("all of them \(first)")
            case (0, _): return .success("all of them \(second)")
            default: return .success("\(NumberFormat.times(r)) \(first) as \(second)")
            }
        case (.ratio, _?):
            return doesNotFit("it is a ratio; write it plain, with | times, or with | compare: boys, girls")
        case (.count(let n, _), nil):
            return .success(NumberFormat.integer(n))
        case (.count(let n, let total), let format?):
            switch format {
            case .percent, .of, .share, .total:
                if let bad = wantArguments(0, format.rawValue) { return bad }
                guard let total else { return doesNotFit("it is a plain count, not a share of a total") }
                let share = Share(n, of: total)
                switch format {
                case .percent: return .success(NumberFormat.percent(share))
                case .of: return .success("\(NumberFormat.integer(n)) of \(NumberFormat.integer(total))")
                case .share: return .success("\(NumberFormat.integer(n)) (\(NumberFormat.percent(share)))")
                default: return .success(NumberFormat.integer(total))
                }
            case .count:
                if let bad = wantArguments(2, "count: baby, babies") { return bad }
                return .success("\(NumberFormat.integer(n)) \(n == 1 ? p.arguments[0] : p.arguments[1])")
            case .words:
                // "no cases", "one case", "4 cases": zero and one read as words.
                if let bad = wantArguments(2, "words: case, cases") { return bad }
                switch n {
                case 0: return .success("no \(p.arguments[1])")
                case 1: return .success("one \(p.arguments[0])")
                default: return .success("\(NumberFormat.integer(n)) \(p.arguments[1])")
                }
            case .is:
                if let bad = wantArguments(2, "is: was, were") { return bad }
                return .success(n == 1 ? p.arguments[0] : p.arguments[1])
            case .times, .compare:
                return doesNotFit("it is a count, not a ratio")
            }
        }
    }
}
