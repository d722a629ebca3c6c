import ArgumentParser

/// `panel-report`: builds the panel's findings report from structured case summaries.
@main
struct PanelReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panel-report",
        abstract: "Builds the panel's findings report from structured case summaries.",
        discussion: """
            Exit codes: 0 done; 64 wrong command line; 65 invalid or unreadable case data or \
            templates; 66 an input is missing; 73 the output folder cannot be created or holds \
            files panel-report did not write; 74 the new report could not be moved into place.
            """,
        subcommands: [BuildCommand.self, ValidateCommand.self, StatsCommand.self, ConvertCommand.self])
}

/// The inputs folder, shared by every command.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The inputs folder: review.yaml, areas.yaml, vocabulary.yaml, and cases/, cases.csv (+ learning.csv) or cases.xlsx.", valueName: "dir"))
    var inputs: String = "Inputs"
}

/// The templates folder, shared by `build` and `validate`.
struct TemplateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The templates folder: chapters/*.md, report.css, figures/*.yaml.", valueName: "dir"))
    var templates: String = "Templates"
}
