import ArgumentParser
import OutputFolder
import Platform

/// `panel-report verify`: proves an output folder holds exactly what its build wrote.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an output folder against its manifest.json: every file there, intact, and nothing else.",
        discussion: """
            Every file manifest.json lists is hashed again (SHA-256 and size); every file \
            in the folder it does not list is unexpected, except panel-report's own files \
            .panel-report-output and .panel-report-lock. Exit 0 when the folder is intact; 65 listing each missing, \
            altered or unexpected file; 66 when there is no manifest.json (build first). \
            Run it before copying the folder to a web server.
            """)

    @Option(help: ArgumentHelp("The folder to check.", valueName: "dir"))
    var output = "Output"

    @OptionGroup var log: LogOptions

    func run() throws {
        try reportingFailures(log) { clock in
            clock.begin("hashing the report")
            let folder = OutputWriter.Folder(output)
            guard folder.exists else {
                throw Failure(.missingInput, "panel-report: \(folder.shown): no such folder; build the report first")
            }
            let manifest: Manifest
            do throws(Manifest.ReadProblem) {
                manifest = try Manifest.read(from: folder.root)
            } catch {
                switch error {
                case .missing:
                    throw Failure(
                        .missingInput,
                        "panel-report: \(folder.shown)/\(Manifest.fileName): no such file; build the report first (panel-report "
                            + "build --output \(folder.shown))")
                case .unusable(let why):
                    throw Failure(
                        .badData, lines: ["panel-report: \(folder.shown)/\(Manifest.fileName) \(why); build the report again"],
                        outcome: "damaged")
                }
            }
            let damage = manifest.damage(in: folder.root)
            clock.finish()
            guard damage.isEmpty else {
                let count = { (n: Int, what: String) in n == 0 ? nil : "\(n) \(what)" }
                let counts = [
                    count(damage.filter { if case .missing = $0 { true } else { false } }.count, "missing"),
                    count(damage.filter { if case .altered = $0 { true } else { false } }.count, "altered"),
                    count(damage.filter { if case .unexpected = $0 { true } else { false } }.count, "unexpected"),
                ]
                .compactMap { $0 }.joined(separator: ", ")
                throw Failure(
                    .badData, problems: damage.map { (file: "\(folder.shown)/\($0.path)", line: "\(folder.shown)/\($0.description)") },
                    summary:
                        "panel-report: \(folder.shown) differs from its \(Manifest.fileName): \(counts); do not publish it, build it again "
                        + "(\(RunClock.format(clock.seconds)))",
                    outcome: "damaged")
            }
            Console.summary(
                "panel-report: \(folder.shown) is intact: \(manifest.files.count) files match its \(Manifest.fileName) (\(manifest.kind), built "
                    + "by panel-report \(manifest.tool.version); \(RunClock.format(clock.seconds)))",
                outcome: "intact", code: 0, seconds: clock.seconds)
        }
    }
}
