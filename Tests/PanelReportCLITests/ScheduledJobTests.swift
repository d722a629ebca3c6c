import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// panel-report as a cron job or a CI pipeline runs it: the manifest, `--if-changed`,
/// `verify`, quiet and JSON logs, exit codes and the command line's errors.
@Suite struct ScheduledJobTests {
    // MARK: - Helpers

    /// Every entry under a folder (hidden ones too, folders too), with its bytes
    /// and its modification and change times: what "touched nothing" means.
    static func snapshot(_ folder: String) throws -> [String: String] {
        var result: [String: String] = [:]
        func visit(_ relative: String) throws {
            let full = relative.isEmpty ? folder : folder + "/" + relative
            var info = stat()
            #expect(lstat(full, &info) == 0)
            let times =
                "mtime \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) ctime \(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec) inode \(info.st_ino)"
            if info.st_mode & S_IFMT == S_IFDIR {
                result[relative + "/"] = times
                for entry in try FileManager.default.contentsOfDirectory(atPath: full) {
                    try visit(relative.isEmpty ? entry : relative + "/" + entry)
                }
            } else if info.st_mode & S_IFMT == S_IFLNK {
                result[relative] = times + " link to " + (try FileManager.default.destinationOfSymbolicLink(atPath: full))
            } else {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: full))
                result[relative] = times + " bytes \(bytes.base64EncodedString())"
            }
        }
        try visit("")
        return result
    }

    static func manifest(_ folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The sources a build's record (`.panel-report-output`, never published) lists:
    /// `[path: sha256]` in its order, one JSON object a line after `sources:`.
    static func recordedSources(_ folder: String) throws -> [(path: String, sha256: String)] {
        let text = try String(contentsOfFile: folder + "/.panel-report-output", encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex(of: "sources:"), "\(text)")
        return try lines[(start + 1)...].map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String], "\(line)")
            return (try #require(object["path"]), try #require(object["sha256"]))
        }
    }

    static func sha256(_ path: String) throws -> String {
        let run = try CLI.program("/usr/bin/sha256sum", [path])
        return String(run.stdout.prefix(64))
    }

    /// A build of copies of the inputs and templates into `Output`, checked to succeed.
    struct Built {
        let scratch: Scratch
        let inputs: String
        let templates: String
        let output: String

        init(arguments: [String] = [], environment: [String: String] = [:]) throws {
            scratch = try Scratch()
            inputs = try scratch.copy("Inputs")
            templates = try scratch.copy("Templates")
            output = scratch.path("Output")
            let run = try build(arguments, environment: environment)
            #expect(run.status == 0, "\(run)")
        }

        func build(_ more: [String] = [], environment: [String: String] = [:]) throws -> ProgramRun {
            try CLI.run(
                ["build", "--inputs", inputs, "--templates", templates, "--output", output] + more,
                environment: environment, timeout: 120)
        }

        func edit(_ path: String, _ from: String, _ to: String) throws {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains(from), "\(path) has no \(from)")
            try text.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    // MARK: - The manifest

    @Test func aBuildWritesAManifestOfItsFilesAndARecordOfItsSourcesIdenticalForIdenticalInputs() throws {
        let a = try Built()
        let b = try Built()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: a.output + "/manifest.json"))
        #expect(
            bytes == (try Data(contentsOf: URL(fileURLWithPath: b.output + "/manifest.json"))),
            "two builds of the same inputs give different manifests")
        #expect(!String(decoding: bytes, as: UTF8.self).contains(a.scratch.url.path), "the manifest names the folders")

        let manifest = try Self.manifest(a.output)
        let version = try CLI.run(["--version"], timeout: 60)
        #expect(version.status == 0)
        let tool = try #require(manifest["tool"] as? [String: String])
        #expect(tool == ["name": "panel-report", "version": version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)])
        #expect(manifest["kind"] as? String == "published")
        // The files it is published with, and nothing of what they were built from.
        #expect(Set(manifest.keys) == ["files", "kind", "schema", "tool"])
        #expect(manifest["schema"] as? Int == 2)

        // The record beside it, never published, lists every input and template,
        // labelled by its folder, sorted, with its SHA-256.
        let sources = try Self.recordedSources(a.output)
        #expect(sources.map(\.path) == (try Self.recordedSources(b.output)).map(\.path))
        #expect(sources.map(\.sha256) == (try Self.recordedSources(b.output)).map(\.sha256))
        let paths = sources.map(\.path)
        #expect(paths == paths.sorted())
        func files(_ folder: String) throws -> [String] {
            try FileManager.default.subpathsOfDirectory(atPath: folder).filter { path in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder) && !isFolder.boolValue
                    && !path.split(separator: "/").contains { $0.hasPrefix(".") }
            }.sorted()
        }
        // Case files are named by case id, which a published report never carries:
        // they are folded into "inputs/*", the digest of their sha256sum listing.
        let named = ["areas.yaml", "review.yaml", "vocabulary.yaml"]
        #expect(paths == (named.map { "inputs/" + $0 } + ["inputs/*"] + (try files(a.templates)).map { "templates/" + $0 }).sorted())
        #expect(paths.contains("templates/report.css") && paths.contains("templates/chapters/01-summary.md"))
        for source in sources {
            let path = source.path
            let relative = String(path.drop { $0 != "/" }.dropFirst())
            if path == "inputs/*" {
                let listing = try files(a.inputs).filter { !named.contains($0) }
                    .map { "\(try Self.sha256(a.inputs + "/" + $0))  \($0)\n" }.joined()
                let listed = a.scratch.path("listing")
                try Data(listing.utf8).write(to: URL(fileURLWithPath: listed))
                #expect(listing.contains("  cases/C07.yaml\n"))
                #expect(source.sha256 == (try Self.sha256(listed)))
            } else {
                #expect(
                    source.sha256 == (try Self.sha256((path.hasPrefix("inputs/") ? a.inputs : a.templates) + "/" + relative)), "\(path)")
            }
        }
        // A draft, which carries case ids anyway, names each case file in its record;
        // its manifest has the same form as a published one.
        let draft = try Built(arguments: ["--draft"], environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        let draftSources = try Self.recordedSources(draft.output).map(\.path)
        #expect(Set(try Self.manifest(draft.output).keys) == ["draftBuilt", "files", "kind", "schema", "tool"])
        #expect(
            draftSources == (try files(draft.inputs).map { "inputs/" + $0 } + files(draft.templates).map { "templates/" + $0 }).sorted())
        #expect(try Self.manifest(draft.output)["draftBuilt"] as? String == "2023-11-14T22:13:20Z")

        // Every file written but the manifest, with SHA-256 and size.
        let files = try #require(manifest["files"] as? [[String: Any]])
        let report = try CLI.report(in: a.output)
        #expect(files.compactMap { $0["path"] as? String } == report.keys.filter { $0 != "manifest.json" }.sorted())
        for file in files {
            let path = try #require(file["path"] as? String)
            #expect(file["size"] as? Int == report[path]?.count, "\(path)")
            #expect(file["sha256"] as? String == (try Self.sha256(a.output + "/" + path)), "\(path)")
        }
        withExtendedLifetime((a, b)) {}
    }

    // MARK: - --if-changed

    @Test func ifChangedTouchesNothingWhenNothingChanged() throws {
        let built = try Built()
        let before = try Self.snapshot(built.output)
        let run = try built.build(["--if-changed"])
        #expect(run.status == 0, "\(run)")
        #expect(run.lines.count == 1, "\(run)")
        #expect(run.stderr.hasPrefix("panel-report: unchanged: \(built.output)/report.html is up to date"), "\(run)")
        #expect(try Self.snapshot(built.output) == before, "an unchanged build touched the folder")
        // Quietly: nothing at all.
        let quiet = try built.build(["--if-changed", "--quiet"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty && quiet.stdout.isEmpty, "\(quiet)")
        #expect(try Self.snapshot(built.output) == before)
    }

    @Test func ifChangedRebuildsWhenAnInputATemplateAnOutputOrTheVersionChanges() throws {
        let built = try Built()
        let good = try CLI.report(in: built.output)
        func rebuilds(_ why: String, _ change: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) throws {
            try change()
            let run = try built.build(["--if-changed"])
            #expect(run.status == 0, "\(run)", sourceLocation: sourceLocation)
            #expect(run.stderr.hasPrefix("panel-report: built \(built.output)/report.html"), "\(run)", sourceLocation: sourceLocation)
            #expect(run.stderr.contains("built because \(why)"), "\(run)", sourceLocation: sourceLocation)
            let verify = try CLI.run(["verify", "--output", built.output], timeout: 60)
            #expect(verify.status == 0, "\(verify)", sourceLocation: sourceLocation)
            let again = try built.build(["--if-changed"])
            #expect(again.stderr.hasPrefix("panel-report: unchanged"), "\(again)", sourceLocation: sourceLocation)
        }
        // An output file altered, or missing: the report is built again, whole.
        try rebuilds("report.html: altered") {
            try Data("<p>defaced</p>".utf8).write(to: URL(fileURLWithPath: built.output + "/report.html"))
        }
        #expect(try CLI.report(in: built.output) == good)
        try rebuilds("figures/figure-3.svg: missing") {
            try FileManager.default.removeItem(atPath: built.output + "/figures/figure-3.svg")
        }
        #expect(try CLI.report(in: built.output) == good)
        // A file of the user's beside the report is kept and changes nothing; one
        // among the report's figures is refused by the build, as without --if-changed.
        try Data("notes".utf8).write(to: URL(fileURLWithPath: built.output + "/README.txt"))
        #expect(try built.build(["--if-changed"]).stderr.hasPrefix("panel-report: unchanged"))
        try Data("png".utf8).write(to: URL(fileURLWithPath: built.output + "/figures/logo.png"))
        let stranger = try built.build(["--if-changed"])
        #expect(stranger.status == 73, "\(stranger)")
        #expect(stranger.lines.first?.hasPrefix("\(built.output)/figures/logo.png: panel-report did not write this") == true, "\(stranger)")
        try FileManager.default.removeItem(atPath: built.output + "/figures/logo.png")
        try FileManager.default.removeItem(atPath: built.output + "/README.txt")
        // Another tool version (as a manifest from another panel-report would say).
        try rebuilds("it was built by panel-report 0.0.1") {
            try built.edit(built.output + "/manifest.json", "\"version\" : \"", "\"version\" : \"0.0.1\", \"was\" : \"")
        }
        #expect(try CLI.report(in: built.output) == good)
        // An input that changes no number, and a template.
        try rebuilds("inputs/* changed") {
            try built.edit(built.inputs + "/cases/C07.yaml", "summary: |\n", "summary: |\n  Corrected after the meeting.\n")
        }
        try rebuilds("templates/report.css changed") {
            try built.edit(built.templates + "/report.css", "}", "}\n/* checked */")
        }
        #expect(try String(contentsOfFile: built.output + "/report.html", encoding: .utf8).contains("/* checked */"))
        try rebuilds("inputs/* changed") {
            try FileManager.default.copyItem(atPath: built.inputs + "/cases/C07.yaml", toPath: built.inputs + "/cases/C99.yaml")
            try built.edit(built.inputs + "/cases/C99.yaml", "id: C07", "id: C99")
        }
        withExtendedLifetime(built) {}
    }

    @Test func aDraftIsUnchangedWhateverTheClockSaysButNotAgainstAnotherSourceDateEpoch() throws {
        let pinned = ["SOURCE_DATE_EPOCH": "1700000000"]
        let built = try Built(arguments: ["--draft"], environment: pinned)
        let before = try Self.snapshot(built.output)
        #expect(try built.build(["--draft", "--if-changed"], environment: pinned).stderr.hasPrefix("panel-report: unchanged"))
        // The clock is not a change: the draft keeps the time it was built.
        #expect(try built.build(["--draft", "--if-changed"]).stderr.hasPrefix("panel-report: unchanged"))
        #expect(try Self.snapshot(built.output) == before)
        let later = try built.build(["--draft", "--if-changed"], environment: ["SOURCE_DATE_EPOCH": "1700086400"])
        #expect(later.status == 0 && later.stderr.contains("built because SOURCE_DATE_EPOCH gives another build time"), "\(later)")
        #expect(try String(contentsOfFile: built.output + "/report.html", encoding: .utf8).contains("Draft built 15 November 2023"))
        // A published build asked for with --if-changed into a draft's folder is refused, as without it.
        #expect(try built.build(["--if-changed"]).status == 73)
    }

    // MARK: - verify

    @Test func verifyPassesAnIntactFolderAndNamesEachMissingAlteredAndUnexpectedFile() throws {
        let built = try Built()
        let intact = try CLI.run(["verify", "--output", built.output], timeout: 60)
        #expect(intact.status == 0, "\(intact)")
        #expect(intact.stderr == "" || intact.lines.count == 1, "\(intact)")
        // Every file of the report but the manifest itself.
        #expect(intact.stderr.contains("is intact: \(ReferenceFiles.published.count - 1) files match its manifest.json"), "\(intact)")
        #expect(try CLI.run(["verify", "--output", built.output, "--quiet"], timeout: 60).stderr == "")

        try Data("changed".utf8).write(to: URL(fileURLWithPath: built.output + "/data/figure-1.csv"))
        try FileManager.default.removeItem(atPath: built.output + "/figures/figure-2.svg")
        try Data("extra".utf8).write(to: URL(fileURLWithPath: built.output + "/data/notes.txt"))
        let damaged = try CLI.run(["verify", "--output", built.output], timeout: 60)
        #expect(damaged.status == 65, "\(damaged)")
        #expect(
            damaged.lines == [
                "\(built.output)/data/figure-1.csv: altered (its SHA-256 or size differs from the manifest's)",
                "\(built.output)/data/notes.txt: unexpected (the manifest does not list it)",
                "\(built.output)/figures/figure-2.svg: missing (the manifest lists it)",
            ] + [damaged.lines.last ?? ""], "\(damaged)")
        #expect(
            damaged.lines.last?.hasPrefix(
                "panel-report: \(built.output) differs from its manifest.json: 1 missing, 1 altered, 1 unexpected; do not "
                    + "publish it") == true)
        // Even --quiet says what is wrong.
        #expect(try CLI.run(["verify", "--output", built.output, "--quiet"], timeout: 60).lines.count == 4)
        // No manifest: nothing to verify against.
        let empty = try Scratch()
        let none = try CLI.run(["verify", "--output", empty.url.path], timeout: 60)
        #expect(none.status == 66, "\(none)")
        #expect(none.stderr.contains("manifest.json: no such file; build the report first"), "\(none)")
    }
}

extension ScheduledJobTests.Built {
    static func edit(_ path: String, _ from: String, _ to: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(from), "\(path) has no \(from)")
        try text.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: true, encoding: .utf8)
    }
}
