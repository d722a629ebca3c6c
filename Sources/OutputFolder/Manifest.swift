import BuildInputs
import Crypto
import Foundation
import Platform
import ReportRendering

/// `manifest.json`, written by every build beside `report.html` and moved into
/// place with the rest of the report in the same swap: which panel-report built
/// the report, of which kind, and the SHA-256 and size of every other file it
/// wrote. It never lists itself.
///
/// It lists the files it is published with and nothing else: no digest of an
/// input, template or option. A digest of an input confirms a guess at it (hash
/// review.yaml with each possible value of a withheld field until one matches),
/// so what the report was built from is kept in the folder's record, which is
/// never published (see ``BuildSource``). Templates and options are no secret
/// (the templates are the report's prose, printed anyway), but nothing published
/// needs their digests either: they stay with the inputs in the record, and the
/// rule stays one a test can check, a manifest describes only the files it is
/// published with. Schema 1 manifests, written before,
/// also listed those `sources`: they are still read (their files verified, the
/// sources ignored), and `build --if-changed` builds such a folder again.
///
/// It is written like `data/statistics.json` (sorted keys, two-space indentation,
/// a final newline) and holds nothing that depends on the clock or on where the
/// folders are, so identical inputs give identical bytes. `build --if-changed`
/// reads it, with the record, to decide whether anything needs building; `verify`
/// reads it to prove the folder holds exactly what was built.
public struct Manifest: Codable, Equatable {
    public static let fileName = "manifest.json"
    static let schemaVersion = 2
    /// The schemas this panel-report reads: 1 listed the inputs' digests too.
    static let readableSchemas = 1...schemaVersion

    public struct Tool: Codable, Equatable {
        public var name: String
        public var version: String
    }

    /// A file the build wrote, relative to the output folder.
    public struct Written: Codable, Equatable {
        public var path: String
        public var sha256: String
        public var size: Int
    }

    public var schema = Manifest.schemaVersion
    public var tool: Tool
    /// `published` or `draft`.
    public var kind: String
    /// A draft's build time, as printed in it (published reports have none).
    public var draftBuilt: String?
    /// Sorted by path.
    public var files: [Written]

    /// `version`: panel-report's, recorded as the tool that built the report.
    /// A draft's manifest has no sources either: one form for both kinds, and a
    /// draft's stamp already names its inputs (the first digits of their digest)
    /// for the reviewers, who hold the data anyway.
    public init(kind: OutputWriter.Kind, draftBuilt: String?, files: [(path: String, bytes: Data)], version: String) {
        tool = Tool(name: "panel-report", version: version)
        self.kind = kind.rawValue
        self.draftBuilt = draftBuilt
        self.files = files.map { Written(path: $0.path, sha256: SHA256.hex($0.bytes), size: $0.bytes.count) }
            .sorted { $0.path < $1.path }
    }

    /// Written as `statistics.json` is (see ``JSONFile``), and read back with `Codable`.
    public func data() -> Data { JSONFile.data(self) }

    // MARK: - Reading one back

    public enum ReadProblem: Error {
        case missing
        /// Unreadable, or not a manifest this panel-report can read.
        case unusable(String)
    }

    public static func read(from folder: String) throws(ReadProblem) -> Manifest {
        let path = folder + "/" + fileName
        let bytes: [UInt8]
        do throws(FileReading.Problem) {
            bytes = try FileReading.read(path, atMost: FileReading.maxFileBytes, followLinks: false)
        } catch .missing {
            throw .missing
        } catch {
            throw .unusable("could not be read (\(error))")
        }
        guard let manifest = try? JSONDecoder().decode(Manifest.self, from: Data(bytes)) else {
            throw .unusable("is not a manifest panel-report wrote")
        }
        guard readableSchemas.contains(manifest.schema) else {
            throw .unusable("has schema \(manifest.schema), which this panel-report cannot read")
        }
        if let problem = manifest.pathProblem { throw .unusable(problem) }
        return manifest
    }

