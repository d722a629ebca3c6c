import CaseModel

/// Turns parsed Markdown into report blocks, filling placeholders and collecting problems.
struct Resolver {
    let file: String
    let context: TemplateContext
    private(set) var problems: [TemplateProblem] = []
    /// Whether the inlines being read are a link's text (a link cannot hold another).
    private var insideLink = false
    /// The value names written since the last ``takeNamesUsed()``, for the coverage check.
    private var namesUsed: Set<String> = []

    init(file: String, context: TemplateContext) {
        self.file = file
        self.context = context
    }

    private mutating func problem(_ line: Int, _ reason: TemplateProblem.Reason) {
        problems.append(TemplateProblem(file: file, line: line, reason: reason))
    }

    /// The value names written since the last call.
    mutating func takeNamesUsed() -> Set<String> {
        defer { namesUsed = [] }
        return namesUsed
    }

    /// A family of counts named in a directive (`ethnicity`), or nil with a problem.
    mutating func family(_ name: String, line: Int) -> String? {
        guard let families = context.values?.families else { return name }
        guard families[name] != nil else {
            // Its declaration's own problem is reported; this one follows from it.
            if context.isOfUnreadDeclaration(name) { return nil }
            problem(line, .unknownFamily(name, suggestions: Spelling.nearest(name, among: families.keys), known: families.keys.sorted()))
            return nil
        }
        return name
    }

    /// A directive line; `state` records where each figure went, across chapters, and the words it was given.
    mutating func directive(_ d: Directive, line: Int, state: inout DocumentState) -> Block? {
        switch d.kind {
        case .list:
            guard let list = listItems(d.argument, line: line) else { return nil }
            if list.isEmpty { return .paragraph([.text("None.")]) }
            return .list(ordered: false, items: list.map { [.paragraph(Self.mergingText([.text("\($0.label): ")] + $0.value))] })
        case .selection:
            _ = family(d.argument, line: line)
            return nil
        case .figure:
            let id = d.name
            guard context.figureIDs.contains(id) else {
                problem(line, unknownFigure(id))
                return nil
            }
            if let first = state.placedFigures[id] {
                problem(line, .figurePlacedTwice(id, firstAt: first))
                return nil
            }
            state.placedFigures[id] = "\(file):\(line)"
            var words = FigureWords()
            for option in d.options {
                let parts = option.split(separator: ":", maxSplits: 1).map { $0.trimmingWhitespace() }
                switch (parts.first, parts.count == 2 ? parts[1] : "") {
                case ("title", let title) where !title.isEmpty: words.title = title
                case ("unit", let unit) where !unit.isEmpty: words.unit = unit
                default:
                    problem(line, .figureOption(option))
                    return nil
                }
            }
            state.figureWords[id] = words
            return .figure(id: id)
        case .learning:
            if let themes = context.themes, !themes.contains(d.argument) {
                problem(line, .unknownTheme(d.argument, known: themes))
                return nil
            }
            return .learning(theme: d.argument)
        }
    }

    /// An id that is not a registered figure, with the nearest ids as suggestions.
    private func unknownFigure(_ id: String) -> TemplateProblem.Reason {
        let ids = context.figureIDs
        return .unknownFigure(id, suggestions: Spelling.nearest(id, among: ids), known: ids)
    }

    mutating func block(_ node: MarkdownNode) -> Block? {
        switch node {
        case .heading(let level, _, let children):
            return .heading(level: level, id: "", inlines(children))
        case .paragraph(_, let children):
            return .paragraph(inlines(children))
        case .list(let ordered, _, let items):
            return .list(ordered: ordered, items: items.map { $0.compactMap { block($0) } })
        case .quote(let children):
            return .quote(children.compactMap { block($0) })
        case .rule:
            return .rule
        case .refused(let why, let line):
            problem(line, .refused(why))
            return nil
        default:
            // An inline at block level cannot come from CommonMark; keep its text.
            return .paragraph(inlines([node]))
        }
    }

