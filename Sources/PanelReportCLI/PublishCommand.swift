import ArgumentParser
import OutputFolder
import Platform

/// `panel-report publish`: build if changed, verify, and make the report live on a site.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Build if changed, verify, copy the report into SITE/releases/ID and point SITE/current at it.",
        discussion: """
            The scheduled job in one command. Builds as build --if-changed does and verifies \
            the output folder; copies the report (without panel-report's .panel-report-* files) \
            into SITE/releases/ID through a temporary folder, verifies the copy and renames it \
            into place (ID: the first 16 hex digits of the SHA-256 of its manifest.json, so \
            identical reports share one release); then switches the link SITE/current to it in \
            one rename. Every run also verifies the live release: a damaged one is replaced by a \
            fresh copy with a warning, or refused with exit 65 naming each file when the build \
            folder holds another report. After a rollback, current stays where it was put until \
            the inputs change. One publish or rollback at a time per site (a lock).
            """)

    @OptionGroup var input: InputOptions

    @OptionGroup var templateOptions: TemplateOptions

    @Option(help: ArgumentHelp("The build folder.", valueName: "dir"))
    var output = "Output"

    @Option(
        help: ArgumentHelp(
            "The site folder: its link current (what the web server serves) and releases/ are kept here.",
            valueName: "dir"))
    var site: String

    @Option(help: ArgumentHelp("Keep the newest N releases (default: all); never the live one nor the one before it.", valueName: "N"))
    var keep: Int?

    @OptionGroup var report: ReportOptions

    @OptionGroup var log: LogOptions

    func validate() throws {
        if let keep, keep < 1 {
            throw ValidationError("--keep \(keep): expected a whole number of 1 or more (the live release is always kept)")
        }
    }

    func run() throws {
        try reportingFailures(log) { clock in
            try OutputPlace.check(site: site, output: output, inputs: input.inputs, templates: templateOptions.templates)
            let place = Site(site)
            try place.locked {
                // The build's options are in its record: a build with others is not an unchanged one.
                let built = try Building(
                    inputs: input.inputs, templates: templateOptions.templates, output: output, suppressBelow: report.suppressBelow,
                    ifChanged: true, pdf: report.pdf, chromium: report.chromium
                ).run(clock)
                Console.info(built.line)
                let done = try place.publish(from: output, keep: keep) { problem in
                    Console.warning("panel-report: " + problem.line + "; it was live", file: problem.file)
                }
                let pruned =
                    done.pruned.isEmpty
                    ? ""
                    : "; removed \(done.pruned.count) old \(done.pruned.count == 1 ? "release" : "releases") "
                        + "(--keep \(keep ?? 0)): " + done.pruned.joined(separator: ", ")
                let live = "\(place.shown)/\(Site.current) -> \(Site.linkTarget(done.live))"
                let time = RunClock.format(clock.seconds)
                if done.pinned {
                    Console.summary(
                        "panel-report: unchanged: \(live) stays live, put there by a rollback (intact, \(done.files) files); the build "
                            + "\(Site.linkTarget(done.id)) is from inputs published before it, so it is not switched until they change\(pruned) (\(time))",
                        outcome: "unchanged", code: 0, seconds: clock.seconds)
                } else if done.previous == done.live && done.copied {
                    Console.summary(
                        "panel-report: republished: \(live) was damaged (see the warnings above) and is replaced by a fresh, verified copy of "
                            + "\(OutputWriter.Folder(output).shown) (\(done.files) files)\(pruned) (\(time))",
                        outcome: "republished", code: 0, seconds: clock.seconds)
                } else if done.previous == done.live {
                    Console.summary(
                        "panel-report: unchanged: \(live) is intact (\(done.files) files match its manifest.json); nothing was written"
                            + "\(pruned) (\(time))", outcome: "unchanged", code: 0, seconds: clock.seconds)
                } else {
                    let how = done.copied ? "a new copy" : "a release already there, verified"
                    let was = done.previous.map { "; was " + Site.linkTarget($0) } ?? ""
                    Console.summary(
                        "panel-report: published: \(live) (\(done.files) files, \(how)\(was))\(pruned) (\(time))",
                        outcome: "published", code: 0, seconds: clock.seconds)
                }
            }
        }
    }
}