    /// A manifest that lists a file twice, or by a path that is not plainly one of
    /// the folder's own (absolute, with `.` or `..`, an empty step, a backslash), was
    /// not written by panel-report, and `verify` would count or look outside by it.
    var pathProblem: String? {
        var seen: Set<String> = []
        var twice: [String] = [], strange: [String] = []
        for path in files.map(\.path) {
            if !seen.insert(path).inserted { twice.append(path) }
            let steps = path.split(separator: "/", omittingEmptySubsequences: false)
            if path.contains("\\") || steps.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) { strange.append(path) }
        }
        let shown = { (paths: [String]) in paths.prefix(5).map { "\"" + Printable.text($0) + "\"" }.joined(separator: ", ") }
        if !twice.isEmpty { return "lists \(shown(twice)) more than once, which panel-report never writes" }
        if !strange.isEmpty { return "lists \(shown(strange)), which is not a path inside the report folder" }
        return nil
    }

    // MARK: - Checking a folder against it

    public enum Damage: Equatable, CustomStringConvertible {
        case missing(String)
        case altered(String)
        case unexpected(String)

        public var path: String {
            switch self {
            case .missing(let p), .altered(let p), .unexpected(let p): p
            }
        }

        public var description: String {
            switch self {
            case .missing(let p): "\(p): missing (the manifest lists it)"
            case .altered(let p): "\(p): altered (its SHA-256 or size differs from the manifest's)"
            case .unexpected(let p): "\(p): unexpected (the manifest does not list it)"
            }
        }
    }

    /// Every file listed here that is missing or altered in `folder`, and every
    /// file there that is not listed (``OutputWriter/bookkeeping`` and
    /// `manifest.json` itself aside), sorted by path. Links are
    /// never followed: a link where a file should be is altered, elsewhere unexpected.
    public func damage(in folder: String) -> [Damage] {
        let listed = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [Damage] = []
        var seen: Set<String> = []
        func visit(_ relative: String) {
            let full = folder + "/" + relative
            guard let info = try? System.linkInfo(full) else { return }
            switch info.kind {
            case .folder:
                let entries = ((try? Directory.names(full)) ?? []).sorted()
                if entries.isEmpty && !relative.isEmpty && listed[relative] == nil
                    && !listed.keys.contains(where: { $0.hasPrefix(relative + "/") })
                {
                    found.append(.unexpected(relative + "/"))
                }
                for entry in entries {
                    let child = relative.isEmpty ? entry : relative + "/" + entry
                    if relative.isEmpty && entry == Self.fileName { continue }
                    if relative.isEmpty && OutputWriter.bookkeeping.contains(entry) {
                        if (try? System.linkInfo(folder + "/" + entry))?.kind != .file { found.append(.unexpected(entry)) }
                        continue
                    }
                    visit(child)
                }
            case .file:
                guard let expected = listed[relative] else {
                    found.append(.unexpected(relative))
                    return
                }
                seen.insert(relative)
                let bytes = try? FileReading.read(full, atMost: max(expected.size, 0) + 1, followLinks: false)
                if bytes?.count != expected.size || bytes.map({ SHA256.hex($0) }) != expected.sha256 {
                    found.append(.altered(relative))
                }
            default:
                if listed[relative] != nil {
                    seen.insert(relative)
                    found.append(.altered(relative))
                } else {
                    found.append(.unexpected(relative))
                }
            }
        }
        visit("")
        for path in listed.keys where !seen.contains(path) { found.append(.missing(path)) }
        return found.sorted { $0.path < $1.path }
    }

    public enum Verdict {
        /// The folder is intact, and its inputs, templates, kind, tool version and,
        /// for a pinned draft, build time are those of this build (the sources as
        /// its record lists them).
        case upToDate(Manifest, sources: [BuildSource])
        /// Why a build with these sources would not reproduce the folder.
        case build(because: String)
    }

    /// `version`: this panel-report's; a report another version built is built again.
    public static func verdict(
        in output: String, kind: OutputWriter.Kind, sources: [BuildSource], draftBuilt pinned: String?, version: String
    )
        -> Verdict
    {
        let manifest: Manifest
        do throws(Manifest.ReadProblem) {
            manifest = try read(from: output)
        } catch {
            switch error {
            case .missing: return .build(because: "there is no \(fileName) yet")
            case .unusable(let why): return .build(because: "its \(fileName) \(why)")
            }
        }
        if let reason = manifest.reasonToBuild(in: output, kind: kind, sources: sources, draftBuilt: pinned, version: version) {
            return .build(because: reason)
        }
        return .upToDate(manifest, sources: sources)
    }

    private func reasonToBuild(
        in output: String, kind: OutputWriter.Kind, sources: [BuildSource], draftBuilt pinned: String?,
        version: String
    ) -> String? {
        let manifest = self
        if manifest.tool.version != version {
            return "it was built by panel-report \(manifest.tool.version), this is \(version)"
        }
        if manifest.kind != kind.rawValue { return "it holds a \(manifest.kind) build" }
        if let pinned, manifest.draftBuilt != pinned { return "SOURCE_DATE_EPOCH gives another build time" }
        // A schema 1 manifest lists the inputs' digests, which must not stay published.
        if manifest.schema != Self.schemaVersion {
            return "its \(Self.fileName) has schema \(manifest.schema), which lists the inputs' digests"
        }
        let marker = try? OutputWriter.Folder(output).marked
        guard let recorded = marker?.sources else {
            return "its record \(OutputWriter.marker) lists no sources"
        }
        if let changes = BuildSource.changes(from: recorded, to: sources) { return changes }
        // A file of the user's beside the report (a README) is no reason to build:
        // the build keeps it (`verify` reports it, as it would be published). One
        // inside figures/ or data/ is: the build refuses the folder, naming it.
        let damaged = manifest.damage(in: output).filter { damage in
            guard case .unexpected(let path) = damage else { return true }
            return path.split(separator: "/").first.map { OutputWriter.generated.contains(String($0)) } ?? false
        }
        if let first = damaged.first { return first.description }
        // The marker must agree, or the next build would find the folder in another state.
        if marker?.kind != kind || marker?.files != (manifest.files.map(\.path) + [Self.fileName]).sorted() {
            return "its record \(OutputWriter.marker) does not list the same files"
        }
        return nil
    }
}