    /// Inline nodes, with adjacent text merged so a placeholder is never split.
    /// `lines` remembers where each source line starts in the merged text, so a
    /// problem is reported on the line the placeholder is written on.
    mutating func inlines(_ nodes: [MarkdownNode]) -> [Inline] {
        var out: [Inline] = []
        var pending = ""
        var lines: [(offset: Int, line: Int)] = []
        for node in nodes {
            switch node {
            case .text(let s, let line):
                if lines.last?.line != line { lines.append((pending.utf8.count, line)) }
                pending += s
            case .softBreak:
                pending += " "
            default:
                if !pending.isEmpty {
                    out += fill(pending, lines: lines)
                    pending = ""
                    lines = []
                }
                switch node {
                case .lineBreak: out.append(.lineBreak)
                case .code(let s, _): out.append(.code(s))
                case .emphasis(let c): out.append(.emphasis(inlines(c)))
                case .strong(let c): out.append(.strong(inlines(c)))
                case .link(let url, let line, let c):
                    if !Self.isAllowedLink(url) { problem(line, .linkNotAllowed(url)) }
                    insideLink = true
                    let text = inlines(c)
                    insideLink = false
                    out.append(.link(url: url, text))
                case .refused(let why, let line): problem(line, .refused(why))
                default: break
                }
            }
        }
        if !pending.isEmpty { out += fill(pending, lines: lines) }
        return Self.mergingText(out)
    }

    /// Adjacent text runs as one, so the tree does not depend on where values were filled in.
    static func mergingText(_ inlines: [Inline]) -> [Inline] {
        var out: [Inline] = []
        for inline in inlines {
            if case .text(let s) = inline, case .text(let previous)? = out.last {
                out[out.count - 1] = .text(previous + s)
            } else if case .text("") = inline {
                continue
            } else {
                out.append(inline)
            }
        }
        return out
    }

