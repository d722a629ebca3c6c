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
        let w = try XMLWriter(kind: .html)
        try w.element("html", ["lang": "en-GB"]) {
            try w.element("head") {
                try w.element("meta", ["charset": "UTF-8"])
                try w.element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
                try w.element("meta", ["http-equiv": "Content-Security-Policy",
                                          "content": page.previewScript == nil ? contentSecurityPolicy : previewContentSecurityPolicy])
                try w.element("title", text: (page.draft == nil ? "" : "DRAFT: ") + page.review.title)
                try w.styleSheet(page.css)
            }
            try w.element("body", page.draft == nil ? [:] : ["class": "draft"]) {
                try w.element("a", ["class": "skip-link", "href": "#main"], text: "Skip to main content")
                if page.draft != nil {
                    try w.element("p", ["class": "draft-banner", "role": "note"],
                                  text: "DRAFT for reviewers: not for publication")
                }
                try masthead(page, w)
                try w.element("div", ["class": "width-container"]) {
                    try contents(page, w)
                    try w.element("main", ["id": "main"]) {
                        if let draft = page.draft { try DraftSections.changes(draft, w) }
                        var blocks = BlockWriter(page: page, writer: w)
                        for chapter in page.chapters {
                            try w.element("section", ["class": "chapter", "aria-labelledby": chapter.id]) {
                                for block in chapter.blocks { try blocks.write(block) }
                            }
                        }
                        if let draft = page.draft { try DraftSections.annex(draft, page: page, w) }
                    }
                    try w.element("footer", ["class": "report-footer"]) {
                        try w.element("p", text: page.draft == nil ? "\(page.review.publisher). Published \(DateWords.long(page.published))."
                                      : "\(page.review.publisher). A draft for reviewers: not published.")
                        try w.element("p", text: "Every number in this report is computed from the review's structured case summaries; shares are rounded to the nearest whole percent.")
                    }
                }
                if let script = page.previewScript { try w.element("script", ["src": script]) }
            }
        }
        return try w.finish()
    }

    private static func masthead(_ page: ReportPage, _ w: XMLWriter) throws {
        try w.element("header", ["class": "masthead"]) {
            try w.element("div", ["class": "width-container"]) {
                try w.element("p", ["class": "publisher"], text: page.review.publisher)
                try w.element("h1", text: page.review.title)
                if let subtitle = page.review.subtitle, !subtitle.isEmpty {
                    try w.element("p", ["class": "subtitle"], text: subtitle)
                }
                if let stamp = page.draft?.stamp {
                    // A draft is not published: it says when it was built, and from which inputs.
                    try w.element("p", ["class": "published"], text: "Draft built \(DateWords.long(isoTimestamp: stamp.built)) (\(stamp.built)) from inputs \(stamp.inputs)")
                } else {
                    try w.element("p", ["class": "published"], text: "Published \(DateWords.long(page.published))")
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
                if page.draft != nil {
                    try w.element("li") { try w.element("a", ["href": "#reviewers-annex"], text: "Reviewers' annex") }
                }
            }
        }
    }
}
