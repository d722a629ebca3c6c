import CaseLoading
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The loader's view of the real disk (the only place loading touches it),
/// confined to one inputs folder.
///
/// Every path is resolved (`realpath`) before it is looked at, and refused unless
/// it lies inside the inputs folder's own real path: a `cases/C99.yaml` that is a
/// symbolic link to `/etc/shadow`, or a `cases` folder linked to `/etc`, is never
/// opened or listed, so none of its lines or names can reach a diagnostic. Links
/// that stay inside the inputs folder are followed. The resolved path is then
/// opened with `O_NOFOLLOW`, and only if it is a regular file (see ``FileReading``).
struct DiskFileSystem: InputFileSystem {
    /// The inputs folder's real path, or `nil` if it does not exist (then every path is missing).
    private let root: String?
    /// Folders' real paths, resolved once: a case file that is not a link is then
    /// placed by one `lstat` instead of a `readlink` per component of its path,
    /// for each of the ten thousand files of a large cohort.
    private let folders = FolderPaths()

    init(inputs: String) {
        root = Self.realPath(inputs)
    }

    /// Real paths of folders already resolved in this run.
    private final class FolderPaths: @unchecked Sendable {
        private var known: [String: String?] = [:]
        private let lock = NSLock()
        func real(_ folder: String) -> String? {
            lock.lock()
            defer { lock.unlock() }
            if let found = known[folder] { return found }
            let resolved = DiskFileSystem.realPath(folder)
            known[folder] = resolved
            return resolved
        }
    }

    /// Shown after "could not be read: " (or "could not be listed: ") in the loader's diagnostic.
    struct Refused: Error, CustomStringConvertible {
        let description: String
        static let outside = Refused(description: "it is a symbolic link that leads outside the inputs folder, and was not opened; copy the file into the inputs folder instead of linking to it")
        static let dangling = Refused(description: "it is a symbolic link to something that does not exist")
    }

    func entries(inDirectory path: String) throws -> [String]? {
        guard let real = try resolve(path), Self.isDirectory(real) else { return nil }
        return try FileManager.default.contentsOfDirectory(atPath: real).sorted()
    }

    /// At most `atMost` names, read with `readdir` and stopped there: a folder of a
    /// billion files is refused after reading as many names as the limit allows.
    func entries(inDirectory path: String, atMost: Int) throws -> [String]? {
        guard let real = try resolve(path), Self.isDirectory(real) else { return nil }
        // A folder that is there but cannot be opened (no permission) is a problem to
        // report, not a missing folder.
        guard let folder = opendir(real) else { throw FileReading.Problem.system(errno) }
        defer { closedir(folder) }
        var names: [String] = []
        while names.count < atMost {
            // readdir says "no more" and "could not read" alike, with nil: errno tells
            // them apart, and a folder listed only in part must not pass for a whole one.
            errno = 0
            guard let entry = readdir(folder) else {
                if errno != 0 { throw FileReading.Problem.system(errno) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names.count < atMost ? names.sorted() : names
    }

    /// One resolve, then one `lstat`, `open`, `fstat` and the reads (see ``FileReading/readInput(_:maxBytes:)``).
    func read(atPath path: String, maxBytes: Int) throws -> InputFileRead {
        guard let real = try resolve(path) else { return .missing }
        return try FileReading.readInput(real, maxBytes: maxBytes)
    }

    func fileSize(atPath path: String) throws -> Int? {
        guard let real = try resolve(path) else { return nil }
        var info = stat()
        guard stat(real, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return Int(info.st_size)
        case S_IFDIR: return nil
        default: throw FileReading.Problem.notRegular(FileReading.kind(info.st_mode))
        }
    }

    func isDirectory(atPath path: String) -> Bool {
        guard let real = (try? resolve(path)) ?? nil else { return false }
        return Self.isDirectory(real)
    }

    func contents(atPath path: String) throws -> [UInt8] {
        try contents(atPath: path, maxBytes: LoadingLimits.standard.maxFileBytes)
    }

    func contents(atPath path: String, maxBytes: Int) throws -> [UInt8] {
        guard let real = try resolve(path) else { throw FileReading.Problem.missing }
        return try FileReading.read(real, atMost: maxBytes == Int.max ? maxBytes : maxBytes + 1, followLinks: false)
    }

    /// The real path of `path`, `nil` if nothing is there; throws if it leads outside the inputs folder.
    private func resolve(_ path: String) throws -> String? {
        guard let root else { return nil }
        // A plain file or folder (not a link) in a folder already resolved: its real
        // path is that folder's, plus its name.
        let slash = path.lastIndex(of: "/")
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var info = stat()
        if let slash, !name.isEmpty, name != ".", name != "..", lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFLNK,
           let folder = folders.real(String(path[..<slash])),
           folder == root || folder.hasPrefix(root == "/" ? "/" : root + "/") {
            return folder == "/" ? "/" + name : folder + "/" + name
        }
        guard let real = Self.realPath(path) else {
            // Something is there but cannot be resolved: a link to nothing.
            if Self.isLink(path) { throw Refused.dangling }
            return nil
        }
        guard real == root || real.hasPrefix(root == "/" ? "/" : root + "/") else { throw Refused.outside }
        return real
    }

    /// Whether anything (a file, a folder, a link, even a broken one) is at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
