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
            let times = "mtime \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) ctime \(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec) inode \(info.st_ino)"
            if info.st_mode & S_IFMT == S_IFDIR {
                result[relative + "/"] = times
                for entry in try FileManager.default.contentsOfDirectory(atPath: full) {
                    try visit(relative.isEmpty ? entry : relative + "/" + entry)
                }
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
            try CLI.run(["build", "--inputs", inputs, "--templates", templates, "--output", output] + more,
                        environment: environment, timeout: 120)
        }

        func edit(_ path: String, _ from: String, _ to: String) throws {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains(from), "\(path) has no \(from)")
            try text.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    // MARK: - The manifest

    @Test func aBuildWritesAManifestOfItsSourcesAndFilesThatIsIdenticalForIdenticalInputs() throws {
        let a = try Built()
        let b = try Built()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: a.output + "/manifest.json"))
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: b.output + "/manifest.json"))), "two builds of the same inputs give different manifests")
        #expect(!String(decoding: bytes, as: UTF8.self).contains(a.scratch.url.path), "the manifest names the folders")

        let manifest = try Self.manifest(a.output)
        let version = try CLI.run(["--version"], timeout: 60)
        #expect(version.status == 0)
        let tool = try #require(manifest["tool"] as? [String: String])
        #expect(tool == ["name": "panel-report", "version": version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)])
        #expect(manifest["kind"] as? String == "published")

        // Every input and template, labelled by its folder, sorted, with its SHA-256.
        let sources = try #require(manifest["sources"] as? [[String: String]])
        let paths = sources.compactMap { $0["path"] }
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
            let path = try #require(source["path"])
            let relative = String(path.drop { $0 != "/" }.dropFirst())
            if path == "inputs/*" {
                let listing = try files(a.inputs).filter { !named.contains($0) }
                    .map { "\(try Self.sha256(a.inputs + "/" + $0))  \($0)\n" }.joined()
                let listed = a.scratch.path("listing")
                try Data(listing.utf8).write(to: URL(fileURLWithPath: listed))
                #expect(listing.contains("  cases/C07.yaml\n"))
                #expect(source["sha256"] == (try Self.sha256(listed)))
            } else {
                #expect(source["sha256"] == (try Self.sha256((path.hasPrefix("inputs/") ? a.inputs : a.templates) + "/" + relative)), "\(path)")
            }
        }
        // A draft, which carries case ids anyway, names each case file.
        let draft = try Built(arguments: ["--draft"], environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        let draftSources = try #require(try Self.manifest(draft.output)["sources"] as? [[String: String]]).compactMap { $0["path"] }
        #expect(draftSources == (try files(draft.inputs).map { "inputs/" + $0 } + files(draft.templates).map { "templates/" + $0 }).sorted())
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
        #expect(damaged.lines == [
            "\(built.output)/data/figure-1.csv: altered (its SHA-256 or size differs from the manifest's)",
            "\(built.output)/data/notes.txt: unexpected (the manifest does not list it)",
            "\(built.output)/figures/figure-2.svg: missing (the manifest lists it)",
        ] + [damaged.lines.last ?? ""], "\(damaged)")
        #expect(damaged.lines.last?.hasPrefix("panel-report: \(built.output) differs from its manifest.json: 1 missing, 1 altered, 1 unexpected; do not publish it") == true)
        // Even --quiet says what is wrong.
        #expect(try CLI.run(["verify", "--output", built.output, "--quiet"], timeout: 60).lines.count == 4)
        // No manifest: nothing to verify against.
        let empty = try Scratch()
        let none = try CLI.run(["verify", "--output", empty.url.path], timeout: 60)
        #expect(none.status == 66, "\(none)")
        #expect(none.stderr.contains("manifest.json: no such file; build the report first"), "\(none)")
    }

    // MARK: - Logs

    @Test func quietPrintsNothingOnSuccessButStillPrintsErrors() throws {
        let scratch = try Scratch()
        for arguments in [["build", "--output", scratch.path("Output")], ["validate"], ["verify", "--output", scratch.path("Output")]] {
            let run = try CLI.run(arguments + ["--quiet"], timeout: 120)
            #expect(run.status == 0 && run.stderr.isEmpty && run.stdout.isEmpty, "\(arguments): \(run)")
        }
        let inputs = try scratch.copy("Inputs")
        try Built.edit(inputs + "/cases/C07.yaml", "outcome: seriously-harmed", "outcome: injured")
        let broken = try CLI.run(["build", "--quiet", "--inputs", inputs, "--output", scratch.path("Broken")], timeout: 120)
        #expect(broken.status == 65)
        #expect(broken.lines.count == 2, "\(broken)")
        #expect(broken.stderr.contains(#"harm.outcome: "injured" is not a valid value"#))
    }

    @Test func everyJSONLogLineParsesAndCarriesItsPlace() throws {
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        try Built.edit(inputs + "/cases/C07.yaml", "outcome: seriously-harmed", "outcome: injured")
        try Built.edit(inputs + "/cases/C05.yaml", "sex: male", "sex: boy")
        let keys: Set<String> = ["level", "message", "file", "line", "column", "field", "code"]
        func objects(_ run: ProgramRun, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
            try run.lines.map { line in
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)", sourceLocation: sourceLocation)
                #expect(keys.isSubset(of: object.keys), "\(line)", sourceLocation: sourceLocation)
                return object
            }
        }
        let refused = try CLI.run(["build", "--log-format", "json", "--inputs", inputs, "--output", scratch.path("Output")], timeout: 120)
        #expect(refused.status == 65)
        let logged = try objects(refused)
        #expect(logged.count == 3, "\(refused)")
        let c07 = try #require(logged.first { ($0["file"] as? String)?.hasSuffix("cases/C07.yaml") == true })
        #expect(c07["level"] as? String == "error")
        #expect(c07["field"] as? String == "harm.outcome")
        #expect((c07["line"] as? Int ?? 0) > 0 && (c07["column"] as? Int ?? 0) > 0)
        #expect(c07["message"] as? String == #""injured" is not a valid value; expected one of: died, seriously-harmed"#)
        #expect(logged.last?["outcome"] as? String == "refused")
        #expect(logged.last?["code"] as? Int == 65)
        #expect(logged.last?["seconds"] is Double || logged.last?["seconds"] is Int)

        let built = try CLI.run(["build", "--log-format", "json", "--verbose", "--output", scratch.path("Output")], timeout: 120)
        #expect(built.status == 0, "\(built)")
        let success = try objects(built)
        #expect(success.map { $0["level"] as? String } == ["debug", "info"], "\(built)")
        #expect(success.last?["outcome"] as? String == "built" && success.last?["code"] as? Int == 0)
        let unchanged = try objects(try CLI.run(["build", "--if-changed", "--log-format=json", "--output", scratch.path("Output")], timeout: 120))
        #expect(unchanged.count == 1 && unchanged.first?["outcome"] as? String == "unchanged")
        // Usage errors too.
        let usage = try CLI.run(["build", "--log-format", "json", "--ouput", "x"], timeout: 60)
        #expect(usage.status == 64)
        #expect(try objects(usage).count == 2)
        // A template problem carries its file and line.
        let templates = try scratch.copy("Templates")
        try Built.edit(templates + "/chapters/01-summary.md", "{{ outcome.died }}", "{{ outcome.dyed }}")
        let template = try objects(try CLI.run(["validate", "--log-format", "json", "--templates", templates], timeout: 120))
        let problem = try #require(template.first)
        #expect((problem["file"] as? String)?.hasSuffix("chapters/01-summary.md") == true)
        #expect(problem["line"] is Int)
        #expect((problem["message"] as? String)?.hasPrefix("there is no value named \"outcome.dyed\"") == true, "\(problem)")
    }

    @Test func verboseTimesEachStageAndAPipeNeverGetsAProgressLine() throws {
        let scratch = try Scratch()
        let run = try CLI.run(["build", "--verbose", "--output", scratch.path("Output")], timeout: 120)
        #expect(run.status == 0)
        #expect(run.lines.count == 2, "\(run)")
        let timings = run.lines[0]
        for stage in ["hashing the inputs and templates", "loading and validating the inputs and templates",
                      "computing and rendering the report", "writing the report", "total"] {
            #expect(timings.contains(stage), "\(timings)")
        }
        #expect(!run.stderr.contains("\r") && !run.stderr.contains("\u{1B}"))
    }

    @Test func aLongBuildShowsProgressOnATerminalOnly() throws {
        // 8,000 more cases: a debug build is still loading them a second after it
        // starts (2,000 were enough while hashing the inputs took most of that second).
        let extra = 8000
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        try Built.edit(inputs + "/review.yaml", "initial_shortlist: 74", "initial_shortlist: 9000")
        let c01 = try String(contentsOfFile: inputs + "/cases/C01.yaml", encoding: .utf8)
        for i in 1...extra {
            try Data(c01.replacingOccurrences(of: "id: C01", with: "id: X\(i)").utf8).write(to: URL(fileURLWithPath: inputs + "/cases/X\(i).yaml"))
        }
        let script = try #require(CLI.which("script"), "script (util-linux) gives the build a terminal")
        let command = [CLI.binary.path, "build", "--inputs", inputs, "--output", scratch.path("Output")].joined(separator: " ")
        // On a terminal: a progress line, redrawn in place, then cleared for the summary.
        let terminal = try CLI.program(script, ["-qec", command, "/dev/null"], timeout: 300)
        #expect(terminal.status == 0, "\(terminal)")
        let shown = terminal.stdout
        #expect(shown.contains("\r\u{1B}[K" + "panel-report: loading and validating the inputs and templates… "), "\(shown.suffix(2000))")
        #expect(shown.contains(" of \(extra + 26) files read, "), "\(shown.suffix(2000))")
        let last = try #require(shown.components(separatedBy: "\r\u{1B}[K").last)
        #expect(last.hasPrefix("panel-report: built \(scratch.path("Output"))/report.html (published, \(extra + 23) cases, "), "\(last)")
        // Quiet, or as JSON, or into a pipe: never.
        for more in [["--quiet"], ["--log-format", "json"]] {
            let run = try CLI.program(script, ["-qec", command + " --if-changed " + more.joined(separator: " "), "/dev/null"], timeout: 300)
            #expect(run.status == 0, "\(run)")
            // (The terminal ends lines with \r\n; a progress line starts with \r and ESC [K.)
            #expect(!run.stdout.contains("\u{1B}") && !run.stdout.contains("\r\u{1B}"), "\(more): \(run.stdout.prefix(500))")
        }
        let piped = try CLI.run(["build", "--inputs", inputs, "--output", scratch.path("Piped")], timeout: 300)
        #expect(piped.status == 0)
        #expect(piped.lines.count == 1 && !piped.stderr.contains("\r") && !piped.stderr.contains("\u{1B}"), "\(piped)")
    }

    // MARK: - The command line

    @Test func noCommandPrintsTheHelpToStderrAndExits64() throws {
        let run = try CLI.run([], timeout: 60)
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr.contains("USAGE: panel-report <subcommand>"))
        #expect(run.stderr.contains("verify"))
        #expect(try CLI.run(["--help"], timeout: 60).status == 0)
    }

    @Test func aUsageErrorIsOneLineAndAHint() throws {
        let run = try CLI.run(["build", "--ouput", "x"], timeout: 60)
        #expect(run.status == 64)
        #expect(run.lines == ["panel-report: unknown option '--ouput'; did you mean '--output'?",
                              "hint: panel-report build --help lists what it takes"], "\(run)")
        let unknown = try CLI.run(["publish"], timeout: 60)
        #expect(unknown.status == 64)
        #expect(unknown.lines.count == 2, "\(unknown)")
        #expect(unknown.lines.first?.hasPrefix("panel-report: ") == true)
        #expect(unknown.lines.last == "hint: panel-report --help lists what it takes")
        let contradiction = try CLI.run(["stats", "--quiet", "--verbose"], timeout: 60)
        #expect(contradiction.lines == ["panel-report: --quiet and --verbose contradict each other; give one of them",
                                        "hint: panel-report stats --help lists what it takes"], "\(contradiction)")
    }

    @Test func sourceDateEpochNeverDatesAPublishedReportAndAnInvalidOneFailsADraftWith78() throws {
        let scratch = try Scratch()
        for (name, epoch) in [("a", "1700000000"), ("b", "soon")] {
            let run = try CLI.run(["build", "--output", scratch.path(name)], environment: ["SOURCE_DATE_EPOCH": epoch], timeout: 120)
            #expect(run.status == 0, "\(run)")
            let html = try String(contentsOfFile: scratch.path(name + "/report.html"), encoding: .utf8)
            #expect(html.contains("Published 15 September 2021"))
            #expect(!html.contains("14 November 2023"))
        }
        let stats = try CLI.run(["stats", "--format", "json"], environment: ["SOURCE_DATE_EPOCH": "1700000000"], timeout: 120)
        #expect(stats.stdout == (try String(contentsOfFile: scratch.path("a/data/statistics.json"), encoding: .utf8)))
        for bad in ["soon", "-5", "99999999999999999"] {
            let draft = try CLI.run(["build", "--draft", "--output", scratch.path("draft")], environment: ["SOURCE_DATE_EPOCH": bad], timeout: 120)
            #expect(draft.status == 78, "\(bad): \(draft)")
            #expect(draft.lines == ["panel-report: SOURCE_DATE_EPOCH=\(bad): not a whole number of seconds from 1970 to the year 9999; set it to one (such as 1700000000) or unset it to date the draft by the clock"], "\(draft)")
            #expect(!FileManager.default.fileExists(atPath: scratch.path("draft")))
        }
    }

    @Test func completionScriptsKnowEveryCommandAndOption() throws {
        for shell in ["bash", "zsh", "fish"] {
            let run = try CLI.run(["--generate-completion-script", shell], timeout: 60)
            #expect(run.status == 0, "\(shell): \(run)")
            for word in ["verify", "if-changed", "log-format", "quiet"] {
                #expect(run.stdout.contains(word), "\(shell) completion lacks \(word)")
            }
        }
    }
}

extension ScheduledJobTests.Built {
    static func edit(_ path: String, _ from: String, _ to: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(from), "\(path) has no \(from)")
        try text.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: true, encoding: .utf8)
    }
}
