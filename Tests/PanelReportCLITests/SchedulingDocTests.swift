import Foundation
import Testing

/// Issue 24: every command in `docs/scheduling.md`'s code blocks, read from the
/// Markdown and run as written, in order, against a temporary checkout and site.
/// Only the documented example paths are replaced: `/srv/panel-report` (copies of
/// `Inputs/` and `Templates/`, and this build's tool as `.build/release/panel-report`)
/// and `/var/www/panel-report`; `swift build` is a stand-in that checks its arguments.
@Suite struct SchedulingDocTests {
    static let checkout = "/srv/panel-report", site = "/var/www/panel-report"

    /// A fenced code block: its language and its lines.
    struct Block {
        var language: String
        var lines: [String]
    }

    static func blocks(_ markdown: String) -> [Block] {
        var blocks: [Block] = [], current: Block?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                if let open = current {
                    blocks.append(open)
                    current = nil
                } else {
                    current = Block(language: String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), lines: [])
                }
            } else {
                current?.lines.append(line)
            }
        }
        return blocks
    }

    /// A command to run: a shell script, in a folder.
    struct Command: CustomStringConvertible {
        var script: String
        var directory: String?
        var description: String { script }
    }

    /// The commands a block holds: each line of a shell block (one script); the
    /// command of each crontab line; a service's ExecStart, in its
    /// WorkingDirectory; each step of a CI job's `script`. JSON is output, not commands.
    static func commands(_ block: Block) throws -> [Command] {
        let text = block.lines.filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        switch block.language {
        case "sh":
            return [Command(script: "set -eu\n" + text.joined(separator: "\n"), directory: nil)]
        case "crontab":
            return text.compactMap { line in
                let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
                // MAILTO=… and other settings are not commands.
                guard fields.count == 6, !fields[0].contains("=") else { return nil }
                return Command(script: String(fields[5]), directory: nil)
            }
        case "ini":
            let directory = text.first { $0.hasPrefix("WorkingDirectory=") }.map { String($0.dropFirst("WorkingDirectory=".count)) }
            return text.filter { $0.hasPrefix("ExecStart=") }.map {
                Command(script: String($0.dropFirst("ExecStart=".count)), directory: directory)
            }
        case "yaml":
            guard let start = text.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "script:" }) else { return [] }
            let steps = text[(start + 1)...].prefix { $0.trimmingCharacters(in: .whitespaces).hasPrefix("- ") }
            return steps.map { Command(script: String($0.trimmingCharacters(in: .whitespaces).dropFirst(2)), directory: checkout) }
        case "json":
            return []
        default:
            Issue.record("docs/scheduling.md has a code block of a kind this test does not run: '\(block.language)'")
            return []
        }
    }

    @Test func everyCommandOfTheSchedulingDocRunsAsWritten() throws {
        let markdown = try String(contentsOf: CLI.repository.appendingPathComponent("docs/scheduling.md"), encoding: .utf8)
        let commands = try Self.blocks(markdown).flatMap(Self.commands)
        // cron, the service, the CI job's two steps, the rollback.
        #expect(commands.count >= 5, "\(commands)")
        #expect(commands.filter { $0.script.contains("panel-report publish --site") }.count >= 3, "\(commands)")
        #expect(commands.contains { $0.script.contains("panel-report rollback --site") }, "\(commands)")

        let job = try PublishTests.Job()
        let checkout = job.scratch.path("srv")
        try FileManager.default.createDirectory(atPath: checkout + "/.build/release", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: job.inputs, toPath: checkout + "/Inputs")
        try FileManager.default.moveItem(atPath: job.templates, toPath: checkout + "/Templates")
        try FileManager.default.createSymbolicLink(atPath: checkout + "/.build/release/panel-report", withDestinationPath: CLI.binary.path)
        let stubs = job.scratch.path("bin")
        try FileManager.default.createDirectory(atPath: stubs, withIntermediateDirectories: true)
        try Data(
            "#!/bin/sh\n[ \"$*\" = 'build -c release --static-swift-stdlib' ] || { echo \"unexpected: swift $*\" >&2; exit 1; }\n".utf8
        )
        .write(to: URL(fileURLWithPath: stubs + "/swift"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stubs + "/swift")
        let path = stubs + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")

        var published: String?
        for command in commands {
            let substituted = { (text: String) in
                text.replacingOccurrences(of: Self.checkout, with: checkout).replacingOccurrences(of: Self.site, with: job.site)
            }
            if command.script.contains("rollback"), let first = published {
                // Something to roll back to: a case edited, and the cron job's next run.
                try PublishTests.Job.edit(checkout + "/Inputs/cases/C01.yaml")
                let cron = try #require(commands.first)
                let run = try CLI.program("/bin/sh", ["-c", substituted(cron.script)], environment: ["PATH": path])
                #expect(run.status == 0, "\(run)")
                #expect(try FileManager.default.destinationOfSymbolicLink(atPath: job.site + "/current") != "releases/" + first)
            }
            let directory = URL(fileURLWithPath: substituted(command.directory ?? job.scratch.url.path))
            let run = try CLI.program("/bin/sh", ["-c", substituted(command.script)], environment: ["PATH": path], in: directory)
            #expect(run.status == 0, "\(command): \(run)")
            let live = try? FileManager.default.destinationOfSymbolicLink(atPath: job.site + "/current")
            if published == nil { published = live.map { String($0.dropFirst("releases/".count)) } }
            if command.script.contains("rollback") {
                #expect(live == "releases/" + (published ?? ""), "rollback did not go back to the first release")
            }
        }
        #expect(published != nil, "no command of the doc published into the site")
        #expect(try CLI.run(["verify", "--output", job.site + "/current"], timeout: 60).status == 0)
        // The CI job's site, in the checkout.
        #expect(try CLI.run(["verify", "--output", checkout + "/site/current"], timeout: 60).status == 0)
    }
}

extension PublishTests.Job {
    /// Flips a child's sex in a case file: a change that changes the report.
    static func edit(_ path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited =
            text.contains("sex: male")
            ? text.replacingOccurrences(of: "sex: male", with: "sex: female")
            : text.replacingOccurrences(of: "sex: female", with: "sex: male")
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
