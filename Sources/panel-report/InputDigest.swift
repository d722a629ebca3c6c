import Checksums
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// SHA-256 digests of the files a build reads: the inputs folder and the
/// templates folder, every file that is not hidden, by path.
///
/// A symbolic link that stays inside its folder is hashed by what it points to
/// (the loader reads it so); one that leads outside is never opened (the loader
/// refuses it) and is listed by where it points, so changing it still shows. A
/// file that cannot be read, or is over the size limit, is listed as such, never
/// left out: a build would refuse it, so it must never look unchanged.
enum InputDigest {
    /// `(path relative to the folder, SHA-256 or what stood in its way)`, sorted by path.
    static func files(in folder: String) -> [(path: String, sha256: String)] {
        let root = URL(fileURLWithPath: folder)
        let rootPath = root.standardizedFileURL.path
        let realRoot = realPath(rootPath) ?? rootPath
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey], options: [.skipsHiddenFiles]) else { return [] }
        var found: [(path: String, sha256: String)] = []
        for case let url as URL in enumerator {
            let path = url.standardizedFileURL.path
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let relative = String(path.dropFirst(rootPath.count + 1))
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                found.append((relative, digest(path)))
            case S_IFLNK:
                guard let target = realPath(path) else {
                    found.append((relative, "link to nothing: " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "")))
                    continue
                }
                var targetInfo = stat()
                guard stat(target, &targetInfo) == 0, targetInfo.st_mode & S_IFMT == S_IFREG else { continue }
                found.append((relative, target.hasPrefix(realRoot + "/") ? digest(target) : "link outside the folder: " + target))
            default:
                continue
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    private static func digest(_ path: String) -> String {
        do {
            let bytes = try FileReading.read(path, atMost: FileReading.maxFileBytes + 1)
            return bytes.count > FileReading.maxFileBytes ? "too large to read" : SHA256.hex(bytes)
        } catch {
            return "unreadable: \(error)"
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// One digest for several folders, as `sha256sum` would list them
    /// ("HASH  inputs/cases/C01.yaml"); the first 12 digits name a draft's inputs.
    static func combined(_ folders: [(label: String, path: String)]) -> String {
        combined(listing: folders.flatMap { folder in files(in: folder.path).map { ("\(folder.label)/\($0.path)", $0.sha256) } })
    }

    /// The digest of files already hashed, labelled by folder (`inputs/cases/C01.yaml`)
    /// and in the order given: the SHA-256 of their `sha256sum` listing. The one
    /// form of it, for `build --draft`, the preview and the manifest's sources alike.
    static func combined(listing files: [(path: String, sha256: String)]) -> String {
        SHA256.hex(Array(files.map { "\($0.sha256)  \($0.path)\n" }.joined().utf8))
    }
}

/// When a draft was built: `SOURCE_DATE_EPOCH` when set (so a build server can
/// reproduce a draft byte for byte), otherwise the clock. Only drafts say when
/// they were built; a published report prints review.yaml's date.
enum DraftClock {
    static func now(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        format(try pinned(environment: environment) ?? Int(Date().timeIntervalSince1970))
    }

    /// `SOURCE_DATE_EPOCH` as seconds, `nil` when unset; an invalid value is a
    /// configuration error (exit 78), not bad case data.
    static func pinned(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int? {
        var seconds: Int?
        if let raw = environment["SOURCE_DATE_EPOCH"], !raw.isEmpty {
            guard let value = Int(raw), (0...253_402_300_799).contains(value) else {
                throw Failure(.config, "panel-report: SOURCE_DATE_EPOCH=\(raw): not a whole number of seconds from 1970 to the year 9999; set it to one (such as 1700000000) or unset it to date the draft by the clock")
            }
            seconds = value
        }
        return seconds
    }

    static func format(_ seconds: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
