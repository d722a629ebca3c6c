import Foundation

/// Writes a build's files so that the output folder is never half-written, and
/// never loses files that panel-report did not write.
///
/// Every file is first written into a staging folder inside the output folder.
/// Only when all are written are the previous build's `report.html`, `figures/`
/// and `data/` set aside, the new ones moved into place (a rename each), and the
/// old ones deleted; if a move fails the old ones are put back. A marker file
/// records that the folder holds panel-report's output: a folder with a
/// `report.html`, `figures/` or `data/` but no marker is refused, not overwritten.
/// Anything else in the folder (its README) is left alone.
enum OutputWriter {
    static let generated = ["report.html", "figures", "data"]
    static let marker = ".panel-report-output"

    static func replace(_ output: String, with files: [(path: String, bytes: Data)]) throws {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: output)
        do {
            try fm.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw Failure(.cannotCreateOutput, "\(output): cannot create the output folder (\(error.localizedDescription))")
        }
        // Leftovers of a run that was killed part-way (they may hold a draft's case ids).
        for name in (try? fm.contentsOfDirectory(atPath: output)) ?? []
        where name.hasPrefix(".staging-") || name.hasPrefix(".previous-") {
            try? fm.removeItem(at: root.appendingPathComponent(name))
        }
        let foreign = generated.filter { fm.fileExists(atPath: root.appendingPathComponent($0).path) }
        if !foreign.isEmpty && !fm.fileExists(atPath: root.appendingPathComponent(marker).path) {
            throw Failure(.cannotCreateOutput, "\(output): already holds \(foreign.joined(separator: ", ")), which panel-report did not write; choose another --output or empty that folder first")
        }

        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = root.appendingPathComponent(".staging-\(pid)")
        let previous = root.appendingPathComponent(".previous-\(pid)")
        defer {
            try? fm.removeItem(at: staging)
            try? fm.removeItem(at: previous)
        }
        do {
            for file in files + [(marker, Data("Written by panel-report; the folder's report.html, figures/ and data/ are replaced on every build.\n".utf8))] {
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
            for name in generated + [marker] where fm.fileExists(atPath: staging.appendingPathComponent(name).path) {
                if name == marker { try? fm.removeItem(at: root.appendingPathComponent(marker)) }
                try fm.moveItem(at: staging.appendingPathComponent(name), to: root.appendingPathComponent(name))
                placed.append(name)
            }
        } catch {
            // Put the previous build back as it was.
            for name in placed where name != marker { try? fm.removeItem(at: root.appendingPathComponent(name)) }
            for name in setAside { try? fm.moveItem(at: previous.appendingPathComponent(name), to: root.appendingPathComponent(name)) }
            throw Failure(.ioError, "\(output): could not move the new report into place (\(error.localizedDescription)); the previous report was kept")
        }
    }
}
