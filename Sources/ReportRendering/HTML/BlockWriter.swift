import ChartLayout
import CohortStatistics
import XMLWriter

/// Writes a chapter's blocks and inlines.
struct BlockWriter {
    let page: ReportPage
    let w: XMLWriter
    private let figuresByID: [String: Figure]

    /// The chart figures' table frames, made once for the page's style rules and its tables.
    private let tableFrames: [String: TableFrame]

    init(page: ReportPage, writer: XMLWriter, tableFrames: [String: TableFrame]) {
        self.page = page
        self.w = writer
        self.tableFrames = tableFrames
        figuresByID = Dictionary(uniqueKeysWithValues: page.figures.map { ($0.id, $0) })
    }

    mutating func write(_ block: Block) throws {
        switch block {
        case .heading(let level, let id, let inlines):
            // The page title is the h1; a chapter title (#) is an h2.
            try w.element("h\(min(level + 1, 6))", ["id": id]) { try write(inlines) }
        case .paragraph(let inlines):
            try w.element("p") { try write(inlines) }
        case .list(let ordered, let items):
            try w.element(ordered ? "ol" : "ul") {
                for item in items {
                    try w.element("li") {
                        // A tight list item is one paragraph: write its text without a <p>.
                        if item.count == 1, case .paragraph(let inlines) = item[0] {
                            try write(inlines)
                        } else {
                            for b in item { try write(b) }
                        }
                    }
                }
            }
        case .quote(let blocks):
            try w.element("blockquote") { for b in blocks { try write(b) } }
        case .rule:
            try w.element("hr")
        case .figure(let id):
            guard let figure = figuresByID[id] else { return }
            try FigureWriter.write(
                figure, scenes: page.scenes[id], baseline: page.draft?.baseline, disclosureKey: page.disclosureKey,
                frame: tableFrames[id], into: w)
        case .learning(let theme):
            try learning(theme)
        }
    }

    func write(_ inlines: [Inline]) throws {
        for inline in inlines { try write(inline) }
    }

    func write(_ inline: Inline) throws {
        switch inline {
        case .text(let s): try w.text(s)
        case .emphasis(let c): try w.element("em") { try write(c) }
        case .strong(let c): try w.element("strong") { try write(c) }
        case .code(let s): try w.element("code", text: s)
        case .link(let url, let c): try w.element("a", ["href": url]) { try write(c) }
        case .lineBreak: try w.element("br")
        case .changed(let current, let previous):
            try Self.changed(current, was: previous, w)
        case .withheld(let c):
            try Self.withheld(w) { try write(c) }
        }
    }

    /// A true value that a published build would withhold, as a draft shows it:
    /// marked, and followed by what the published report prints instead. In a
    /// table cell (`compact`) just "([c])", so the table still fits a phone.
    static func withheld(_ w: XMLWriter, compact: Bool = false, _ content: () throws -> Void) throws {
        try w.element("mark", ["class": "withheld"]) {
            try content()
            try w.text(compact ? " (\(Disclosure.symbol))" : " (\(Disclosure.symbol) when published)")
        }
    }

    /// A value that changed since a draft's baseline: the current one, marked, with what it was.
    /// The one place that markup is written, for the prose and the data tables alike.
    static func changed(_ current: String, was previous: String, _ w: XMLWriter) throws {
        try w.element("mark", ["class": "changed"]) {
            try w.text(current)
            try w.element("span", ["class": "previous"], text: " (was \(previous))")
        }
    }

    private func learning(_ theme: String) throws {
        let published = page.statistics.themes.publishableLearning.first { $0.theme == theme }
        let unpublished = page.draft == nil ? nil : page.statistics.themes.unpublishedLearning.first { $0.theme == theme }
        try w.element("div", ["class": "learning"]) {
            try w.element("p", ["class": "learning-heading"], text: "Learning points")
            if let points = published?.points, !points.isEmpty {
                try w.element("ul") {
                    for point in points {
                        try w.element("li") {
                            try w.text(point.text)
                            if page.draft != nil { try w.element("span", ["class": "case-ref"], text: " (\(point.caseID))") }
                        }
                    }
                }
            } else if page.statistics.themes.learningRecorded {
                try w.element("p", text: "No learning points for this theme were marked for publication.")
            } else {
                // A spreadsheet cohort without learning.csv: nothing could have been marked.
                try w.element("p", text: "No learning points are recorded for this cohort.")
            }
            if let points = unpublished?.points, !points.isEmpty {
                try w.element("p", ["class": "unpublished-heading"], text: "Not for publication (draft only)")
                try w.element("ul", ["class": "unpublished"]) {
                    for point in points { try w.element("li", text: "\(point.text) (\(point.caseID))") }
                }
            }
        }
    }
}
