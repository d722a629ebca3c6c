import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the inputs and templates folders hold at one moment: every file by path,
/// with its bytes. `panel-report preview` rebuilds only when this changes, and
/// computes the draft's inputs digest from it.
///
/// Paths are spelt as the loader and the template reader spell them
/// (`Inputs/cases/C01.yaml`); a symbolic link is recorded by where it points, never
/// by what it leads to, so nothing outside the folders is read here. Hidden files
/// (an editor's `.C01.yaml.swp`) are left out, as the loader leaves them out.
struct FolderSnapshot: Equatable {
    enum Entry: Equatable {
        case file([UInt8])
        /// Over the size limit, or not readable: its size, modification time and
        /// the reason, so that a change to it is still seen.
        case unread(size: Int, modified: Int, why: String)
        case link(String)
        case folder
        /// Something else (a named pipe, a device): never opened.
        case other(UInt32)
    }

    var entries: [String: Entry] = [:]

    static func take(_ folders: [String]) -> FolderSnapshot {
        var snapshot = FolderSnapshot()
        for folder in folders { snapshot.add(folder) }
        return snapshot
    }

    private mutating func add(_ root: String) {
        var pending = [root]
        while let folder = pending.popLast() {
            var info = stat()
            // The folder named on the command line may itself be a link; those inside it are not followed.
            guard (folder == root ? stat(folder, &info) : lstat(folder, &info)) == 0 else { continue }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                entries[folder] = Self.entry(folder, info)
                continue
            }
            entries[folder] = .folder
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []) where !name.hasPrefix(".") {
                let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                guard lstat(path, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    pending.append(path)
                } else {
                    entries[path] = Self.entry(path, info)
                }
            }
        }
    }

    private static func entry(_ path: String, _ info: stat) -> Entry {
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(path, &target, target.count - 1)
            return .link(count < 0 ? "" : String(decoding: target.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        case S_IFREG:
            let modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
            do {
                let bytes = try FileReading.read(path, atMost: FileReading.maxFileBytes + 1, followLinks: false)
                guard bytes.count <= FileReading.maxFileBytes else {
                    return .unread(size: Int(info.st_size), modified: modified, why: "over the size limit")
                }
                return .file(bytes)
            } catch {
                return .unread(size: Int(info.st_size), modified: modified, why: "\(error)")
            }
        default:
            return .other(UInt32(info.st_mode))
        }
    }
}
