import Foundation
import Platform
import XMLWriter

/// The page `panel-report preview` serves while the inputs or templates have
/// problems: every one of them, each with the line of the file it is about, and
/// the same reload script as the report, so that it turns back into the report by
/// itself once the files are fixed. Written through ``XMLWriter`` like the report.
enum PreviewProblemsPage {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action "
        + "'none'"

    static let css = """
        body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem; color: #0b0c0c; line-height: 1.45; }
        h1 { font-size: 1.6rem; margin: 0.5rem 0 0.25rem; }
        .lead { margin-top: 0; }
        ol { padding-left: 0; list-style: none; }
        li { border-left: 5px solid #d4351c; padding: 0.25rem 0 0.25rem 0.75rem; margin: 0 0 1rem; }
        li.warning { border-left-color: #f47738; }
        .place { font-family: ui-monospace, monospace; font-weight: bold; margin: 0; overflow-wrap: anywhere; }
        .message { margin: 0.25rem 0; }
        pre { background: #f3f2f1; padding: 0.5rem; margin: 0.25rem 0 0; overflow-x: auto; }
        .number { color: #505a5f; user-select: none; }
        """

    static func html(_ problems: [PreviewProblem], inputs: String, templates: String, reloadScript: String) throws -> String {
        let errors = problems.filter { !$0.isWarning }.count
        let w = try XMLWriter(kind: .html)
        try w.element("html", ["lang": "en-GB"]) {
            try w.element("head") {
                try w.element("meta", ["charset": "UTF-8"])
                try w.element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
                try w.element("meta", ["http-equiv": "Content-Security-Policy", "content": contentSecurityPolicy])
                try w.element("title", text: "Preview: \(count(errors, "problem", "problems")) to fix")
                try w.styleSheet(css)
            }
            try w.element("body") {
                try w.element("main") {
                    try w.element("h1", text: "The report cannot be built: \(count(errors, "problem", "problems")) to fix")
                    try w.element(
                        "p", ["class": "lead"],
                        text: "Fix the files in \(Printable.text(inputs)) and \(Printable.text(templates)) and save them: "
                            + "this page turns back into the report by itself. Nothing was written to disk.")
                    try w.element("ol") {
                        for problem in problems { try item(problem, w) }
                    }
                }
                try w.element("script", ["src": reloadScript])
            }
        }
        return try w.finish()
    }

    private static func item(_ problem: PreviewProblem, _ w: XMLWriter) throws {
        try w.element("li", problem.isWarning ? ["class": "warning"] : [:]) {
            try w.element("p", ["class": "place"], text: Printable.text(problem.place))
            try w.element("p", ["class": "message"], text: (problem.isWarning ? "Warning: " : "") + Printable.text(problem.message))
            if let line = problem.line, let source = problem.source {
                let number = String(line)
                try w.element("pre") {
                    try w.element("code") {
                        try w.element("span", ["class": "number"], text: number + " | ")
                        try w.text(source)
                        if let column = problem.column, column >= 1, column <= source.count + 1 {
                            try w.text("\n")
                            try w.element("span", ["class": "number"], text: String(repeating: " ", count: number.count) + " | ")
                            try w.text(String(repeating: " ", count: column - 1) + "^")
                        }
                    }
                }
            }
        }
    }

    private static func count(_ n: Int, _ one: String, _ many: String) -> String {
        n == 1 ? "1 \(one)" : "\(n) \(many)"
    }
}
