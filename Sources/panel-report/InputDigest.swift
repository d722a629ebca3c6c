import Checksums
import Foundation

/// SHA-256 digests of the files a build reads: the inputs folder and the
/// templates folder, every regular file that is not hidden, by path.
enum InputDigest {
    /// `(path relative to the folder, SHA-256)`, sorted by path.
    static func files(in folder: String) -> [(path: String, sha256: String)] {
        let root = URL(fileURLWithPath: folder)
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey], options: [.skipsHiddenFiles]) else { return [] }
        var found: [(path: String, sha256: String)] = []
        for case let url as URL in enumerator {
            let keys = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard keys?.isRegularFile == true, keys?.isSymbolicLink != true,
                  let data = FileManager.default.contents(atPath: url.path) else { continue }
            found.append((String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)), SHA256.hex(data)))
        }
        return found.sorted { $0.path < $1.path }
    }

    /// One digest for several folders, as `sha256sum` would list them
    /// ("HASH  inputs/cases/C01.yaml"); the first 12 digits name a draft's inputs.
    static func combined(_ folders: [(label: String, path: String)]) -> String {
        var listing = ""
        for folder in folders {
            for file in files(in: folder.path) { listing += "\(file.sha256)  \(folder.label)/\(file.path)\n" }
        }
        return SHA256.hex(Array(listing.utf8))
    }
}

/// When a draft was built: `SOURCE_DATE_EPOCH` when set (so a build server can
/// reproduce a draft byte for byte), otherwise the clock. Only drafts say when
/// they were built; a published report prints review.yaml's date.
enum DraftClock {
    static func now(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        var seconds = Int(Date().timeIntervalSince1970)
        if let raw = environment["SOURCE_DATE_EPOCH"], !raw.isEmpty {
            guard let value = Int(raw), (0...253_402_300_799).contains(value) else {
                throw Failure(.badData, "SOURCE_DATE_EPOCH=\(raw): not a whole number of seconds from 1970 to the year 9999; unset it to use the clock")
            }
            seconds = value
        }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
