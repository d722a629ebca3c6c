import Foundation
import ReportRendering

/// Reads the templates folder into memory.
enum TemplateReading {
    static func read(_ folder: String) throws -> TemplateFiles {
        let fs = FileManager.default
        let chaptersFolder = folder + "/chapters"
        guard let names = try? fs.contentsOfDirectory(atPath: chaptersFolder) else {
            throw Failure(.missingInput, "\(chaptersFolder): no such folder; the report's chapters are Markdown files there")
        }
        let chapterNames = names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
        guard !chapterNames.isEmpty else {
            throw Failure(.missingInput, "\(chaptersFolder): no chapter files (*.md)")
        }
        func text(_ path: String) throws -> String {
            guard let data = fs.contents(atPath: path) else {
                throw Failure(.missingInput, "\(path): no such file")
            }
            guard let string = String(data: data, encoding: .utf8) else {
                throw Failure(.badData, "\(path): not UTF-8 text; save it as UTF-8")
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
        return TemplateFiles(folder: folder, chapters: chapters, styleSheet: (styleSheet, try text(styleSheet)), diagrams: diagrams)
    }
}
