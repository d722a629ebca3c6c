import ChartLayout
import XMLWriter

/// A data table's frame, which scrolls sideways when the table is wider than the page's
/// column, and how a reader knows and a keyboard reaches that, without script.
///
/// A table is drawn no narrower than its columns' longest words plus their padding (the
/// style sheet sets no widths), and that minimum is known here, before any browser sees
/// it, from the same font metrics the charts use (Arial's widths, as `report.css` sets
/// `.data-table` at 16 px, headings bold). So:
/// - a table that fits the narrowest frame the page has (``narrowestFrame``) never
///   scrolls: its frame is a plain `div`, not a tab stop;
/// - one that may not fit is a labelled region with a tab stop (so a keyboard can scroll
///   it) and a visible hint above it ("scroll sideways"); the style sheet adds shadows at
///   the edge that has more. ``styleRules`` writes, for that table alone, media queries
///   from its own minimum width: wherever the window makes its frame at least that wide,
///   the hint goes and the frame leaves the tab order (`visibility: hidden` takes it out;
///   its table stays `visible`). At 1280 px no table is a tab stop; at 320 px only the ones
///   that scroll are.
struct TableFrame {
    /// One cell as the table shows it: its text and, in a draft, the value it had before.
    struct Cell {
        var text: String
        var previous: String?
        var bold = false
        /// In a draft with disclosure control: a value the published report withholds.
        var wouldWithhold = false
        /// Whether it holds a number (set right, as a column of numbers is), rather than words.
        var numeric = true
    }

    /// The frame at 320 px: the window less the page's 15 px padding on each side.
    static let narrowestFrame = 290.0
    /// `.data-table` text, and cell padding below and above 641 px (`report.css`).
    static let fontSize = 16.0
    static let narrowPadding = 10.0
    static let widePadding = 20.0
    /// Our metrics are estimates; a table within this much of a frame counts as not fitting it.
    static let allowance = 8.0

    /// The element id stem (`figure-8`); the frame is `STEM_table`, the hint `STEM_hint`.
    let id: String
    /// The region's name ("Data for Figure 8").
    let label: String
    /// Column headings, then the rows; in each, the first cell is the row's heading.
    let header: [Cell]
    let rows: [[Cell]]
    /// Each column's widest word, measured once (every width below is made from them).
    private let widestWords: [Double]

    init(id: String, label: String, header: [Cell], rows: [[Cell]]) {
        self.id = id
        self.label = label
        self.header = header
        self.rows = rows
        widestWords = Self.widestWords(header: header, rows: rows)
    }

    /// The narrowest the table can be drawn with `padding` at each cell's inner side.
    func minimumWidth(padding: Double) -> Double {
        widestWords.reduce(0.0) { total, widest in total + widest + padding }
    }

    private static func widestWords(header: [Cell], rows: [[Cell]]) -> [Double] {
        func word(_ cell: Cell) -> Double {
            let size = Self.fontSize
            let words = cell.text.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" || $0 == "\n" })
            var widest = words.map { TextMetrics.width(String($0), fontSize: size, weight: cell.bold ? .bold : .regular) }.max() ?? 0
            if let previous = cell.previous {
                // " (was 4)", at the .previous class's 0.9em.
                for part in "(was \(previous))".split(separator: " ") {
                    widest = max(widest, TextMetrics.width(String(part), fontSize: size * 0.9))
                }
            }
            if cell.wouldWithhold {
                // A draft's " ([c])" after a value the published build withholds.
                widest = max(widest, TextMetrics.width("(\(Disclosure.symbol))", fontSize: size))
            }
            return widest
        }
        let all = [header] + rows
        let columns = all.map(\.count).max() ?? 0
        return (0..<columns).map { column in all.compactMap { column < $0.count ? word($0[column]) : nil }.max() ?? 0 }
    }

    /// Whether the table may be wider than its frame in a 320 px window.
    var mayScroll: Bool { minimumWidth(padding: Self.narrowPadding) + Self.allowance > Self.narrowestFrame }

    /// Writes the frame and what `content` writes in it (the table).
    func write(_ w: XMLWriter, content: () throws -> Void) throws {
        guard mayScroll else {
            try w.element("div", ["class": "table-frame"], content: content)
            return
        }
        try w.element("div", ["class": "table-wrap"]) {
            try w.element(
                "p", ["class": "table-hint", "id": "\(id)_hint"],
                text: "Scroll the table sideways to see all of it.")
            try w.element(
                "div",
                [
                    "class": "table-frame scrollable", "id": "\(id)_table", "role": "region", "tabindex": "0",
                    "aria-label": label, "aria-describedby": "\(id)_hint",
                ], content: content)
        }
    }

    /// The style rules that take this table's frame out of the tab order, and hide its
    /// hint, at the window widths where its frame holds it (empty for a table that never
    /// scrolls). The frame is the window less the page's padding (15 px each side up to
    /// 640 px, 30 px from 641 px), at most 640 px; the cells' padding changes at 641 px too.
    /// (Media queries, not container queries, which the W3C validator does not know yet.)
    var styleRules: String {
        guard mayScroll else { return "" }
        func rule(_ media: String) -> String {
            "@media \(media) { #\(id)_table { visibility: hidden; } #\(id)_table > table { visibility: visible; } "
                + "#\(id)_hint { display: none; } }\n"
        }
        func needed(_ padding: Double) -> Int { Int((minimumWidth(padding: padding) + Self.allowance).rounded(.up)) }
        var rules = ""
        let narrow = needed(Self.narrowPadding)
        if narrow + 30 <= 640 { rules += rule("screen and (min-width: \(narrow + 30)px) and (max-width: 640px)") }
        let wide = needed(Self.widePadding)
        if wide <= 640 { rules += rule("screen and (min-width: \(max(641, wide + 60))px)") }
        return rules
    }
}
