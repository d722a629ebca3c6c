import BuildInputs
import Platform

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
            // The folder named on the command line may itself be a link; those inside it are not followed.
            guard let info = try? (folder == root ? System.info(folder) : System.linkInfo(folder)) else { continue }
            guard info.kind == .folder else {
                entries[folder] = Self.entry(folder, info)
                continue
            }
            entries[folder] = .folder
            for name in ((try? Directory.names(folder)) ?? []) where !name.hasPrefix(".") {
                let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                guard let info = try? System.linkInfo(path) else { continue }
                if info.kind == .folder {
                    pending.append(path)
                } else {
                    entries[path] = Self.entry(path, info)
                }
            }
        }
    }

    private static func entry(_ path: String, _ info: FileInfo) -> Entry {
        switch info.kind {
        case .link:
            return .link((try? System.readLink(path)) ?? "")
        case .file:
            let modified = info.modifiedNanoseconds
            do {
                let bytes = try FileReading.read(path, atMost: FileReading.maxFileBytes + 1, followLinks: false)
                guard bytes.count <= FileReading.maxFileBytes else {
                    return .unread(size: info.size, modified: modified, why: "over the size limit")
                }
                return .file(bytes)
            } catch {
                return .unread(size: info.size, modified: modified, why: "\(error)")
            }
        default:
            return .other(info.mode)
        }
    }
}
