import CaseModel

/// What a template may refer to.
public struct TemplateContext: Sendable {
    /// The named values, or nil when the inputs are invalid: then names and
    /// themes cannot be checked, but everything else in a template can.
    public var values: ReportValues?
    /// Placed figures' ids and the numbers they got from where they stand ("ethnicity" → 3).
    public var figureNumbers: [String: Int]
    /// Theme codes declared in the vocabulary (nil with no values).
    public var themes: [String]?
    /// An earlier build's values; a value that reads differently now is marked in drafts.
    public var baseline: Baseline?
    /// What a published build withholds (`--suppress-below`), or nil.
    public var disclosure: Disclosure?
    /// A draft: withheld values are shown as they are, marked, instead of as `[c]`.
    public var marksWithheld = false
    /// Every figure id a chapter may place or refer to: the built-in ones and those declared in `figures/`.
    public var figureIDs: [String]
    /// Only names are checked, against `values` counted over no cases (the cases
    /// are invalid): a name, family or theme that is not there is a problem, but no
    /// value is formatted and nothing that depends on the counts is warned about.
    public var namesOnly = false
    /// Declared figures whose declaration has problems of its own: their names
    /// (`crosstab.ID.…`, `together.ID.…`) are not reported again as unknown.
    public var unreadDeclarations: Set<String> = []
    /// Words that keep their capital letter in the middle of a sentence: the
    /// vocabulary's `proper_names` and the contract's regions.
    public var properNames: [String] = []

    /// Whether `name` is one of an unread declaration's names.
    func isOfUnreadDeclaration(_ name: String) -> Bool {
        let parts = name.split(separator: ".", maxSplits: 2)
        return parts.count >= 2 && (parts[0] == "crosstab" || parts[0] == "together") && unreadDeclarations.contains(String(parts[1]))
    }

    public init(
        values: ReportValues?, figureNumbers: [String: Int], themes: [String]?, baseline: Baseline? = nil,
        disclosure: Disclosure? = nil, marksWithheld: Bool = false, figureIDs: [String] = FigureRegistry.all.map(\.id)
    ) {
        self.figureIDs = figureIDs
        self.values = values
        self.figureNumbers = figureNumbers
        self.themes = themes
        self.baseline = baseline
        self.disclosure = disclosure
        self.marksWithheld = marksWithheld
    }
}

/// What the chapters of one document share as they are read in turn: the fragment
/// ids taken so far, and where each figure was placed (`file:line`).
public struct DocumentState: Sendable {
    public var usedIDs: Set<String>
    public var placedFigures: [String: String] = [:]
    /// The words a chapter gave a figure where it placed it.
    public var figureWords: [String: FigureWords] = [:]
    public init(reservedIDs: Set<String> = []) { usedIDs = reservedIDs }
}

