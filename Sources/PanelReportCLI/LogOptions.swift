import ArgumentParser
import CaseLoading
import CaseModel
import Foundation
import Platform
import ReportRendering
import Synchronization

/// How a command talks on stderr: `--quiet`, `--verbose` and `--log-format`,
/// shared by `build`, `validate`, `stats` and `verify`.
struct LogOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case human, json
    }

    @Flag(name: .shortAndLong, help: "Print nothing on success; warnings and errors still go to stderr.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print how long each stage took (load and validate, compute and render, write).")
    var verbose = false

    @Option(
        name: .customLong("log-format"),
        help: ArgumentHelp(
            "human (one readable line each) or json (one JSON object per line: level, message, file, "
                + "line, column, field, code).", valueName: "format"))
    var logFormat: Format = .human

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose contradict each other; give one of them") }
    }

    /// Makes these the settings of every line the run prints.
    func apply() {
        Console.configure(Console.Settings(quiet: quiet, verbose: verbose, json: logFormat == .json))
    }
}
