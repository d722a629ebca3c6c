import ArgumentParser
import CaseModel
import Foundation
import Platform
import Preview

/// `panel-report`: builds the panel's findings report from structured case summaries.
public struct PanelReport: ParsableCommand {
    /// This panel-report's version: printed by `--version` and recorded in every
    /// manifest.json, so a new version rebuilds a report `--if-changed` would keep.
    static let version = "1.0.0"

    public static let configuration = CommandConfiguration(
        commandName: "panel-report",
        abstract: "Builds the panel's findings report from structured case summaries.",
        discussion: """
            Exit codes: 0 done (built, unchanged, valid or intact); 64 wrong command line \
            (also no command at all, or an --output that is /, the home folder, or inside \
            the inputs or templates folder); 65 invalid or unreadable case data or \
            templates, or (verify, publish) a report folder that differs from its manifest.json, \
            or (publish, rollback) a damaged release that cannot be replaced; 66 an input is \
            missing (verify: no manifest.json; rollback: no such release); 69 --pdf could not find or run \
            Chromium, or preview could not start panel-report-preview; 70 an internal error \
            (please report it); 73 the output folder cannot be created, holds files panel-report did \
            not write, or links its own files elsewhere, or the site folder cannot be written \
            (publish, rollback); 74 the new report or a release could not be moved into place; 78 \
            the environment is wrong (an invalid SOURCE_DATE_EPOCH for a draft).
            """,
        version: version,
        subcommands: [
            BuildCommand.self, ValidateCommand.self, StatsCommand.self, VerifyCommand.self, PublishCommand.self, RollbackCommand.self,
            PreviewCommand.self, ConvertCommand.self,
        ])

    public init() {}

    /// ArgumentParser's own main, except that no command at all is a usage error
    /// (help on stderr, exit 64: a job that lost its arguments must not pass), and
    /// a usage error is two lines on stderr: what is wrong, and where the help is.
    /// `previewTransport`: the web server, from the `panel-report-preview` program only.
    public static func main(previewTransport: (any PreviewTransport.Type)? = nil) {
        PreviewCommand.transport = previewTransport
        let arguments = Array(CommandLine.arguments.dropFirst())
        // Usage errors are found before the options are; read the log format by hand.
        if let index = arguments.firstIndex(of: "--log-format"), arguments.indices.contains(index + 1) {
            Console.configure(Console.Settings(json: arguments[index + 1] == "json"))
        } else if arguments.contains("--log-format=json") {
            Console.configure(Console.Settings(json: true))
        }
        guard !arguments.isEmpty else {
            if Console.current.json {
                Console.error("panel-report: no command given; give build, validate, stats, verify or publish", code: 64)
            } else {
                Console.raw(helpMessage() + "\n")
            }
            Foundation.exit(Failure.Kind.usage.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help, --version, --generate-completion-script: asked for, so stdout.
                Console.out(fullMessage(for: error))
                Foundation.exit(0)
            }
            let lines = usageLines(message(for: error), arguments: arguments)
            Console.error(lines.0, code: code.rawValue)
            Console.error(lines.1, code: code.rawValue)
            Foundation.exit(code.rawValue)
        }
    }

    /// "panel-report: unknown option '--ouput'; did you mean '--output'?" and
    /// "hint: panel-report build --help lists what it takes".
    static func usageLines(_ message: String, arguments: [String]) -> (String, String) {
        var text = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("Usage:") && !$0.hasPrefix("See '") }.joined(separator: "; ")
        text = text.replacingOccurrences(of: ". Did you mean", with: "; did you mean")
        if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
        if let first = text.first, first.isUppercase, text.dropFirst().first?.isUppercase != true {
            text = first.lowercased() + text.dropFirst()
        }
        if text.hasSuffix(".") { text.removeLast() }
        let names = configuration.subcommands.map { $0._commandName }
        let command = arguments.first(where: names.contains).map { "panel-report \($0)" } ?? "panel-report"
        if command == "panel-report", let word = arguments.first, !word.hasPrefix("-") {
            text =
                "unknown command '\(Printable.text(word))'"
                + (Spelling.nearest(word, among: names).first.map { "; did you mean '\($0)'?" } ?? "")
        }
        return ("panel-report: " + text, "hint: \(command) --help lists what it takes")
    }
}

/// The inputs folder, shared by every command.
struct InputOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The inputs folder: review.yaml, areas.yaml, vocabulary.yaml, and cases/, cases.csv (+ learning.csv) or "
                + "cases.xlsx.", valueName: "dir"))
    var inputs: String = "Inputs"
}

/// The templates folder, shared by `build` and `validate`.
struct TemplateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The templates folder: chapters/*.md, report.css, figures/*.yaml.", valueName: "dir"))
    var templates: String = "Templates"
}

/// What a report is built with beyond its folders, shared by `build` and `publish`
/// (whose build must be given the same ones every run: the build's record keeps them).
struct ReportOptions: ParsableArguments {
    @Option(
        name: .customLong("suppress-below"),
        help: ArgumentHelp(
            "Publish every count from 1 to N-1 as [c], and withhold enough others that none can be "
                + "worked out (overrides review.yaml's disclosure.suppress_below; a draft shows true values, marked).", valueName: "N"))
    var suppressBelow: Int?

    /// For the attacker's test only (scripts/tests/test_attack.py): withhold the small
    /// counts and nothing else, and write the report even though the audit finds
    /// withheld counts that can be worked out. Never for a report anyone will read.
    @Flag(name: .customLong("without-secondary-suppression"), help: .hidden)
    var withoutSecondarySuppression = false

    @Flag(help: "Also print the report to report.pdf (A4, page numbers, bookmarks, tagged) with headless Chromium.")
    var pdf = false

    @Option(help: ArgumentHelp("The Chromium to print the PDF with (default: chromium on PATH).", valueName: "path"))
    var chromium: String?

    func validate() throws {
        if let n = suppressBelow, !Review.suppressBelowRange.contains(n) {
            throw ValidationError(
                "--suppress-below \(n): expected a whole number from \(Review.suppressBelowRange.lowerBound) to "
                    + "\(Review.suppressBelowRange.upperBound) (counts from 1 to N-1 are withheld)")
        }
    }
}
