import BuildInputs
import Crypto
import Foundation
import Platform

/// A file or option a build read, and its SHA-256: `inputs/…`, `templates/…`,
/// `baseline/NAME`, or `options/NAME=VALUE`.
///
/// **Never published.** A digest of an input confirms a guess at it: review.yaml
/// is small and public in form, so hashing it with each possible value of a
/// withheld field (family contributions) until the digest matches recovers the
/// field. So a build's sources are kept only in its record, `.panel-report-output`
/// (see ``OutputWriter``), which `verify` passes over and `publish` never copies
/// into a release; `manifest.json` lists only the files it sits among. The
/// record is written in the same rename that finishes the swap, so it always
/// describes the report in place, and `build --if-changed` compares against it.
public struct BuildSource: Codable, Equatable, Sendable {
    public var path: String
    public var sha256: String

    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }

    /// The inputs a published build's record names: none of them is named by a case.
    static let namedInputs: Set<String> = ["review.yaml", "areas.yaml", "vocabulary.yaml", "cases.csv"]
    /// The entry of a published build's record that stands for every other input file.
    static let foldedInputs = "inputs/*"

    /// The inputs and templates as a build reads them, labelled `inputs/…` and
    /// `templates/…` (paths relative to their folder, so moving the folders
    /// changes nothing), and a draft's baseline by its file name.
    ///
    /// Case files are named by their ids (`cases/C07.yaml`), and a published
    /// report's folder carries no case id, not even in its hidden record (a copy of
    /// the folder may take it along): so a published build names only the inputs
    /// whose names the contract fixes (``namedInputs``) and folds every other file
    /// of the inputs folder into one entry, `inputs/*`, the SHA-256 of their
    /// `sha256sum` listing (`HASH  cases/C07.yaml`, one a line, sorted), which
    /// changes when any of them is added, removed, renamed or edited. A draft names
    /// each file. `options`: command-line options that change what is written
    /// (`--suppress-below`), recorded so that a build with other options is not
    /// taken for an unchanged one.
    public static func list(
        inputs: String, templates: String, baseline: String?, namingCases: Bool,
        options: [(name: String, value: String)] = []
    ) -> [BuildSource] {
        var sources = options.map { BuildSource(path: "options/\($0.name)=\($0.value)", sha256: SHA256.hex(Array($0.value.utf8))) }
        var others = ""
        for file in InputDigest.files(in: inputs) {
            if namingCases || namedInputs.contains(file.path) {
                sources.append(BuildSource(path: "inputs/" + file.path, sha256: file.sha256))
            } else {
                others += "\(file.sha256)  \(file.path)\n"
            }
        }
        if !others.isEmpty { sources.append(BuildSource(path: foldedInputs, sha256: SHA256.hex(Array(others.utf8)))) }
        sources += InputDigest.files(in: templates).map { BuildSource(path: "templates/" + $0.path, sha256: $0.sha256) }
        if let baseline {
            let digest = (try? FileReading.read(baseline, atMost: FileReading.maxFileBytes + 1)).map { SHA256.hex($0) } ?? "unreadable"
            sources.append(BuildSource(path: "baseline/" + URL(fileURLWithPath: baseline).lastPathComponent, sha256: digest))
        }
        return sources.sorted { $0.path < $1.path }
    }

    /// What a build with `now` would change, against one with `before`: up to three
    /// paths said added, removed or changed, and how many more; `nil` when equal.
    static func changes(from before: [BuildSource], to now: [BuildSource]) -> String? {
        guard before != now else { return nil }
        let old = Dictionary(before.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(now.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        let changed = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
        let named = changed.prefix(3).map { path in
            "\(path) \(old[path] == nil ? "was added" : new[path] == nil ? "was removed" : "changed")"
        }
        return named.joined(separator: ", ") + (changed.count > 3 ? " and \(changed.count - 3) more" : "")
    }

    // MARK: - In a record

    /// One source as a line of a record: a JSON object on one line, so any path
    /// (a newline in a file name) or digest text ("unreadable: …") reads back as written.
    var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Two strings always encode.
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    init?(line: String) {
        guard let source = try? JSONDecoder().decode(BuildSource.self, from: Data(line.utf8)) else { return nil }
        self = source
    }
}
