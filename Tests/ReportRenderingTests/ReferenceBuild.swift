import CaseLoading
import CaseModel
import CaseValidation
import Foundation

@testable import ReportRendering

/// The reference cohort and the real templates, built in memory as the CLI builds them.
enum ReferenceBuild {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) -> String {
        try! String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static let cohort: Cohort = {
        var files: [String: [UInt8]] = [:]
        let inputs = root.appendingPathComponent("Inputs")
        for case let url as URL in FileManager.default.enumerator(at: inputs, includingPropertiesForKeys: nil)!
        where url.pathExtension == "yaml" {
            files["Inputs/" + String(url.path.dropFirst(inputs.path.count + 1))] = [UInt8](try! Data(contentsOf: url))
        }
        let result = CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: files))
        guard let cohort = result.cohort else { fatalError("\(result.diagnostics)") }
        return cohort
    }()

    static let templates: TemplateFiles = {
        let names = try! FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Templates/chapters").path)
            .filter { $0.hasSuffix(".md") }.sorted()
        var diagrams: [String: (path: String, text: String)] = [:]
        for definition in FigureRegistry.all {
            guard let file = definition.diagramFile else { continue }
            diagrams[definition.id] = ("Templates/\(file)", text("Templates/\(file)"))
        }
        // Every other figures/ID.yaml declares an analysis, as TemplateReading reads them.
        var declarations: [String: (path: String, text: String)] = [:]
        let figures = try! FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Templates/figures").path)
        for name in figures.sorted() where name.hasSuffix(".yaml") && diagrams[String(name.dropLast(5))] == nil {
            declarations[String(name.dropLast(5))] = ("Templates/figures/\(name)", text("Templates/figures/\(name)"))
        }
        return TemplateFiles(
            folder: "Templates",
            chapters: names.map { ("Templates/chapters/\($0)", text("Templates/chapters/\($0)")) },
            styleSheet: ("Templates/report.css", text("Templates/report.css")),
            diagrams: diagrams, declarations: declarations)
    }()

    /// A fixed draft stamp, so the golden draft does not depend on the clock.
    static let stamp = DraftStamp(built: "2021-09-01T09:30:00Z", inputs: "0123456789ab")

    static func build(draft: Bool = false, baseline: Baseline? = nil) throws -> [String: Data] {
        let files = try ReportBuilder.build(
            cohort, templates: templates,
            options: BuildOptions(
                draft: draft, baseline: baseline, stamp: draft ? stamp : nil)
        ).files
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.bytes) })
    }

    /// Every figure the reference templates can show: built-in, then declared.
    static var definitions: [FigureDefinition] {
        PreparedBuild(cohort, templates: templates, options: BuildOptions(draft: false)).definitions
    }

    /// The number each figure gets from where the reference chapters place it.
    static let numbers: [String: Int] = FigureNumbering.numbers(templates)

    static let published: [String: Data] = try! build()
    static let draft: [String: Data] = try! build(draft: true)
}
