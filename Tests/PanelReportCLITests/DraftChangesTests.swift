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
        let digest = try Self.digest(scratch.url.appendingPathComponent("first/report.html"))
        #expect(
            html.contains(
                "<h2 id=\"changes\">Changes since the draft built 14 November 2023 (2023-11-14T22:13:20Z) from inputs \(digest) "
                    + "(cases.json)</h2><p>The inputs digest is a short fingerprint"), "\(html)")
        let section = try Self.changes(html)
        let items = section.components(separatedBy: "<li>").dropFirst().map { $0.components(separatedBy: "</li>")[0] }
        // The one word-level change: the sentence put before the summary, marked as inserted.
        let kept = Self.summary(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            items == [
                "C24 added", "C03 removed", "C07 changed:<ul>", "Summary: <ins>Corrected after the meeting.</ins> \(kept)",
            ], "\(items)")
        #expect(section.contains("No count has changed."))
        #expect(!section.contains("share moved"))
        #expect(!html.contains(scratch.url.path), "the baseline's folder is printed")
        // The draft says when it was built and from what, not a publication date.
        #expect(html.contains(#"<p class="published">Draft built 14 November 2023 (2023-11-14T22:13:20Z) from inputs "#))
        // … and says what the digest it prints is.
        #expect(html.contains(#"</p><p class="digest-note">The inputs digest is a short fingerprint of the case summaries"#))
        // A published build never carries the cases.
        let published = try CLI.run(["build", "--inputs", inputs.path, "--output", scratch.url.appendingPathComponent("published").path])
        #expect(published.status == 0)
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("published/data/cases.json").path))
    }

    /// A list field lists the items added and removed, a coded field its labels
    /// before and now, and a text the words deleted and inserted, each under the
    /// name the report gives the field.
    @Test func aChangedCaseIsShownInTheReportsWords() throws {
        let scratch = try Scratch()
        let inputs = URL(fileURLWithPath: try scratch.copy("Inputs"))
        let environment = ["SOURCE_DATE_EPOCH": "1700000000"]
        let first = try CLI.run(
            ["build", "--draft", "--inputs", inputs.path, "--output", scratch.url.appendingPathComponent("first").path],
            environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let c07 = inputs.appendingPathComponent("cases/C07.yaml")
        let text = try String(contentsOf: c07, encoding: .utf8)
        let summary = Self.summary(text).split(whereSeparator: \.isWhitespace).map(String.init)
        let edited =
            text.replacingOccurrences(of: "injuries: [head-injury, fracture]", with: "injuries: [head-injury, bruising]")
            .replacingOccurrences(of: "relationship: birth-father", with: "relationship: mothers-partner")
            .replacingOccurrences(of: "  " + summary[0] + " " + summary[1], with: "  " + summary[0] + " plainly " + summary[1])
        try edited.write(to: c07, atomically: true, encoding: .utf8)
        let second = try CLI.run(
            [
                "build", "--draft", "--inputs", inputs.path, "--baseline",
                scratch.url.appendingPathComponent("first/data/cases.json").path,
                "--output", scratch.url.appendingPathComponent("second").path,
            ], environment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        let section = try Self.changes(
            try String(contentsOf: scratch.url.appendingPathComponent("second/report.html"), encoding: .utf8))
        let rest = summary.dropFirst().joined(separator: " ")
        #expect(
            section.contains(
                "<li>C07 changed:<ul><li>Injuries: added <ins>Bruising</ins>; removed <del>Fractures</del></li>"
                    + "<li>Relationship of the male carer: <del>Birth father</del> → <ins>Mother's partner</ins></li>"
                    + "<li>Summary: \(summary[0]) <ins>plainly</ins> \(rest)</li></ul></li>"), "\(section)")
        #expect(!section.contains("male_carer.relationship"), "\(section)")
    }

    /// The changes section of a draft's page.
    static func changes(_ html: String) throws -> String {
        try #require(
            html.range(of: "<section class=\"changes\"").map { html[$0.lowerBound...] }?
                .components(separatedBy: "</section>").first)
    }

    /// The inputs digest a draft's header prints.
    static func digest(_ page: URL) throws -> String {
        let html = try String(contentsOf: page, encoding: .utf8)
        let after = try #require(html.range(of: ") from inputs ")).upperBound
        return String(html[after...].prefix { $0.isHexDigit })
    }

    /// A case file's summary as the loader reads it (a literal block, trimmed).
    static func summary(_ yaml: String) -> String {
        let lines = yaml.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "summary: |") else { return "" }
        return lines[(start + 1)...].prefix { $0.hasPrefix("  ") }.map { String($0.dropFirst(2)) }.joined(separator: "\n")
    }
}
