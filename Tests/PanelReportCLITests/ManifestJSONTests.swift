import Foundation
import Testing

@testable import BuildInputs
@testable import OutputFolder
@testable import PanelReportCLI
@testable import Platform
@testable import Preview

/// manifest.json keeps the bytes earlier manifests hold (sorted keys, two-space
/// indentation, a final newline), and `Codable` reads it back.
@Suite struct ManifestJSONTests {
    static func encoderBytes(_ manifest: Manifest) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(manifest) + Data([0x0A])
    }

    @Test(arguments: [OutputWriter.Kind.published, .draft])
    func theBytesAreJSONEncodersAndReadBack(kind: OutputWriter.Kind) throws {
        let files: [(path: String, bytes: Data)] = [
            ("report.html", Data("<html></html>".utf8)), ("data/statistics.json", Data()),
            ("figures/figure-10.svg", Data([0, 1, 2])), ("data/C\u{e9}\"x\\/y.csv", Data([3])),
        ]
        let manifest = Manifest(
            kind: kind, draftBuilt: kind == .draft ? "2026-11-29T22:50:00Z" : nil, files: files, version: PanelReport.version)
        let written = manifest.data()
        #expect(written == (try Self.encoderBytes(manifest)))
        // The shape earlier manifests have: keys in order, two spaces a level, "/" as it is, a final newline.
        let text = String(decoding: written, as: UTF8.self)
        let keys = ["\"files\" : [", "\"kind\" : \"\(kind.rawValue)\"", "\"schema\" : 2", "\"tool\" : {"]
        let places = keys.map { text.range(of: "\n  " + $0)?.lowerBound }
        #expect(places.allSatisfy { $0 != nil } && places.map { $0! } == places.map { $0! }.sorted(), "\(text)")
        #expect(text.contains(#""path" : "data/C\#u{e9}\"x\\/y.csv""#), "\(text)")
        #expect(text.hasPrefix("{\n") && text.hasSuffix("}\n"))
        // What the report was built from is not in it (see BuildSource).
        #expect(!text.contains("sources"), "\(text)")
        #expect(try JSONDecoder().decode(Manifest.self, from: written) == manifest)
    }

    /// A manifest an earlier panel-report wrote (schema 1, with its sources) is
    /// still read, so its folder and its releases can be verified and rolled back to.
    @Test func aSchemaOneManifestIsReadWithoutItsSources() throws {
        let scratch = try Scratch()
        let digest = String(repeating: "a", count: 64)
        try scratch.write(
            "manifest.json",
            #"{"files": [{"path": "report.html", "sha256": "\#(digest)", "size": 3}], "kind": "published", "schema": 1, "#
                + #""sources": [{"path": "inputs/review.yaml", "sha256": "\#(digest)"}], "tool": {"name": "panel-report", "version": "0.9.0"}}"#
        )
        let manifest = try Manifest.read(from: scratch.url.path)
        #expect(manifest.schema == 1 && manifest.files.map(\.path) == ["report.html"])
        try scratch.write(
            "manifest.json", #"{"files": [], "kind": "published", "schema": 3, "tool": {"name": "panel-report", "version": "9.0.0"}}"#)
        #expect(throws: Manifest.ReadProblem.self) { try Manifest.read(from: scratch.url.path) }
    }

    /// A record keeps the sources of any path and digest text, and reads them back.
    @Test func aRecordKeepsItsSourcesWhateverTheirNames() throws {
        let sources = [
            BuildSource(path: "inputs/cases/C\u{e9}\"x\\/y\nz.yaml", sha256: "unreadable: permission denied"),
            BuildSource(path: "inputs/review.yaml", sha256: String(repeating: "b", count: 64)),
            BuildSource(path: "options/suppress-below=3", sha256: String(repeating: "c", count: 64)),
        ]
        let record = OutputWriter.Record(kind: .draft, files: ["manifest.json", "report.html"], sources: sources)
        #expect(OutputWriter.Record(text: record.text) == record, "\(record.text)")
        #expect(record.text.hasPrefix("draft\nfiles:\nmanifest.json\nreport.html\nsources:\n{"), "\(record.text)")
        // An earlier panel-report's record (no sources) still reads, as one without them.
        #expect(
            OutputWriter.Record(text: "published\nfiles:\nreport.html\n") == OutputWriter.Record(kind: .published, files: ["report.html"]))
        // A damaged sources line is not one of ours.
        #expect(OutputWriter.Record(text: "published\nfiles:\nreport.html\nsources:\nnot json\n") == nil)
    }
}