/// Reads one chapter template: Markdown with placeholders and directives → a ``Chapter``.
///
/// Problems are collected, not thrown one at a time, so an editor sees every
/// mistake in a template in one run.
public enum ChapterReader {
    /// The chapter (nil when it has problems), its problems, and its warnings
    /// (things worth a look that do not stop the build, such as a list of counts
    /// that leaves out one category).
    public static func read(
        _ source: String, file: String, context: TemplateContext,
        state: inout DocumentState
    ) -> (chapter: Chapter?, problems: [TemplateProblem], warnings: [TemplateProblem]) {
        var reader = Resolver(file: file, context: context)
        var problems = SourceCheck.characters(source, file: file)
        var warnings: [TemplateProblem] = []
        var blocks: [Block] = []
        var segment: [Substring] = []
        var segmentStart = 1
        let lines = SourceCheck.lines(source)
        /// Families the next block states only in part, on purpose.
        var selection: Set<String> = []

        func flush() {
            guard !segment.isEmpty else { return }
            let nodes = MarkdownReader.read(segment.joined(separator: "\n") + "\n", firstLine: segmentStart)
            for node in nodes {
                // The chapter's title is its one level-1 heading, first.
                if case .heading(1, let line, _) = node, !blocks.isEmpty {
                    problems.append(TemplateProblem(file: file, line: line, reason: .secondTitle))
                }
                _ = reader.takeNamesUsed()
                if let block = reader.block(node) { blocks.append(block) }
                warnings += Coverage.warnings(
                    names: reader.takeNamesUsed(), line: node.line, file: file,
                    families: context.values?.families ?? [:], selection: selection,
                    disclosure: context.disclosure)
                selection = []
            }
            segment = []
        }
        for (index, line) in lines.enumerated() {
            if let directive = Directive(line) {
                flush()
                segmentStart = index + 2
                if directive.kind == .selection {
                    if let family = reader.family(directive.argument, line: index + 1) { selection.insert(family) }
                } else if let block = reader.directive(directive, line: index + 1, state: &state) {
                    blocks.append(block)
                }
            } else {
                if segment.isEmpty { segmentStart = index + 1 }
                segment.append(line)
            }
        }
        flush()

        problems += reader.problems
        guard case .heading(1, _, let titleInlines)? = blocks.first else {
            problems.append(TemplateProblem(file: file, line: 1, reason: .noTitle))
            return (nil, problems.sorted(), warnings)
        }
        let title = titleInlines.map(\.plainText).joined()
        let identified = blocks.map { block -> Block in
            guard case .heading(let level, _, let inlines) = block else { return block }
            return .heading(level: level, id: Self.uniqueID(for: inlines.map(\.plainText).joined(), in: &state.usedIDs), inlines)
        }
        guard problems.isEmpty, case .heading(_, let chapterID, _) = identified[0] else { return (nil, problems.sorted(), warnings) }
        return (Chapter(id: chapterID, title: title, blocks: identified), [], warnings)
    }

    /// A readable, unique fragment id from a heading: "Sex, ethnicity and age" → "sex-ethnicity-and-age".
    static func uniqueID(for text: String, in used: inout Set<String>) -> String {
        let base = ReportValues.slug(text).isEmpty ? "section" : ReportValues.slug(text)
        var id = base
        var n = 2
        while used.contains(id) {
            id = "\(base)-\(n)"
            n += 1
        }
        used.insert(id)
        return id
    }
}

/// A line that is only `{{ figure: ID }}`, `{{ learning: CODE }}`, `{{ list: FAMILY … }}`
/// or `{{ selection: FAMILY }}`.
struct Directive {
    enum Kind: String, CaseIterable {
        case figure, learning, list, selection
    }

    var kind: Kind
    /// Everything after the colon: a name, and for some kinds `| options`.
    var argument: String

    /// The figure id, theme code or family the directive names (before any `|`).
    var name: String { argument.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)[0].trimmingWhitespace() }

    /// The `|`-separated parts after the name, trimmed.
    var options: [String] { argument.split(separator: "|", omittingEmptySubsequences: false).dropFirst().map { $0.trimmingWhitespace() } }

    init?(_ line: Substring) {
        // Nearly every line is prose: without "{" it cannot be a directive.
        guard line.utf8.contains(UInt8(ascii: "{")) else { return nil }
        let t = line.trimmingWhitespace()
        guard t.hasPrefix("{{"), t.hasSuffix("}}"), t.count > 4 else { return nil }
        let inner = t.dropFirst(2).dropLast(2)
        let parts = inner.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        guard let kind = Kind(rawValue: parts[0].trimmingWhitespace()) else { return nil }
        self.kind = kind
        self.argument = parts[1].trimmingWhitespace()
    }
}

extension String {
    /// CRLF and lone CR become LF, so line numbers match what an editor shows.
    /// Text without a CR (nearly every template) is returned as it is; otherwise
    /// the UTF-8 bytes are rewritten (CR and LF are single bytes in UTF-8, never
    /// part of another character, so the result is the same text scalar for scalar).
    func normalisingLineEndings() -> String {
        var copy = self
        let result: String? = copy.withUTF8 { bytes in
            guard bytes.contains(UInt8(ascii: "\r")) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var previousCR = false
            for byte in bytes {
                if byte == UInt8(ascii: "\r") {
                    out.append(UInt8(ascii: "\n"))
                    previousCR = true
                    continue
                }
                if byte == UInt8(ascii: "\n") && previousCR {
                    previousCR = false
                    continue
                }
                previousCR = false
                out.append(byte)
            }
            return String(decoding: out, as: UTF8.self)
        }
        return result ?? copy
    }
}
