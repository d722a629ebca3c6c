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
        let sources = [
            Manifest.Source(path: "templates/chapters/01-intro.md", sha256: String(repeating: "a", count: 64)),
            Manifest.Source(path: "inputs/cases/C\u{e9}\"x\\/y.yaml", sha256: String(repeating: "b", count: 64)),
            Manifest.Source(path: "inputs/*", sha256: String(repeating: "c", count: 64)),
        ]
        let files: [(path: String, bytes: Data)] = [
            ("report.html", Data("<html></html>".utf8)), ("data/statistics.json", Data()),
            ("figures/figure-10.svg", Data([0, 1, 2])),
        ]
        let manifest = Manifest(
            kind: kind, draftBuilt: kind == .draft ? "2026-11-29T22:50:00Z" : nil, sources: sources, files: files,
            version: PanelReport.version)
        let written = manifest.data()
        #expect(written == (try Self.encoderBytes(manifest)))
        // The shape earlier manifests have: keys in order, two spaces a level, "/" as it is, a final newline.
        let text = String(decoding: written, as: UTF8.self)
        let keys = ["\"files\" : [", "\"kind\" : \"\(kind.rawValue)\"", "\"schema\" : 1", "\"sources\" : [", "\"tool\" : {"]
        let places = keys.map { text.range(of: "\n  " + $0)?.lowerBound }
        #expect(places.allSatisfy { $0 != nil } && places.map { $0! } == places.map { $0! }.sorted(), "\(text)")
        #expect(text.contains(#""path" : "inputs/cases/C\#u{e9}\"x\\/y.yaml""#), "\(text)")
        #expect(text.hasPrefix("{\n") && text.hasSuffix("}\n"))
        #expect(try JSONDecoder().decode(Manifest.self, from: written) == manifest)
    }
}
