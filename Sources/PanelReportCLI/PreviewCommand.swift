import ArgumentParser
import Foundation
import Glibc
import Platform
import Preview
import Synchronization

/// `panel-report preview`: serves the report on this computer and rebuilds it in
/// memory whenever the inputs or templates change.
///
/// The server is in another program, `panel-report-preview` (see
/// ``PreviewTransport``): `panel-report` checks the command line, then starts that
/// program in its own place with the same arguments, and it runs this command again
/// with ``transport`` set.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Serve the reviewers' draft on this computer, rebuilt whenever the inputs or templates change.",
        discussion: """
            Built in memory: nothing is written, not even Output/. Open the address it prints \
            on stderr; the page reloads itself after each rebuild, and while the files cannot \
            be built it lists every problem with the line it is on. Stop it with Ctrl-C. \
            Exit codes: 64 a wrong command line or a --port in use; 69 the program \
            panel-report-preview, which serves it, is not beside panel-report; 74 the server stopped.
            """)

    /// The web server, given by the `panel-report-preview` program to
    /// ``PanelReport/main(previewTransport:)``; nil in `panel-report`, which then
    /// starts that program instead (``PreviewProgram``).
    nonisolated(unsafe) static var transport: (any PreviewTransport.Type)?

    /// The port when none is given; if another program has it, any free port is used.
    static let defaultPort = 8710

    @OptionGroup var input: InputOptions

    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var log: LogOptions

    @Option(
        help: ArgumentHelp(
            "The port (default \(defaultPort), or any free port when that one is in use; 0 for any free port).", valueName: "n"))
    var port: Int?

    @Option(
        help: ArgumentHelp(
            "The address to listen on: 127.0.0.1 (the default) lets only this computer in; another address shows the draft, with its case "
                + "references, to other computers, without a password.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(
        name: .customLong("allow-host"),
        help: ArgumentHelp(
            "A name other computers use for this one (repeat for each): requests addressed to it are answered as well as those to 127.0.0.1, "
                + "localhost, ::1 and the --host address; any other is refused, so that no web page can reach the preview through a name of its own.",
            valueName: "name"))
    var allowHost: [String] = []

    @Flag(help: "Serve the published report instead of the reviewers' draft.")
    var published = false

    @Flag(
        help:
            "Check the folders every 250 ms instead of asking the system to report changes (for folders on a network file system, which reports none)."
    )
    var poll = false

    func validate() throws {
        if let port, !(0...65535).contains(port) {
            throw ValidationError("--port \(port): a port is a whole number from 1 to 65535, or 0 for any free port")
        }
    }

    func run() throws {
        // A server runs until stopped: no progress line, and no summary of a finished run.
        try reportingFailures(log, progress: false) { _ in
            guard let transport = Self.transport else { try PreviewProgram.start() }
            let address = try PreviewAddress(host: host)
            let chosen = try choosePort(address, transport)
            // Requests must name an address or name the preview knows, on every address it
            // listens on: a web page the reviewer visits could otherwise point a name of its
            // own at this computer (DNS rebinding) and read the draft.
            let allowed = ["127.0.0.1", "localhost", "::1", address.host.lowercased()] + allowHost.map { $0.lowercased() }
            if !address.isLoopback {
                Console.error(
                    "panel-report: warning: --host \(host): other computers that can reach this one can open the preview, "
                        + "\(published ? "the report" : "the reviewers' draft with its case references"), without a password; use the default 127.0.0.1 unless "
                        + "they need it. Requests are answered only when addressed to \(Self.list(allowed)); name others with --allow-host")
            }

            let session = PreviewSession(inputs: input.inputs, templates: templateOptions.templates, draft: !published)
            if let outcome = session.refresh() { Self.report(outcome) }
            let (watcher, fallbackReason) = watchFolders([input.inputs, templateOptions.templates], polling: poll)
            if let reason = fallbackReason {
                Console.error(
                    "panel-report: checking \(input.inputs) and \(templateOptions.templates) for changes every 250 ms (\(reason))")
            }
            let watching = Thread {
                while true {
                    watcher.waitForChange()
                    if let outcome = session.refresh() { Self.report(outcome) }
                }
            }
            watching.start()

            let handler = PreviewHandler(session: session, allowedHostNames: Set(allowed))
            let what = published ? "the published report" : "the reviewers' draft"
            let (inputs, templates) = (input.inputs, templateOptions.templates)
            let stopped = Blocking.run {
                try await transport.serve(host: address.host, isIPv6: address.isIPv6, port: chosen, respond: handler.respond) { port in
                    Console.error(
                        "panel-report: previewing \(what) at \(address.url(port: port)) (watching \(inputs) and \(templates); Ctrl-C stops)"
                    )
                }
            }
            if let stopped {
                throw Failure(.ioError, "panel-report: the preview server stopped: \(stopped)")
            }
        }
    }

    /// "a, b or c", each name once, in the order given.
    static func list(_ names: [String]) -> String {
        var seen: Set<String> = []
        let names = names.filter { seen.insert($0).inserted }.map(Printable.text)
        return names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// The port asked for, or a free one: 0 (any free port) when the default one is taken.
    private func choosePort(_ address: PreviewAddress, _ transport: any PreviewTransport.Type) throws -> UInt16 {
        let wanted = UInt16(port ?? Self.defaultPort)
        guard wanted != 0, let problem = transport.bindProblem(host: address.host, isIPv6: address.isIPv6, port: wanted) else {
            return wanted
        }
        if problem == EADDRINUSE || problem == EACCES {
            if port == nil {
                Console.error(
                    "panel-report: port \(wanted) is \(problem == EADDRINUSE ? "in use by another program" : "not open to this user"); using a "
                        + "free port instead")
                return 0
            }
            throw Failure(
                .usage,
                "panel-report: --port \(wanted): "
                    + "\(problem == EADDRINUSE ? "another program is listening on it" : "this user may not listen on it (ports below 1024 need root)"); choose "
                    + "another, or --port 0 for any free port")
        }
        if problem == EADDRNOTAVAIL {
            throw Failure(.usage, "panel-report: --host \(Printable.text(address.host)): not an address of this computer; use 127.0.0.1")
        }
        throw Failure(.usage, "panel-report: cannot listen on \(Printable.text(address.host)) port \(wanted): \(SystemError.text(problem))")
    }

    /// One line per rebuild; the problems first when there are any.
    static func report(_ outcome: PreviewSession.Outcome) {
        let shown = outcome.problems.prefix(CohortReading.printLimit)
        for problem in shown {
            Console.error("\(problem.place): \(problem.isWarning ? "warning: " : "")\(problem.message)")
        }
        if outcome.problems.count > shown.count {
            Console.error("… and \(outcome.problems.count - shown.count) more problems not shown")
        }
        let ms = Int((outcome.seconds * 1000).rounded())
        let errors = outcome.problems.filter { !$0.isWarning }.count
        if outcome.isReport {
            Console.error(
                "panel-report: build \(outcome.build): \(outcome.cases) \(outcome.cases == 1 ? "case" : "cases"), built in \(ms) ms")
        } else {
            Console.error(
                "panel-report: build \(outcome.build): \(errors) \(errors == 1 ? "problem" : "problems") to fix, listed on the page (\(ms) ms)"
            )
        }
    }
}
