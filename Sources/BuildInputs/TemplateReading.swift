import Foundation
import Platform
import ReportRendering

/// Reads the templates folder into memory.
///
/// Each file (chapter, style sheet, Figure 7's description) must be a regular
/// file of at most ``FileReading/maxFileBytes`` bytes, counted as it is read: a
/// folder, a named pipe or a device given as a chapter is refused by name, and
/// never opened for reading.
public enum TemplateReading {
    public static func read(_ folder: String) throws -> TemplateFiles {
        let chaptersFolder = folder + "/chapters"
        guard let names = try? Directory.names(chaptersFolder) else {
            throw Failure(
                .missingInput, "\(Printable.text(chaptersFolder)): no such folder; the report's chapters are Markdown files there")
        }
        let chapterNames = names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
        guard !chapterNames.isEmpty else {
            throw Failure(.missingInput, "\(Printable.text(chaptersFolder)): no chapter files (*.md)")
        }
        func text(_ path: String) throws -> String {
            let bytes = try FileReading.wholeFile(path)
            guard let string = String(data: Data(bytes), encoding: .utf8) else {
                throw Failure(.badData, file: path, "\(Printable.text(path)): not UTF-8 text; save it as UTF-8")
            }
            return string
        }
        let chapters = try chapterNames.map { name in (path: "\(chaptersFolder)/\(name)", text: try text("\(chaptersFolder)/\(name)")) }
        let styleSheet = folder + "/report.css"
        var diagrams: [String: (path: String, text: String)] = [:]
        for definition in FigureRegistry.all {
            guard let file = definition.diagramFile else { continue }
            diagrams[definition.id] = (folder + "/" + file, try text(folder + "/" + file))
        }
        // Every other `figures/ID.yaml` declares an analysis (`kind: crosstab` or `co-occurrence`).
        var declarations: [String: (path: String, text: String)] = [:]
        let builtIn = Set(FigureRegistry.all.compactMap(\.diagramFile))
        for name in ((try? Directory.names(folder + "/figures")) ?? []).sorted()
        where name.hasSuffix(".yaml") && !name.hasPrefix(".") && !builtIn.contains("figures/" + name) {
            let path = folder + "/figures/" + name
            declarations[String(name.dropLast(5))] = (path, try text(path))
        }
        return TemplateFiles(
            folder: folder, chapters: chapters, styleSheet: (styleSheet, try text(styleSheet)), diagrams: diagrams,
            declarations: declarations)
    }
}
