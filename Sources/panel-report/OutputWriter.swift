import Foundation

/// Writes a build's files so that `Output/` is never half-written.
///
/// Every file is first written into a staging folder inside the output folder;
/// only when all are written are they moved into place (a rename each), and
/// files an earlier build generated that this one did not are removed. Anything
/// else in the folder (its README) is left alone.
enum OutputWriter {
    static let generated = ["report.html", "figures", "data"]

    static func replace(_ output: String, with files: [(path: String, bytes: Data)]) throws {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: output)
        do {
            try fm.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw Failure(.cannotCreateOutput, "\(output): cannot create the output folder (\(error.localizedDescription))")
        }
        let staging = root.appendingPathComponent(".staging-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: staging)
        defer { try? fm.removeItem(at: staging) }
        do {
            for file in files {
                let url = staging.appendingPathComponent(file.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.bytes.write(to: url)
            }
        } catch {
            throw Failure(.cannotCreateOutput, "\(output): cannot write the report there (\(error.localizedDescription)); nothing was changed")
        }
        do {
            for name in generated {
                let old = root.appendingPathComponent(name)
                if fm.fileExists(atPath: old.path) { try fm.removeItem(at: old) }
                let new = staging.appendingPathComponent(name)
                if fm.fileExists(atPath: new.path) { try fm.moveItem(at: new, to: old) }
            }
        } catch {
            throw Failure(.ioError, "\(output): could not move the new report into place (\(error.localizedDescription))")
        }
    }
}
