import Foundation
import Testing

/// Issue 26, item 4: no published file holds a digest of an input, since a digest
/// confirms a guess (review.yaml hashed with each value of a withheld field until
/// one matches). What `--if-changed`, `verify`, `publish` and `rollback` need is
/// kept in the build folder's record, which is never published.
@Suite struct PublishedDigestTests {
    typealias Built = ScheduledJobTests.Built

    /// What would confirm a guess at an input: the SHA-256 of each input file (in
    /// full and its first 12 digits, as a draft's stamp prints them) and every
    /// digest of inputs the build's record lists (`inputs/*`, the folded case files).
    static func inputDigests(_ built: Built) throws -> [(what: String, hex: String)] {
        let inputs = URL(fileURLWithPath: built.inputs)
        var digests: [(String, String)] = []
        for (path, _) in try CLI.files(under: inputs) where !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            let hex = try ScheduledJobTests.sha256(built.inputs + "/" + path)
            digests += [("inputs/\(path)", hex), ("inputs/\(path) (12 digits)", String(hex.prefix(12)))]
        }
        for source in try ScheduledJobTests.recordedSources(built.output) where source.path.hasPrefix("inputs/") {
            digests.append(("the record's \(source.path)", source.sha256))
        }
        #expect(digests.contains { $0.0 == "inputs/review.yaml" } && digests.contains { $0.0 == "the record's inputs/*" })
        return digests
    }

    /// Each file under `folder` (hidden ones too) that holds one of `digests`, as "file: what".
    static func holders(in folder: String, of digests: [(what: String, hex: String)], skipping: (String) -> Bool = { _ in false })
        throws -> [String]
    {
        try CLI.files(under: URL(fileURLWithPath: folder)).filter { !skipping($0.key) }.sorted { $0.key < $1.key }
            .flatMap { path, bytes in
                let text = String(decoding: bytes, as: UTF8.self).lowercased()
                return digests.filter { text.contains($0.hex) }.map { "\(path): \($0.what)" }
            }
    }

    @Test func noFileOfAPublishedBuildOrOfItsReleaseHoldsADigestOfAnInput() throws {
        let built = try Built(arguments: ["--suppress-below", "3"])
        let site = built.scratch.path("www")
        let run = try CLI.run(
            [
                "publish", "--inputs", built.inputs, "--templates", built.templates, "--output", built.output, "--site", site,
                "--suppress-below", "3",
            ], timeout: 120)
        #expect(run.status == 0 && run.stderr.contains("unchanged: \(built.output)/report.html"), "\(run)")
        let digests = try Self.inputDigests(built)
        let bookkeeping = { (path: String) in path.hasPrefix(".panel-report-") }
        #expect(try Self.holders(in: built.output, of: digests, skipping: bookkeeping) == [])
        let live = try FileManager.default.destinationOfSymbolicLink(atPath: site + "/current")
        let released = try CLI.report(in: site + "/" + live).keys.sorted()
        #expect(released == (try CLI.report(in: built.output)).keys.sorted() && released.contains("report.html"), "\(released)")
        #expect(try Self.holders(in: site + "/" + live, of: digests) == [])
        // The scan finds them where they are kept: the record, beside the report.
        #expect(try Self.holders(in: built.output, of: digests).contains(".panel-report-output: inputs/review.yaml"))
        withExtendedLifetime(built) {}
    }

    /// An edit that changes no published byte (a withheld value) is still a
    /// change: the record, not the manifest, tells `--if-changed` so.
    @Test func ifChangedSkipsAnUnchangedBuildAndRebuildsAfterAnInputEditThatNoPublishedFileShows() throws {
        let built = try Built(arguments: ["--suppress-below", "3"])
        let first = try CLI.report(in: built.output)
        let unchanged = try built.build(["--suppress-below", "3", "--if-changed"])
        #expect(unchanged.status == 0 && unchanged.stderr.hasPrefix("panel-report: unchanged: \(built.output)/report.html"), "\(unchanged)")
        // Withheld both ways (1 and 2 are under 3): the published files are the same bytes.
        try built.edit(built.inputs + "/review.yaml", "family_contributions: 2", "family_contributions: 1")
        let edited = try built.build(["--suppress-below", "3", "--if-changed"])
        #expect(edited.status == 0 && edited.stderr.contains("built because inputs/review.yaml changed"), "\(edited)")
        #expect(try CLI.report(in: built.output) == first, "a withheld value changed a published file")
        let again = try built.build(["--suppress-below", "3", "--if-changed"])
        #expect(again.status == 0 && again.stderr.hasPrefix("panel-report: unchanged"), "\(again)")
        // Another option is a change too.
        let other = try built.build(["--suppress-below", "5", "--if-changed"])
        #expect(other.status == 0 && other.stderr.contains("built because options/suppress-below=3 was removed"), "\(other)")
        let verify = try CLI.run(["verify", "--output", built.output], timeout: 60)
        #expect(verify.status == 0, "\(verify)")
    }

    /// A folder an earlier panel-report built (a schema 1 manifest listing the
    /// inputs' digests, a record without sources) still verifies, and is built again.
    @Test func anEarlierManifestOrRecordVerifiesAndIsBuiltAgain() throws {
        let built = try Built()
        let manifest = built.output + "/manifest.json"
        try built.edit(
            manifest, "\"schema\" : 2,",
            "\"schema\" : 1,\n  \"sources\" : [{\"path\" : \"inputs/review.yaml\", \"sha256\" : \"\(String(repeating: "0", count: 64))\"}],"
        )
        let verify = try CLI.run(["verify", "--output", built.output], timeout: 60)
        #expect(verify.status == 0 && verify.stderr.contains("is intact"), "\(verify)")
        let old = try built.build(["--if-changed"])
        #expect(
            old.status == 0 && old.stderr.contains("built because its manifest.json has schema 1, which lists the inputs' digests"),
            "\(old)")
        #expect(try ScheduledJobTests.manifest(built.output)["sources"] == nil)
        #expect(try ScheduledJobTests.manifest(built.output)["schema"] as? Int == 2)

        let record = built.output + "/.panel-report-output"
        let text = try String(contentsOfFile: record, encoding: .utf8)
        try String(text[..<(try #require(text.range(of: "sources:\n"))).lowerBound]).write(
            toFile: record, atomically: true, encoding: .utf8)
        let bare = try built.build(["--if-changed"])
        #expect(bare.status == 0 && bare.stderr.contains("built because its record .panel-report-output lists no sources"), "\(bare)")
        #expect(try built.build(["--if-changed"]).stderr.hasPrefix("panel-report: unchanged"))
        // A schema this panel-report does not know is refused by verify with a located message.
        try built.edit(manifest, "\"schema\" : 2,", "\"schema\" : 3,")
        let future = try CLI.run(["verify", "--output", built.output], timeout: 60)
        #expect(
            future.status == 65 && future.stderr.contains("manifest.json has schema 3, which this panel-report cannot read"), "\(future)")
    }
}
