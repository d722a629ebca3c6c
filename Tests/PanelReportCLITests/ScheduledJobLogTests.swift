import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What a scheduled job reads of a run: its logs (quiet, JSON, verbose, progress),
/// the command line's errors, SOURCE_DATE_EPOCH and shell completion.
extension ScheduledJobTests {
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
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)", sourceLocation: sourceLocation)
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
        let unchanged = try objects(
            try CLI.run(["build", "--if-changed", "--log-format=json", "--output", scratch.path("Output")], timeout: 120))
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
        // verify's problems name their file (issue 24: they had "file": null).
        try Data("x".utf8).write(to: URL(fileURLWithPath: scratch.path("Output/data/figure-1.csv")))
        let verify = try CLI.run(["verify", "--log-format", "json", "--output", scratch.path("Output")], timeout: 60)
        #expect(verify.status == 65, "\(verify)")
        let damaged = try objects(verify)
        #expect(damaged.first?["file"] as? String == scratch.path("Output/data/figure-1.csv"), "\(verify)")
        #expect(damaged.last?["outcome"] as? String == "damaged" && damaged.last?["file"] is NSNull, "\(verify)")
        // So do a build's refusals of the output folder: a file it did not write, a link where its record goes.
        try Data("png".utf8).write(to: URL(fileURLWithPath: scratch.path("Output/figures/logo.png")))
        let stranger = try objects(try CLI.run(["build", "--log-format", "json", "--output", scratch.path("Output")], timeout: 120))
        #expect(stranger.first?["file"] as? String == scratch.path("Output/figures/logo.png"), "\(stranger)")
        try FileManager.default.createDirectory(atPath: scratch.path("Linked"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(
            atPath: scratch.path("Linked/.panel-report-output"), withDestinationPath: "/tmp/elsewhere")
        let linked = try objects(try CLI.run(["build", "--log-format", "json", "--output", scratch.path("Linked")], timeout: 120))
        #expect(
            linked.last?["file"] as? String == scratch.path("Linked/.panel-report-output") && linked.last?["code"] as? Int == 73,
            "\(linked)")
    }

    @Test func verboseTimesEachStageAndAPipeNeverGetsAProgressLine() throws {
        let scratch = try Scratch()
        let run = try CLI.run(["build", "--verbose", "--output", scratch.path("Output")], timeout: 120)
        #expect(run.status == 0)
        #expect(run.lines.count == 2, "\(run)")
        let timings = run.lines[0]
        for stage in [
            "hashing the inputs and templates", "loading and validating the inputs and templates",
            "computing and rendering the report", "writing the report", "total",
        ] {
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
            try Data(c01.replacingOccurrences(of: "id: C01", with: "id: X\(i)").utf8).write(
                to: URL(fileURLWithPath: inputs + "/cases/X\(i).yaml"))
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
            let run = try CLI.program(
                script, ["-qec", command + " --if-changed " + more.joined(separator: " "), "/dev/null"], timeout: 300)
            #expect(run.status == 0, "\(run)")
            // (The terminal ends lines with \r\n; a progress line starts with \r and ESC [K.)
            #expect(!run.stdout.contains("\u{1B}") && !run.stdout.contains("\r\u{1B}"), "\(more): \(run.stdout.prefix(500))")
        }
        let piped = try CLI.run(["build", "--inputs", inputs, "--output", scratch.path("Piped")], timeout: 300)
        #expect(piped.status == 0)
        #expect(piped.lines.count == 1 && !piped.stderr.contains("\r") && !piped.stderr.contains("\u{1B}"), "\(piped)")
    }

    // MARK: - The command line

    @Test func aDefaultIsSaidOnceInHelp() throws {
        let help = try CLI.run(["verify", "--help"], timeout: 60)
        #expect(help.stdout.components(separatedBy: "(default: Output)").count == 2, "\(help.stdout)")
    }

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
        #expect(
            run.lines == [
                "panel-report: unknown option '--ouput'; did you mean '--output'?",
                "hint: panel-report build --help lists what it takes",
            ], "\(run)")
        let unknown = try CLI.run(["deploy"], timeout: 60)
        #expect(unknown.status == 64)
        #expect(unknown.lines == ["panel-report: unknown command 'deploy'", "hint: panel-report --help lists what it takes"], "\(unknown)")
        let typo = try CLI.run(["biuld", "--output", "x"], timeout: 60)
        #expect(typo.status == 64)
        #expect(
            typo.lines == [
                "panel-report: unknown command 'biuld'; did you mean 'build'?", "hint: panel-report --help lists what it takes",
            ],
            "\(typo)")
        #expect(try CLI.run(["verfy"], timeout: 60).lines.first == "panel-report: unknown command 'verfy'; did you mean 'verify'?")
        let contradiction = try CLI.run(["stats", "--quiet", "--verbose"], timeout: 60)
        #expect(
            contradiction.lines == [
                "panel-report: --quiet and --verbose contradict each other; give one of them",
                "hint: panel-report stats --help lists what it takes",
            ], "\(contradiction)")
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
            let draft = try CLI.run(
                ["build", "--draft", "--output", scratch.path("draft")], environment: ["SOURCE_DATE_EPOCH": bad], timeout: 120)
            #expect(draft.status == 78, "\(bad): \(draft)")
            #expect(
                draft.lines == [
                    "panel-report: SOURCE_DATE_EPOCH=\(bad): not a whole number of seconds from 1970 to the year 9999; set it to one (such "
                        + "as 1700000000) or unset it to date the draft by the clock"
                ], "\(draft)")
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
