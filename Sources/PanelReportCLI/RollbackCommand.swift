import ArgumentParser
import OutputFolder
import Platform

/// `panel-report rollback`: make an earlier release live again, once it is verified.
struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Verify an earlier release and point SITE/current at it (default: the one published before the live one).",
        discussion: """
            The release before is the one published before the live one, as \
            SITE/releases/.panel-report-history records them. A damaged release is refused \
            (exit 65, naming each file) and current is left as it was. A later publish keeps \
            the rolled-back release live until the inputs change.
            """)

    @Option(help: ArgumentHelp("The site folder, as given to publish.", valueName: "dir"))
    var site: String

    @Option(help: ArgumentHelp("The release to go back to (a name in SITE/releases).", valueName: "id"))
    var to: String?

    @OptionGroup var log: LogOptions

    func run() throws {
        try reportingFailures(log) { clock in
            let place = Site(site)
            guard (try? System.info(place.root))?.kind == .folder else {
                throw Failure(.missingInput, "panel-report: \(place.shown): no such folder; nothing has been published there")
            }
            try place.locked {
                let switched = try place.rollback(to: to)
                Console.summary(
                    "panel-report: rolled back: \(place.shown)/\(Site.current) -> \(Site.linkTarget(switched.to)) (verified; was "
                        + "\(Site.linkTarget(switched.from))); publish keeps it live until the inputs change (\(RunClock.format(clock.seconds)))",
                    outcome: "rolled-back", code: 0, seconds: clock.seconds)
            }
        }
    }
}
