import CaseLoading
import Platform
import Synchronization

/// The loader's view of the real disk (the only place loading touches it),
/// confined to one inputs folder.
///
/// Every path is resolved (`realpath`) before it is looked at, and refused unless
/// it lies inside the inputs folder's own real path: a `cases/C99.yaml` that is a
/// symbolic link to `/etc/shadow`, or a `cases` folder linked to `/etc`, is never
/// opened or listed, so none of its lines or names can reach a diagnostic. Links
/// that stay inside the inputs folder are followed. The resolved path is then
/// opened with `O_NOFOLLOW`, and only if it is a regular file (see ``FileReading``).
public struct DiskFileSystem: InputFileSystem {
    /// The inputs folder's real path, or `nil` if it does not exist (then every path is missing).
    private let root: String?
    /// Folders' real paths, resolved once: a case file that is not a link is then
    /// placed by one `lstat` instead of a `readlink` per component of its path,
    /// for each of the ten thousand files of a large cohort.
    private let folders = FolderPaths()

    public init(inputs: String) {
        root = System.realPath(inputs)
    }

    /// Real paths of folders already resolved in this run (asked from the loader's worker threads).
    private final class FolderPaths: Sendable {
        private let known = Mutex<[String: String?]>([:])
        func real(_ folder: String) -> String? {
            known.withLock { known in
                if let found = known[folder] { return found }
                let resolved = System.realPath(folder)
                known[folder] = resolved
                return resolved
            }
        }
    }

    /// Shown after "could not be read: " (or "could not be listed: ") in the loader's diagnostic.
    struct Refused: Error, CustomStringConvertible {
        let description: String
        static let outside = Refused(
            description: "it is a symbolic link that leads outside the inputs folder, and was not opened; copy the file into the "
                + "inputs folder instead of linking to it")
        static let dangling = Refused(description: "it is a symbolic link to something that does not exist")
    }

    public func entries(inDirectory path: String) throws -> [String]? {
        try entries(inDirectory: path, atMost: .max).map { $0.sorted() }
    }

    /// At most `atMost` names (``Directory/names(_:atMost:)``): a folder of a
    /// billion files is refused after reading as many names as the limit allows.
    /// Sorted when the whole folder was read.
    public func entries(inDirectory path: String, atMost: Int) throws -> [String]? {
        guard let real = try resolve(path), Self.isDirectory(real) else { return nil }
        // A folder that is there but cannot be opened (no permission) is a problem to
        // report, not a missing folder.
        let names: [String]
        do throws(SystemError) { names = try Directory.names(real, atMost: atMost) } catch { throw FileReading.Problem.system(error) }
        return names.count < atMost ? names.sorted() : names
    }

    /// One resolve, then one `lstat`, `open`, `fstat` and the reads (see ``FileReading/readInput(_:maxBytes:)``).
    public func read(atPath path: String, maxBytes: Int) throws -> InputFileRead {
        guard let real = try resolve(path) else { return .missing }
        return try FileReading.readInput(real, maxBytes: maxBytes)
    }

    public func fileSize(atPath path: String) throws -> Int? {
        guard let real = try resolve(path), let info = try? System.info(real) else { return nil }
        switch info.kind {
        case .file: return info.size
        case .folder: return nil
        default: throw FileReading.Problem.notRegular(info.kind.words)
        }
    }

    public func isDirectory(atPath path: String) -> Bool {
        guard let real = (try? resolve(path)) ?? nil else { return false }
        return Self.isDirectory(real)
    }

    public func contents(atPath path: String) throws -> [UInt8] {
        try contents(atPath: path, maxBytes: LoadingLimits.standard.maxFileBytes)
    }

    public func contents(atPath path: String, maxBytes: Int) throws -> [UInt8] {
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
        if let slash, !name.isEmpty, name != ".", name != "..", let info = try? System.linkInfo(path), info.kind != .link,
            let folder = folders.real(String(path[..<slash])),
            folder == root || folder.hasPrefix(root == "/" ? "/" : root + "/")
        {
            return folder == "/" ? "/" + name : folder + "/" + name
        }
        guard let real = System.realPath(path) else {
            // Something is there but cannot be resolved: a link to nothing.
            if Self.isLink(path) { throw Refused.dangling }
            return nil
        }
        guard real == root || real.hasPrefix(root == "/" ? "/" : root + "/") else { throw Refused.outside }
        return real
    }

    public static func isLink(_ path: String) -> Bool {
        (try? System.linkInfo(path))?.kind == .link
    }

    private static func isDirectory(_ path: String) -> Bool {
        (try? System.info(path))?.kind == .folder
    }
}
