import CaseLoading
import CaseModel
import XMLWriter

/// Checks a template's text for what the page cannot carry, before anything is
/// rendered, so that an author is told the file and line rather than meeting the
/// XML writer's refusal (which stays as the last line of defence).
enum SourceCheck {
    /// Each line's first character that the writer refuses (a control character
    /// such as U+000B, a noncharacter such as U+FFFE), or that would reorder or hide
    /// text (bidirectional controls, zero-width spaces): the rule for the inputs'
    /// free text, which keeps the joiners some scripts need. A byte-order mark that
    /// starts the file is not text.
    static func characters(_ text: String, file: String) -> [TemplateProblem] {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text
        return lines(text).enumerated().compactMap { index, line in
            line.unicodeScalars.first(where: isRefused).map {
                TemplateProblem(file: file, line: index + 1, reason: .characterNotAllowed($0))
            }
        }
    }

    static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        XMLWriter.refuses(scalar) || (scalar.isInvisibleFormatting && !scalar.isJoinerControl)
    }

    /// The text's lines as an editor numbers them (CRLF, LF or a lone CR ends one).
    static func lines(_ text: String) -> [Substring] {
        text.normalisingLineEndings().split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The style sheet's problems: characters the page cannot carry, and text that
    /// would end the `<style>` element early or change its meaning (`<`, `&`, `]]>`).
    static func styleSheet(_ css: String, file: String) -> [TemplateProblem] {
        var problems = characters(css, file: file)
        for (index, line) in lines(css).enumerated() {
            if let found = XMLWriter.styleSheetProblem(String(line)) {
                problems.append(TemplateProblem(file: file, line: index + 1, reason: .refused(
                    "\(found.quotedForDiagnostic) cannot appear in the style sheet (it would end or change the page's <style> element); write it without (inside a CSS string, escape < as \\3C and & as \\26)")))
            }
        }
        return problems
    }
}