    /// Replaces every `{{ … }}` in a run of text.
    mutating func fill(_ text: String, lines: [(offset: Int, line: Int)]) -> [Inline] {
        var out: [Inline] = []
        var rest = Substring(text)
        // Decided once for the whole text (each search below looks at what is left of it).
        let plain = Self.bytesStandAlone("{}", in: rest)
        while let open = Self.find("{{", in: rest, plain: plain) {
            let offset = text.utf8.distance(from: text.startIndex, to: open.lowerBound)
            let line = lines.last { $0.offset <= offset }?.line ?? lines.first?.line ?? 0
            if open.lowerBound > rest.startIndex { out.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = Self.find("}}", in: rest[open.upperBound...], plain: plain) else {
                problem(line, .unclosed)
                return out
            }
            // A list written after words that do not end a sentence starts in lower case.
            let before = text[..<open.lowerBound].reversed().first { !$0.isWhitespace }
            let midSentence = before.map { !".!?".contains($0) } ?? false
            out += resolve(String(rest[open.upperBound..<close.lowerBound]), line: line, midSentence: midSentence)
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { out.append(.text(String(rest))) }
        return out
    }

    /// Where `needle` (ASCII) first stands in `text` (the last time, `backwards`), as
    /// Foundation's `range(of:)` finds it. That search bridges to NSString and costs
    /// more than the rest of a chapter's reading; so when each of the needle's bytes
    /// in the text stands between ASCII bytes (each occurrence is then a whole
    /// character, which no mark or joiner extends), its UTF-8 bytes are searched
    /// instead, with the same answer. Otherwise Foundation decides, as before.
    /// `plain`: what ``bytesStandAlone(_:in:)`` says of the needle's bytes in `text`
    /// (or in a string `text` is the end of), when the caller knows it already.
    static func find(_ needle: StaticString, in text: Substring, backwards: Bool = false, plain: Bool? = nil) -> Range<String.Index>? {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        let found: Int?? =
            (plain ?? bytesStandAlone(needle, in: text))
            ? text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
                guard bytes.count >= pattern.count else { return nil }
                let starts = 0...(bytes.count - pattern.count)
                let matches = { (start: Int) in (0..<pattern.count).allSatisfy { bytes[start + $0] == pattern[$0] } }
                return backwards ? starts.reversed().first(where: matches) : starts.first(where: matches)
            } : nil
        guard let found else {
            return text.range(of: needle.description, options: backwards ? .backwards : [])
        }
        guard let offset = found else { return nil }
        let start = text.utf8.index(text.startIndex, offsetBy: offset)
        return start..<text.utf8.index(start, offsetBy: pattern.count)
    }

    /// Whether each byte of `needle` that `text` holds has ASCII bytes (or an end of
    /// the text) on both sides, so that it is a character of its own there.
    static func bytesStandAlone(_ needle: StaticString, in text: Substring) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        let answer: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            for i in bytes.indices where pattern.contains(bytes[i]) {
                if (i > 0 && bytes[i - 1] >= 0x80) || (i + 1 < bytes.count && bytes[i + 1] >= 0x80) { return false }
            }
            return true
        }
        return answer ?? false
    }

    /// `FAMILY [| FORMAT[: WORD, WORD]] [| nonzero]`: each category's label and its
    /// value written in the format, in the family's order; nil with a problem.
    private mutating func listItems(_ argument: String, line: Int) -> [(label: String, value: [Inline])]? {
        var parts = argument.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
        let name = parts.removeFirst()
        // `| suppressed: WORDS` applies to each category's value, before or after `| nonzero`.
        var alternative = ""
        if let index = parts.firstIndex(where: { $0.hasPrefix(Self.alternativeKeyword) }) {
            alternative = " | " + parts.remove(at: index)
        }
        let nonzero = parts.last == "nonzero"
        if nonzero { parts.removeLast() }
        guard parts.count <= 1, !name.isEmpty else {
            problem(line, .malformed("{{ list: \(argument) }}"))
            return nil
        }
        guard let family = family(name, line: line), let members = context.values?.families[family]?.members else { return [] }
        var items: [(label: String, value: [Inline])] = []
        for member in members where !nonzero || member.count > 0 {
            let inner = (parts.isEmpty ? member.name : "\(member.name) | \(parts[0])") + alternative
            let before = problems.count
            let value = resolve(inner, line: line)
            if problems.count > before { return nil }
            items.append((member.label, value))
        }
        return items
    }

    /// `midSentence`: whether words that do not end a sentence come before it, so that
    /// an inline list's first label starts in lower case too.
    private mutating func resolve(_ inner: String, line: Int, midSentence: Bool = false) -> [Inline] {
        let trimmed = (Substring(inner)).trimmingWhitespace()
        if trimmed.hasPrefix("list:") {
            // Inline: "White British (18 babies), Asian (1 baby) and mixed (2 babies)".
            guard let items = listItems((trimmed.dropFirst(5)).trimmingWhitespace(), line: line) else { return [] }
            guard !items.isEmpty else { return [.text("none")] }
            var out: [Inline] = []
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(.text(index == items.count - 1 ? " and " : ", ")) }
                let label = index > 0 || midSentence ? Self.inSentence(item.label, properNames: context.properNames) : item.label
                out += [.text("\(label) (")] + item.value + [.text(")")]
            }
            return out
        }
        if trimmed.hasPrefix("ref:") {
            let id = (trimmed.dropFirst(4)).trimmingWhitespace()
            guard context.figureIDs.contains(id) else {
                problem(line, unknownFigure(id))
                return []
            }
            guard !insideLink else {
                problem(line, .refInsideLink(id))
                return []
            }
            // A registered figure placed nowhere is reported once, by the builder.
            guard let number = context.figureNumbers[id] else { return [] }
            return [.link(url: "#figure-\(number)", [.text("Figure \(number)")])]
        }
        // `… | suppressed: WORDS`: what to print instead when the value is withheld.
        var inner = inner
        var alternative: String?
        if let bar = Self.find("|", in: Substring(inner), backwards: true),
            inner[bar.upperBound...].trimmingWhitespace().hasPrefix(Self.alternativeKeyword)
        {
            let words = (Substring(inner[bar.upperBound...].trimmingWhitespace().dropFirst(Self.alternativeKeyword.count)))
                .trimmingWhitespace()
            guard !words.isEmpty else {
                problem(line, .malformed("{{\(inner)}}"))
                return []
            }
            alternative = words
            inner = String(inner[..<bar.lowerBound])
        }
        let placeholder: Placeholder
        switch Placeholder.parse(inner) {
        case .failure(let reason):
            problem(line, reason)
            return []
        case .success(let p):
            placeholder = p
        }
        guard let values = context.values else {
            // Without a valid cohort the name cannot be checked; its format still can.
            if let format = placeholder.format, PlaceholderFormat(rawValue: format) == nil { problem(line, .unknownFormat(format)) }
            return []
        }
        guard let value = values[placeholder.name] else {
            if context.isOfUnreadDeclaration(placeholder.name) { return [] }
            if values.unpublished[placeholder.name] != nil {
                // Whether a combination is shown depends on the cases: a frame without
                // them shows none, so only a build with the cases can tell.
                if !context.namesOnly {
                    let other = placeholder.name.split(separator: ".").prefix(2).joined(separator: ".") + ".other"
                    problem(line, .combinationNotShown(placeholder.name, other: other))
                }
                return []
            }
            problem(line, .unknownName(placeholder.name, suggestions: suggestions(for: placeholder.name)))
            return []
        }
        namesUsed.insert(placeholder.name)
        if context.namesOnly {
            if let format = placeholder.format, PlaceholderFormat(rawValue: format) == nil { problem(line, .unknownFormat(format)) }
            return []
        }
        switch ValueFormatter.format(value, placeholder) {
        case .failure(let reason):
            problem(line, reason)
            return []
        case .success(let text):
            if let disclosure = context.disclosure,
                let withheld = ValueFormatter.withheld(value, placeholder, disclosure: disclosure, alternative: alternative)
            {
                // A draft shows the true value, marked; a published build what it may print.
                return context.marksWithheld ? [.withheld(marked(text, placeholder))] : [.text(withheld)]
            }
            return marked(text, placeholder)
        }
    }

    /// A label as it reads inside a sentence: "No charges brought" as "no charges
    /// brought"; but a label that starts with a proper name ("London borough", "White
    /// British") or with a word written with capitals inside it (an abbreviation:
    /// "SCR", "GP") is written as it is.
    static func inSentence(_ label: String, properNames: [String]) -> String {
        guard let first = label.first, first.isUppercase else { return label }
        let word = label.prefix { !$0.isWhitespace && $0 != "," && $0 != ":" }
        if word.dropFirst().contains(where: \.isUppercase) { return label }
        let named = properNames.contains { name in
            label.hasPrefix(name) && !(label.dropFirst(name.count).first.map { $0.isLetter || $0.isNumber } ?? false)
        }
        return named ? label : first.lowercased() + label.dropFirst()
    }

    /// `| suppressed:` after a placeholder's format: the wording to print when its value is withheld.
    static let alternativeKeyword = "suppressed:"

    /// A value's text, marked as changed when the baseline's reads differently.
    private func marked(_ text: String, _ placeholder: Placeholder) -> [Inline] {
        // A value changed if, written the same way, it reads differently in the baseline.
        if let was = context.baseline?.previous(
            of: placeholder.name, current: text,
            writtenAs: {
                if case .success(let was) = ValueFormatter.format($0, placeholder) { was } else { nil }
            })
        {
            return [.changed(current: text, previous: was)]
        }
        return [.text(text)]
    }

    /// Names close to a mistyped one: same spelling but for a few letters.
    private func suggestions(for name: String) -> [String] {
        Spelling.nearest(name, among: context.values.map { Array($0.values.keys) } ?? [])
    }

    /// Links may go to web pages, e-mail addresses and places in the report; nothing
    /// that runs (`javascript:`, `vbscript:`), embeds (`data:`) or reaches the reader's
    /// disk (`file:`, a relative path), whatever the Markdown form (inline,
    /// reference-style or autolink: they all arrive here as a link's address).
    static func isAllowedLink(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:")
            || (lower.hasPrefix("#") && lower.count > 1)
    }
}
