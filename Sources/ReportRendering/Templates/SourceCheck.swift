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
        // One pass over the text first: nearly every template has nothing to report,
        // and then there are no lines to number.
        guard text.unicodeScalars.contains(where: isRefused) else { return [] }
        return lines(text).enumerated().compactMap { index, line in
            line.unicodeScalars.first(where: isRefused).map {
                TemplateProblem(file: file, line: index + 1, reason: .characterNotAllowed($0))
            }
        }
    }

    static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII: only the controls other than tab, LF and CR, and DEL (no ASCII
        // character is a format character), without the Unicode tables.
        if scalar.value < 0x80 {
            return (scalar.value < 0x20 && scalar.value != 0x09 && scalar.value != 0x0A && scalar.value != 0x0D) || scalar.value == 0x7F
        }
        return XMLWriter.refuses(scalar) || (scalar.isInvisibleFormatting && !scalar.isJoinerControl)
    }

    /// The text's lines as an editor numbers them (CRLF, LF or a lone CR ends one).
    static func lines(_ text: String) -> [Substring] {
        // Split on the LF byte: a line feed is always a character of its own (no
        // grapheme cluster joins it), so this is the split by Character, without
        // the grapheme breaking.
        let text = text.normalisingLineEndings()
        return text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// The style sheet's problems: characters the page cannot carry, and text that
    /// would end the `<style>` element early or change its meaning (`<`, `&`, `]]>`).
    static func styleSheet(_ css: String, file: String) -> [TemplateProblem] {
        var problems = characters(css, file: file)
        // A line can only hold what the whole sheet holds: most sheets have none of it.
        guard XMLWriter.styleSheetProblem(css) != nil else { return problems }
        for (index, line) in lines(css).enumerated() {
            if let found = XMLWriter.styleSheetProblem(String(line)) {
                problems.append(
                    TemplateProblem(
                        file: file, line: index + 1,
                        reason: .refused(
                            "\(found.quotedForDiagnostic) cannot appear in the style sheet (it would end or change the page's <style> "
                                + "element); write it without (inside a CSS string, escape < as \\3C and & as \\26)"
                        )))
            }
        }
        return problems
    }
}
