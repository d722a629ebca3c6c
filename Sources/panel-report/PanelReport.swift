import ArgumentParser

@main
struct PanelReport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "panel-report", abstract: "Builds the panel's findings report from structured case summaries.")
}
