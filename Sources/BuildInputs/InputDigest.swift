import Crypto
import Foundation
import Platform

/// SHA-256 digests of the files a build reads: the inputs folder and the
/// templates folder, every file that is not hidden, by path.
///
/// A symbolic link that stays inside its folder is hashed by what it points to
/// (the loader reads it so); one that leads outside is never opened (the loader
/// refuses it) and is listed by where it points, so changing it still shows. A
/// file that cannot be read, or is over the size limit, is listed as such, never
/// left out: a build would refuse it, so it must never look unchanged.
public enum InputDigest {
    /// `(path relative to the folder, SHA-256 or what stood in its way)`, sorted by path.
    ///
    /// The folder is walked as `FileManager`'s enumerator walked it before (fts,
    /// physical), with one difference: a folder named on the command line that is
    /// itself a link is followed, as the loader follows it (the enumerator listed
    /// nothing there, so `--if-changed` saw no inputs and never rebuilt). Links
    /// inside are never descended into, hidden entries (a name that
    /// starts with `.`) are skipped with everything under them, and a folder on
    /// another file system (a mount point) is not entered. Each file is then read
    /// and hashed in 64 KiB pieces, so memory stays bounded whatever its size.
    /// Files over `maxBytes` (the largest input the loader reads, unless a test says
    /// less) are listed as too large rather than hashed.
    public static func files(in folder: String, maxBytes: Int = FileReading.maxInputBytes) -> [(path: String, sha256: String)] {
        let rootPath = URL(fileURLWithPath: folder).standardizedFileURL.path
        let realRoot = System.realPath(rootPath) ?? rootPath
        var found: [(path: String, sha256: String)] = []
        var jobs: [(index: Int, path: String)] = []
        for entry in walk(rootPath) {
            switch entry.kind {
            case .file:
                jobs.append((found.count, entry.full))
                found.append((entry.relative, ""))
            case .link:
                guard let target = System.realPath(entry.full) else {
                    found.append((entry.relative, "link to nothing: " + ((try? System.readLink(entry.full)) ?? "")))
                    continue
                }
                guard (try? System.info(target))?.kind == .file else { continue }
                if target.hasPrefix(realRoot + "/") {
                    jobs.append((found.count, target))
                    found.append((entry.relative, ""))
                } else {
                    found.append((entry.relative, "link outside the folder: " + target))
                }
            }
        }
        let digests = digests(of: jobs.map(\.path), maxBytes: maxBytes)
        for (job, digest) in zip(jobs, digests) { found[job.index].sha256 = digest }
        return found.sorted { $0.path < $1.path }
    }

    /// A regular file or a symbolic link found in the folder.
    struct Entry {
        enum Kind { case file, link }
        var relative: String
        var full: String
        var kind: Kind
    }

    /// Every regular file and symbolic link under `root`, not hidden, in no particular order.
    static func walk(_ root: String) -> [Entry] {
        // stat, not lstat: the folder named on the command line is followed if it is a link.
        guard let rootInfo = try? System.info(root), rootInfo.kind == .folder else { return [] }
        var entries: [Entry] = []
        var pending: [(full: String, relative: String)] = [(root, "")]
        while let (folder, relativeFolder) = pending.popLast() {
            for entry in (try? Directory.entries(folder)) ?? [] where entry.isValidUTF8 && !entry.name.hasPrefix(".") {
                let full = folder + "/" + entry.name
                let relative = relativeFolder.isEmpty ? entry.name : relativeFolder + "/" + entry.name
                var kind = entry.kind
                var device = rootInfo.device
                if kind == nil || kind == .folder {
                    guard let info = try? System.linkInfo(full) else { continue }
                    kind = info.kind
                    device = info.device
                }
                switch kind {
                case .folder:
                    // fts's FTS_XDEV: a mount point is listed, not entered.
                    if device == rootInfo.device { pending.append((full, relative)) }
                case .file: entries.append(Entry(relative: relative, full: full, kind: .file))
                case .link: entries.append(Entry(relative: relative, full: full, kind: .link))
                default: continue
                }
            }
        }
        return entries
    }

    /// The digest of each file, in the order given, through one 64 KiB buffer.
    ///
    /// On one core: hashing on both cores was no faster on a shared 2-core machine,
    /// and slower when the other core was busy (the last chunk waits for a
    /// descheduled worker); docs/performance.md has the figures.
    static func digests(of paths: [String], maxBytes: Int) -> [String] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        return paths.map { digest($0, buffer: buffer, maxBytes: maxBytes) }
    }

    /// The SHA-256 of one regular file, read in `buffer`-sized pieces; "too large to
    /// read" past the largest input the loader reads (a spreadsheet's limit: a
    /// 30 MB cases.csv must be hashed, or an edit to it would look like no change),
    /// or "unreadable: why" (FileReading's words).
    static func digest(_ path: String, buffer: UnsafeMutableRawBufferPointer, maxBytes: Int) -> String {
        guard let fd = try? System.open(path, [.readOnly, .nonBlocking]) else { return slowDigest(path, maxBytes: maxBytes) }
        defer { System.close(fd) }
        guard (try? System.info(fd))?.kind == .file else { return slowDigest(path, maxBytes: maxBytes) }
        var hash = SHA256()
        var total = 0
        while true {
            guard let n = try? System.read(fd, into: buffer.baseAddress!, count: buffer.count) else {
                return slowDigest(path, maxBytes: maxBytes)
            }
            if n == 0 { break }
            total += n
            if total > maxBytes { return "too large to read" }
            hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<n]))
        }
        return hash.finalize().hex
    }

    /// Whole-file reading, for the words of what went wrong.
    private static func slowDigest(_ path: String, maxBytes: Int) -> String {
        do {
            let bytes = try FileReading.read(path, atMost: maxBytes + 1)
            return bytes.count > maxBytes ? "too large to read" : SHA256.hex(bytes)
        } catch {
            return "unreadable: \(error)"
        }
    }

    /// One digest for several folders, as `sha256sum` would list them
    /// ("HASH  inputs/cases/C01.yaml"); the first 12 digits name a draft's inputs.
    public static func combined(_ folders: [(label: String, path: String)]) -> String {
        combined(listing: folders.flatMap { folder in files(in: folder.path).map { ("\(folder.label)/\($0.path)", $0.sha256) } })
    }

    /// The digest of files already hashed, labelled by folder (`inputs/cases/C01.yaml`)
    /// and in the order given: the SHA-256 of their `sha256sum` listing. The one
    /// form of it, for `build --draft`, the preview and the build record's sources alike.
    public static func combined(listing files: [(path: String, sha256: String)]) -> String {
        SHA256.hex(Array(files.map { "\($0.sha256)  \($0.path)\n" }.joined().utf8))
    }
}
