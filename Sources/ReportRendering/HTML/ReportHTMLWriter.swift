import CaseModel
import ChartLayout
import CohortStatistics
import XMLWriter

/// Writes the report as one self-contained HTML5 page through ``XMLWriter``.
///
/// Chapters become sections (`#` → `h2`, the report title being the page's `h1`),
/// figures become `<figure>`s with their inline SVG, a data table and a link to
/// their CSV file. No markup is assembled from strings.
public enum ReportHTMLWriter {
    /// The content security policy: nothing is fetched, nothing runs.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

    /// The policy of a page served by `panel-report preview`: the same, but its
    /// reload script may be loaded from the preview server and ask it for the
    /// build number. Scripts written inline stay refused.
    static let previewContentSecurityPolicy = contentSecurityPolicy + "; script-src 'self'; connect-src 'self'"

    public static func html(_ page: ReportPage) throws -> String {
        let frames = tableFrames(page)
        let changesFrame = page.draft?.changes.map(DraftSections.changesFrame)
        let w = try XMLWriter(kind: .html)
        try w.element("html", ["lang": "en-GB"]) {
            try w.element("head") {
                try w.element("meta", ["charset": "UTF-8"])
                try w.element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
                try w.element(
                    "meta",
                    [
                        "http-equiv": "Content-Security-Policy",
                        "content": page.previewScript == nil ? contentSecurityPolicy : previewContentSecurityPolicy,
                    ])
                try w.element("title", text: (page.draft == nil ? "" : "DRAFT: ") + page.review.title)
                try w.styleSheet(page.css)
                try w.styleSheet(pageStyle(page, frames: frames, changesFrame: changesFrame))
            }
            try w.element("body", page.draft == nil ? [:] : ["class": "draft"]) {
                try w.element("a", ["class": "skip-link", "href": "#main"], text: "Skip to main content")
                try masthead(page, w)
                try w.element("div", ["class": "width-container"]) {
                    try contents(page, w)
                    try w.element("main", ["id": "main"]) {
                        if let draft = page.draft { try DraftSections.changes(draft, frame: changesFrame, w) }
                        if let key = page.disclosureKey {
                            try w.element("p", ["class": "disclosure-key", "role": "note"], text: key)
                        }
                        var blocks = BlockWriter(page: page, writer: w, tableFrames: frames)
                        for chapter in page.chapters {
                            try w.element("section", ["class": "chapter", "aria-labelledby": chapter.id]) {
                                for block in chapter.blocks { try blocks.write(block) }
                                try backToContents(w)
                            }
                        }
                        try DataSection.write(page, w)
                        if let draft = page.draft { try DraftSections.annex(draft, page: page, w) }
                    }
                    try w.element("footer", ["class": "report-footer"]) {
                        try w.element(
                            "p",
                            text: page.draft == nil
                                ? "\(page.review.publisher). Published \(DateWords.long(page.review.published))."
                                : "\(page.review.publisher). A draft for reviewers: not published.")
                        try w.element(
                            "p",
                            text:
                                "Every number in this report is computed from the review's structured case summaries; shares are "
                                + "rounded to the nearest whole percent."
                        )
                    }
                }
                if let script = page.previewScript { try w.element("script", ["src": script]) }
            }
        }
        return try w.finish()
    }

    /// Each chart figure's table frame, by figure id: made once, for the page's
    /// style rules and for the tables (as is the draft's table of changed counts).
    static func tableFrames(_ page: ReportPage) -> [String: TableFrame] {
        var frames: [String: TableFrame] = [:]
        for figure in page.figures {
            if case .chart(let spec) = figure.content {
                frames[figure.id] = FigureWriter.tableFrame(spec, figure: figure, baseline: page.draft?.baseline)
            }
        }
        return frames
    }

    /// The style the page adds to `report.css`: what depends on this report's title and
    /// tables, written as CSS text (through ``XMLWriter/styleSheet(_:)``, never as markup).
    static func pageStyle(_ page: ReportPage, frames: [String: TableFrame], changesFrame: TableFrame?) -> String {
        // The report's title in the margin of every printed page (report.css numbers them).
        var css = "@page { @bottom-left { content: \(cssString(page.review.title)); } }\n"
        for figure in page.figures {
            if let frame = frames[figure.id] { css += frame.styleRules }
        }
        if let changes = changesFrame {
            css += changes.styleRules
        }
        return css
    }

    /// `text` as a quoted CSS string: quotes and backslashes escaped, and the characters
    /// an HTML style element must not hold written as CSS escapes.
    static func cssString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\": result += "\\" + String(scalar)
            case "<", ">", "&", "\n", "\r", "\t": result += "\\" + String(scalar.value, radix: 16, uppercase: true) + " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// GOV.UK's back-to-top link, at the end of every chapter of a long page.
    static func backToContents(_ w: XMLWriter) throws {
        try w.element("p", ["class": "back-to-contents"]) {
            try w.element("a", ["href": "#contents-heading"]) {
                try w.element(
                    "svg",
                    attributes: [
                        ("class", "back-to-contents-arrow"), ("aria-hidden", "true"), ("focusable", "false"),
                        ("width", "13"), ("height", "17"), ("viewBox", "0 0 13 17"),
                    ]
                ) {
                    try w.element("path", attributes: [("fill", "currentColor"), ("d", "M6.5 0L0 6.5 1.4 8l4-4v12.7h2V4l4.3 4L13 6.4z")])
                }
                try w.text("Contents")
            }
        }
    }

    private static func masthead(_ page: ReportPage, _ w: XMLWriter) throws {
        try w.element("header", ["class": "masthead"]) {
            if page.draft != nil {
                // In the page's banner landmark, across the whole width, above everything.
                try w.element(
                    "p", ["class": "draft-banner", "role": "note"],
                    text: "DRAFT for reviewers: not for publication")
            }
            try w.element("div", ["class": "width-container"]) {
                try w.element("p", ["class": "publisher"], text: page.review.publisher)
                try w.element("h1", text: page.review.title)
                if let subtitle = page.review.subtitle, !subtitle.isEmpty {
                    try w.element("p", ["class": "subtitle"], text: subtitle)
                }
                if let stamp = page.draft?.stamp {
                    // A draft is not published: it says when it was built, and from which inputs.
                    try w.element(
                        "p", ["class": "published"],
                        text: "Draft built \(DateWords.long(isoTimestamp: stamp.built)) (\(stamp.built)) from inputs \(stamp.inputs)")
                    try w.element("p", ["class": "digest-note"], text: DraftSections.digestNote)
                } else {
                    try w.element("p", ["class": "published"], text: "Published \(DateWords.long(page.review.published))")
                }
            }
        }
    }

    private static func contents(_ page: ReportPage, _ w: XMLWriter) throws {
        try w.element("nav", ["class": "contents", "aria-labelledby": "contents-heading"]) {
            try w.element("h2", ["id": "contents-heading"], text: "Contents")
            try w.element("ol") {
                if page.draft?.baseline != nil {
                    try w.element("li") { try w.element("a", ["href": "#changes"], text: "Changes since the baseline") }
                }
                for chapter in page.chapters {
                    try w.element("li") { try w.element("a", ["href": "#\(chapter.id)"], text: chapter.title) }
                }
                try w.element("li") { try w.element("a", ["href": "#\(DataSection.id)"], text: "Data") }
                if page.draft != nil {
                    try w.element("li") { try w.element("a", ["href": "#reviewers-annex"], text: "Reviewers' annex") }
                }
            }
        }
    }
}
