import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a build's files so that the output folder is never half-written, and
/// never loses files that panel-report did not write.
///
/// - One build at a time writes a folder: a lock file serialises builds.
/// - Every file is first written into a staging folder inside the output folder.
///   Only when all are written are the previous build's `report.html`, `figures/`
///   and `data/` set aside, the new ones moved into place (a rename each), and the
///   old ones deleted; if a move fails the old ones are put back.
/// - A marker file records that the folder holds panel-report's output, and
///   whether a published report or a reviewers' draft: a folder with a
///   `report.html`, `figures/` or `data/` that panel-report did not write is
///   refused, and so is a draft into a published folder or the reverse.
/// - Anything else in the folder (its README) is left alone.
enum OutputWriter {
    static let generated = ["report.html", "figures", "data"]
    static let marker = ".panel-report-output"
    static let lock = ".panel-report-lock"

    enum Kind: String {
        case published, draft
    }

    static func replace(_ output: String, kind: Kind, with files: [(path: String, bytes: Data)]) throws {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: output)
        do {
            try fm.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw Failure(.cannotCreateOutput, "\(output): cannot create the output folder (\(error.localizedDescription))")
        }
        let lockFD = open(root.appendingPathComponent(lock).path, O_CREAT | O_RDWR, 0o644)
        guard lockFD >= 0 else { throw Failure(.cannotCreateOutput, "\(output): cannot write there (no permission?)") }
        defer { close(lockFD) }
        flock(lockFD, LOCK_EX)

        try checkOwnership(root, output: output, kind: kind)
        // Leftovers of a run that was killed part-way (they may hold a draft's case ids).
        // Safe under the lock: no other build is using them.
        for name in (try? fm.contentsOfDirectory(atPath: output)) ?? []
        where name.hasPrefix(".staging-") || name.hasPrefix(".previous-") {
            try? fm.removeItem(at: root.appendingPathComponent(name))
        }

        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = root.appendingPathComponent(".staging-\(pid)")
        let previous = root.appendingPathComponent(".previous-\(pid)")
        var keepPrevious = false
        defer {
            try? fm.removeItem(at: staging)
            if !keepPrevious { try? fm.removeItem(at: previous) }
        }
        do {
            for file in files {
                let url = staging.appendingPathComponent(file.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.bytes.write(to: url)
            }
            try fm.createDirectory(at: previous, withIntermediateDirectories: true)
        } catch {
            throw Failure(.cannotCreateOutput, "\(output): cannot write the report there (\(error.localizedDescription)); nothing was changed")
        }
        var setAside: [String] = []
        var placed: [String] = []
        do {
            for name in generated where fm.fileExists(atPath: root.appendingPathComponent(name).path) {
                try fm.moveItem(at: root.appendingPathComponent(name), to: previous.appendingPathComponent(name))
                setAside.append(name)
            }
            for name in generated where fm.fileExists(atPath: staging.appendingPathComponent(name).path) {
                try fm.moveItem(at: staging.appendingPathComponent(name), to: root.appendingPathComponent(name))
                placed.append(name)
            }
        } catch {
            // Put the previous build back as it was.
            for name in placed { try? fm.removeItem(at: root.appendingPathComponent(name)) }
            var restored = true
            for name in setAside {
                do { try fm.moveItem(at: previous.appendingPathComponent(name), to: root.appendingPathComponent(name)) } catch { restored = false }
            }
            keepPrevious = !restored
            throw Failure(.ioError, "\(output): could not move the new report into place (\(error.localizedDescription)); "
                + (restored ? "the previous report was kept" : "the previous report is in \(previous.path)"))
        }
        try? Data("\(kind.rawValue)\n".utf8).write(to: root.appendingPathComponent(marker))
    }

    /// Refuses a folder holding report files panel-report did not write, or a
    /// report of the other kind (a draft must never sit among published files).
    private static func checkOwnership(_ root: URL, output: String, kind: Kind) throws {
        let fm = FileManager.default
        let present = generated.filter { fm.fileExists(atPath: root.appendingPathComponent($0).path) }
        guard !present.isEmpty else { return }
        let recorded = (try? String(contentsOf: root.appendingPathComponent(marker), encoding: .utf8))
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        // Builds from before the marker existed: recognised by their statistics file.
        let earlier = recorded == nil ? earlierBuild(root) : nil
        guard let existing = recorded.flatMap(Kind.init(rawValue:)) ?? earlier else {
            throw Failure(.cannotCreateOutput, "\(output): already holds \(present.joined(separator: ", ")), which panel-report did not write; choose another --output or empty that folder first")
        }
        guard existing == kind else {
            let other = existing == .draft ? "a reviewers' draft" : "a published report"
            throw Failure(.cannotCreateOutput, "\(output): holds \(other); write the \(kind == .draft ? "draft" : "published report") to another folder (the default is \(kind == .draft ? "Output-draft" : "Output")) or delete report.html, figures/ and data/ there first")
        }
    }

    /// The kind of a build made before the marker file existed, if it is one.
    private static func earlierBuild(_ root: URL) -> Kind? {
        guard let data = try? Data(contentsOf: root.appendingPathComponent("data/statistics.json")),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              json["schema"] != nil, json["values"] != nil else { return nil }
        let html = (try? String(contentsOf: root.appendingPathComponent("report.html"), encoding: .utf8)) ?? ""
        return html.contains("<body class=\"draft\">") ? .draft : .published
    }
}
