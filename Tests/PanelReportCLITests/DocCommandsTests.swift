import Foundation
import Testing

/// Every command shown in a ```sh block of `README.md` and `docs/*.md`, run as
/// written (one block as one script) in a folder laid out like a fresh clone's top:
/// copies of `Inputs/` and `Templates/` and a link to `scripts/`, with this build's `panel-report` on the
/// path. A command a test cannot give what it needs is listed in ``notRun`` with
/// why; a listed command the docs no longer show fails the test, so the list stays short.
@Suite struct DocCommandsTests {
    /// Commands not run here, as the docs write them (without their comment), each with why.
    static let notRun: [String: String] = [
        "scripts/report": "installs Debian and PyPI packages and builds a release binary; a test must not install packages",
        "scripts/test": "runs this very test suite (and the browser checks after it)",
        "swift run panel-report preview":
            "starts a server that runs until it is stopped; PreviewTests start the same program and load its pages",
    ]

    /// Docs whose commands another test runs, each with which.
    static let runElsewhere: [String: String] = [
        "docs/scheduling.md": "SchedulingDocTests runs every command of it with its example paths (/srv, /var/www) replaced"
    ]

    /// A command line without its trailing `# comment`.
    static func withoutComment(_ line: String) -> String {
        var quoted: Character? = nil
        var previous: Character = " "
        for (offset, character) in line.enumerated() {
            if let open = quoted {
                if character == open { quoted = nil }
            } else if character == "\"" || character == "'" {
                quoted = character
            } else if character == "#", previous.isWhitespace {
                return String(line.prefix(offset)).trimmingCharacters(in: .whitespaces)
            }
            previous = character
        }
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// The docs with their shell blocks: (file, the commands of each block).
    static func documented() throws -> [(file: String, blocks: [[String]])] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: CLI.repository.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        return try (["README.md"] + docs).map { file in
            let markdown = try String(contentsOf: CLI.repository.appendingPathComponent(file), encoding: .utf8)
            let blocks = SchedulingDocTests.blocks(markdown).filter { $0.language == "sh" }
            return (file, blocks.map { $0.lines.map(withoutComment).filter { !$0.isEmpty } })
        }
    }

    @Test func everyCommandInTheDocsRunsAsWritten() throws {
        let documented = try Self.documented()
        #expect(documented.flatMap(\.blocks).flatMap { $0 }.count >= 5, "\(documented)")
        var listedSeen: Set<String> = []
        let folders = ScratchFolders()
        let bin = try CLI.scratch(folders)
        try FileManager.default.createSymbolicLink(
            atPath: bin.appendingPathComponent("panel-report").path, withDestinationPath: CLI.binary.path)
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        for (file, blocks) in documented where Self.runElsewhere[file] == nil {
            for block in blocks {
                let run = block.filter { command in
                    guard Self.notRun[command] != nil else { return true }
                    listedSeen.insert(command)
                    return false
                }
                guard !run.isEmpty else { continue }
                let top = try CLI.scratch(folders)
                for folder in ["Inputs", "Templates"] {
                    try FileManager.default.copyItem(
                        at: CLI.repository.appendingPathComponent(folder), to: top.appendingPathComponent(folder))
                }
                // The docs' scripts (scripts/attack) run from the clone's own folder, read-only.
                try FileManager.default.createSymbolicLink(
                    at: top.appendingPathComponent("scripts"), withDestinationURL: CLI.repository.appendingPathComponent("scripts"))
                let script = "set -eu\n" + run.joined(separator: "\n")
                let result = try CLI.program("/bin/sh", ["-c", script], environment: ["PATH": path], in: top, timeout: 300)
                #expect(result.status == 0, "\(file): \(run): \(result)")
            }
        }
        let stale = Set(Self.notRun.keys).subtracting(listedSeen)
        #expect(stale.isEmpty, "listed as not run but no longer in the docs: \(stale.sorted())")
        for file in Self.runElsewhere.keys {
            #expect(documented.contains { $0.file == file }, "\(file) is listed as run elsewhere but is not a doc")
        }
    }

    /// The preview command the templates guide gives works from a fresh clone: no
    /// path into a build folder that a clone does not have.
    @Test func noCommandReachesIntoABuildFolder() throws {
        for (file, blocks) in try Self.documented() where Self.runElsewhere[file] == nil {
            for command in blocks.flatMap({ $0 }) {
                #expect(!command.contains(".build/"), "\(file): \(command)")
            }
        }
    }
}
