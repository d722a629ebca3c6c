/// Numbers figures by where they stand, as Quarto and LaTeX do: the first figure
/// placed in the chapters (in reading order) is Figure 1.
///
/// The numbers are needed before any chapter is resolved, because a
/// `{{ ref: … }}` may point forward to a figure placed in a later chapter. So the
/// directive lines are read first, on their own: they are whole lines, found the
/// same way the chapter reader finds them. Whether a placement is valid (a known
/// id, placed once) is the chapter reader's to report, with its line.
enum FigureNumbering {
    /// The numbers of the figures the templates place.
    static func numbers(_ templates: TemplateFiles) -> [String: Int] { numbers(templates.chapters, ids: templates.figureIDs) }

    /// `ids`: every figure id a chapter may place (built-in and declared).
    static func numbers(_ chapters: [(path: String, text: String)], ids: [String]) -> [String: Int] {
        let ids = Set(ids)
        var numbers: [String: Int] = [:]
        for chapter in chapters {
            for line in SourceCheck.lines(chapter.text) {
                guard let directive = Directive(line), directive.kind == .figure,
                    ids.contains(directive.name),
                    numbers[directive.name] == nil
                else { continue }
                numbers[directive.name] = numbers.count + 1
            }
        }
        return numbers
    }
}
