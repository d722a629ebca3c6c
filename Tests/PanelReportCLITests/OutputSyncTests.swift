import Foundation
import Testing

/// What makes the swap safe after a power cut: every file of the new report is on
/// disk (fsync'd) before the journal that says it is complete is written, and so
/// are the folders that hold them. The files may be synced in any order, after
/// they are all written; strace shows the order of the calls.
@Suite(.enabled(if: CLI.which("strace") != nil, "strace is not installed (scripts/setup installs it)"))
struct OutputSyncTests {
    @Test func everyStagedFileAndFolderIsSyncedBeforeTheJournalIsWritten() throws {
        let scratch = try Scratch()
        let output = scratch.path("out")
        let log = scratch.path("trace.log")
        // -y prints the path behind each file descriptor.
        let run = try CLI.program(
            CLI.which("strace")!,
            [
                "-f", "-y", "-o", log, "-e", "trace=openat,fsync,fdatasync",
                CLI.binary.path, "build", "--inputs", CLI.repository.appendingPathComponent("Inputs").path,
                "--templates", CLI.repository.appendingPathComponent("Templates").path,
                "--output", output,
            ])
        #expect(run.status == 0, "\(run)")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        let journal = try #require(
            lines.firstIndex { $0.contains("openat(") && $0.contains(".panel-report-swap.tmp") && $0.contains("O_CREAT") },
            "the journal is written")
        let staging = "/.panel-report-staging"
        let created = lines.prefix(journal).filter { $0.contains("openat(") && $0.contains(staging) && $0.contains("O_CREAT") }
            .compactMap { Self.quotedPath($0) }.map { Self.resolved($0) }
        #expect(
            Set(created.map { String($0[$0.range(of: staging)!.upperBound...]) })
                == Set(ReferenceFiles.published.map { "/" + $0 }), "the staged files")
        let synced = lines.prefix(journal).filter { $0.contains("fsync(") && !$0.contains("= -1") }
            .compactMap { line -> String? in
                guard let open = line.range(of: "<"), let close = line.range(of: ">", range: open.upperBound..<line.endIndex) else {
                    return nil
                }
                return String(line[open.upperBound..<close.lowerBound])
            }
        let unsynced = created.filter { !synced.contains($0) }
        #expect(unsynced.isEmpty, "not synced before the journal: \(unsynced)")
        // Every file is written before the first sync waits for any.
        let firstSync = try #require(lines.firstIndex { $0.contains("fsync(") && $0.contains(staging) })
        let writtenFirst = lines.prefix(firstSync).filter { $0.contains("openat(") && $0.contains(staging) && $0.contains("O_CREAT") }
        #expect(writtenFirst.count == created.count, "every file is written before the first fsync")
        for folder in ["", "/figures", "/data"] {
            #expect(synced.contains { $0.hasSuffix(staging + folder) }, "the staging folder\(folder) is synced before the journal")
        }
    }

    /// A rebuild that keeps every file (their bytes did not change) still syncs each
    /// of them before the journal: nothing says a file in place is on disk yet (a
    /// folder copied a moment ago).
    @Test func aRebuildSyncsTheFilesItKeepsBeforeTheJournal() throws {
        let scratch = try Scratch()
        let output = scratch.path("out")
        let arguments = [
            "build", "--inputs", CLI.repository.appendingPathComponent("Inputs").path,
            "--templates", CLI.repository.appendingPathComponent("Templates").path, "--output", output,
        ]
        #expect(try CLI.run(arguments).status == 0)
        let log = scratch.path("trace.log")
        let run = try CLI.program(
            CLI.which("strace")!, ["-f", "-y", "-o", log, "-e", "trace=openat,fsync,fdatasync,link"] + [CLI.binary.path] + arguments)
        #expect(run.status == 0, "\(run)")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        let journal = try #require(
            lines.firstIndex { $0.contains("openat(") && $0.contains(".panel-report-swap.tmp") && $0.contains("O_CREAT") })
        let before = lines.prefix(journal)
        #expect(
            !before.contains { $0.contains("openat(") && $0.contains("/.panel-report-staging/") && $0.contains("O_CREAT") },
            "no file of the report is written again")
        #expect(before.filter { $0.contains("link(") && $0.hasSuffix("= 0") }.count == ReferenceFiles.published.count)
        // fsync, or fdatasync: a kept file's data and size are what must be on disk.
        let synced = Set(
            before.filter { ($0.contains("fsync(") || $0.contains("fdatasync(")) && !$0.contains("= -1") }.compactMap { line -> String? in
                guard let open = line.range(of: "<"), let close = line.range(of: ">", range: open.upperBound..<line.endIndex) else {
                    return nil
                }
                return String(line[open.upperBound..<close.lowerBound])
            })
        let root = Self.resolved(output)
        let unsynced = ReferenceFiles.published.filter {
            !synced.contains(root + "/" + $0) && !synced.contains(root + "/.panel-report-staging/" + $0)
        }
        #expect(unsynced.isEmpty, "kept but not synced before the journal: \(unsynced)")
    }

    /// The path an `openat(AT_FDCWD, "path", …)` line names.
    static func quotedPath(_ line: String) -> String? {
        let parts = line.split(separator: "\"", omittingEmptySubsequences: false)
        return parts.count >= 3 ? String(parts[1]) : nil
    }

    /// The path as fsync's `<…>` shows it (absolute, links resolved).
    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }
}
