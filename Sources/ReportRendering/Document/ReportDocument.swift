/// Inline content of a paragraph, heading or list item, after placeholders are resolved.
public indirect enum Inline: Hashable, Sendable {
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    case code(String)
    case link(url: String, [Inline])
    /// A hard line break.
    case lineBreak
    /// A changed number in a draft: the current value, and what it was in the baseline.
    case changed(current: String, previous: String)
    /// A number a published build would withhold as `[c]`, as a draft shows it: its true value, marked.
    case withheld([Inline])

    /// The plain text, for ids, contents lists and comparisons.
    public var plainText: String {
        switch self {
        case .text(let s), .code(let s): s
        case .emphasis(let c), .strong(let c), .link(_, let c): c.map(\.plainText).joined()
        case .lineBreak: " "
        case .changed(let current, _): current
        case .withheld(let c): c.map(\.plainText).joined()
        }
    }
}

/// A block of a chapter.
public indirect enum Block: Hashable, Sendable {
    case heading(level: Int, id: String, [Inline])
    case paragraph([Inline])
    case list(ordered: Bool, items: [[Block]])
    case quote([Block])
    case rule
    /// A figure placed by a `{{ figure: ID }}` directive.
    case figure(id: String)
    /// The publishable learning points of a theme, placed by `{{ learning: CODE }}`.
    case learning(theme: String)
}

/// One chapter: its title (the first level-1 heading) and its blocks.
public struct Chapter: Hashable, Sendable {
    public var id: String
    public var title: String
    public var blocks: [Block]
    public init(id: String, title: String, blocks: [Block]) {
        self.id = id
        self.title = title
        self.blocks = blocks
    }
}
