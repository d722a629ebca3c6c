import Foundation
@testable import PanelReportCLI
@testable import BuildInputs
@testable import OutputFolder
@testable import Preview
@testable import Platform
import Testing

/// manifest.json is written by `JSONValue`, and must stay the bytes JSONEncoder
/// wrote (sorted keys, two-space indentation, a final newline), which earlier
/// manifests hold and `Codable` reads back.
@Suite struct ManifestJSONTests {
    static func encoderBytes(_ manifest: Manifest) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(manifest) + Data([0x0A])
    }

    @Test(arguments: [OutputWriter.Kind.published, .draft])
    func theBytesAreJSONEncodersAndReadBack(kind: OutputWriter.Kind) throws {
        let sources = [Manifest.Source(path: "templates/chapters/01-intro.md", sha256: String(repeating: "a", count: 64)),
                       Manifest.Source(path: "inputs/cases/C\u{e9}\"x\\/y.yaml", sha256: String(repeating: "b", count: 64)),
                       Manifest.Source(path: "inputs/*", sha256: String(repeating: "c", count: 64))]
        let files: [(path: String, bytes: Data)] = [("report.html", Data("<html></html>".utf8)), ("data/statistics.json", Data()),
                                                    ("figures/figure-10.svg", Data([0, 1, 2]))]
        let manifest = Manifest(kind: kind, draftBuilt: kind == .draft ? "2026-11-29T22:50:00Z" : nil, sources: sources, files: files,
                                version: PanelReport.version)
        let written = manifest.data()
        #expect(written == (try Self.encoderBytes(manifest)))
        #expect(try JSONDecoder().decode(Manifest.self, from: written) == manifest)
    }
}
