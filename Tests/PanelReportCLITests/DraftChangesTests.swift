import Foundation
import Testing

/// A draft against an earlier draft lists what changed case by case.
@Suite struct DraftChangesTests {
    @Test func aDraftListsTheCasesAddedRemovedAndChangedAndNothingElse() throws {
        let scratch = try Scratch()
        let inputs = URL(fileURLWithPath: try scratch.copy("Inputs"))
        let environment = ["SOURCE_DATE_EPOCH": "1700000000"]
        let first = try CLI.run(
            ["build", "--draft", "--inputs", inputs.path, "--output", scratch.url.appendingPathComponent("first").path],
            environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let baseline = scratch.url.appendingPathComponent("first/data/cases.json")
        #expect(FileManager.default.fileExists(atPath: baseline.path))

        // A field no figure shows is corrected, a case arrives, and an identical one leaves,
        // so no count changes at all.
        let cases = inputs.appendingPathComponent("cases")
        let c07 = cases.appendingPathComponent("C07.yaml")
        let text = try String(contentsOf: c07, encoding: .utf8)
        let corrected = text.replacingOccurrences(of: "summary: |\n", with: "summary: |\n  Corrected after the meeting.\n")
        #expect(corrected != text)
        try corrected.write(to: c07, atomically: true, encoding: .utf8)
        let c03 = try String(contentsOf: cases.appendingPathComponent("C03.yaml"), encoding: .utf8)
        try c03.replacingOccurrences(of: "id: C03", with: "id: C24").write(
            to: cases.appendingPathComponent("C24.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: cases.appendingPathComponent("C03.yaml"))

        let second = try CLI.run(
            [
                "build", "--draft", "--inputs", inputs.path, "--baseline", baseline.path,
                "--output", scratch.url.appendingPathComponent("second").path,
            ], environment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        let html = try String(contentsOf: scratch.url.appendingPathComponent("second/report.html"), encoding: .utf8)
        #expect(html.contains("<h2 id=\"changes\">Changes since the draft of 14 November 2023 (cases.json)</h2>"))
        let section = try #require(
            html.range(of: "<section class=\"changes\"").map { html[$0.lowerBound...] }?
                .prefix { _ in true }.components(separatedBy: "</section>").first)
        let items = section.components(separatedBy: "<li>").dropFirst().map { $0.components(separatedBy: "</li>")[0] }
        #expect(
            items == [
                "C24 added", "C03 removed",
                "C07 changed: <code>summary</code> " + "\(Self.summary(text)) → Corrected after the meeting.\n\(Self.summary(text))",
            ], "\(items)")
        #expect(section.contains("No count has changed."))
        #expect(!section.contains("share moved"))
        #expect(!html.contains(scratch.url.path), "the baseline's folder is printed")
        // The draft says when it was built and from what, not a publication date.
        #expect(html.contains(#"<p class="published">Draft built 14 November 2023 (2023-11-14T22:13:20Z) from inputs "#))
        // A published build never carries the cases.
        let published = try CLI.run(["build", "--inputs", inputs.path, "--output", scratch.url.appendingPathComponent("published").path])
        #expect(published.status == 0)
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("published/data/cases.json").path))
    }

    /// A case file's summary as the loader reads it (a literal block, trimmed).
    static func summary(_ yaml: String) -> String {
        let lines = yaml.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "summary: |") else { return "" }
        return lines[(start + 1)...].prefix { $0.hasPrefix("  ") }.map { String($0.dropFirst(2)) }.joined(separator: "\n")
    }
}
