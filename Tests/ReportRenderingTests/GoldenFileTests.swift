import Foundation
import Testing

/// The reference cohort's rendered output, compared byte for byte with reviewed
/// golden files in `Tests/ReportRenderingTests/Golden/`.
///
/// To re-record after an intended change: `PANELREPORT_RECORD=1 swift test --filter GoldenFileTests`,
/// then review the diff of the golden files. A recording run fails on purpose, so
/// nobody records by accident.
@Suite struct GoldenFileTests {
    static let goldenRoot = ReferenceBuild.root.appendingPathComponent("Tests/ReportRenderingTests/Golden")
    static let recording = ProcessInfo.processInfo.environment["PANELREPORT_RECORD"] == "1"

    static let cases: [(String, String)] =
        ReferenceBuild.published.keys.sorted().map { ("published", $0) } + [("draft", "report.html")]

    /// The page embeds the whole style sheet; a golden page holds a marker in its
    /// place (checked against the style sheet separately), so a change to the CSS
    /// does not re-record every golden page.
    static let styleMarker = "/* Templates/report.css, embedded verbatim */"

    static func withStyleMarker(_ html: Data) -> (page: Data, css: String?) {
        let text = String(decoding: html, as: UTF8.self)
        guard let open = text.range(of: "<style>"), let close = text.range(of: "</style>", range: open.upperBound..<text.endIndex) else {
            return (html, nil)
        }
        let css = String(text[open.upperBound..<close.lowerBound])
        return (Data((text[..<open.upperBound] + styleMarker + text[close.lowerBound...]).utf8), css)
    }

    @Test(arguments: cases)
    func matchesItsGoldenFile(build: String, path: String) throws {
        var actual = try #require((build == "draft" ? ReferenceBuild.draft : ReferenceBuild.published)[path])
        if path.hasSuffix(".html") {
            let (page, css) = Self.withStyleMarker(actual)
            #expect(css == ReferenceBuild.templates.styleSheet.text, "the page does not embed Templates/report.css as it is")
            actual = page
        }
        let golden = Self.goldenRoot.appendingPathComponent(build).appendingPathComponent(path)
        if Self.recording {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: golden)
            Issue.record("recorded \(build)/\(path); review the diff, then run again without PANELREPORT_RECORD")
            return
        }
        let expected = try Data(contentsOf: golden)
        if actual != expected {
            let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            Issue.record(
                """
                \(build)/\(path) differs from its golden file at line \(line + 1):
                  golden: \(line < e.count ? String(e[line].prefix(300)) : "<end of file>")
                  actual: \(line < a.count ? String(a[line].prefix(300)) : "<end of file>")
                If the change is intended, re-record with PANELREPORT_RECORD=1 and review the diff.
                """)
        }
    }

    /// A golden file the build no longer writes would otherwise go unnoticed.
    @Test func everyGoldenFileIsStillProduced() throws {
        let folder = Self.goldenRoot.appendingPathComponent("published")
        var golden: [String] = []
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        where !url.hasDirectoryPath {
            golden.append(String(url.path.dropFirst(folder.path.count + 1)))
        }
        #expect(golden.sorted() == ReferenceBuild.published.keys.sorted())
    }
}
