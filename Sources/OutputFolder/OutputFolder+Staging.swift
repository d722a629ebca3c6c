import BuildInputs
import Foundation
import Platform

extension OutputWriter.Folder {
    /// The first path component of each file: the names the swap replaces.
    static func topNames(_ files: [String]) -> Set<String> {
        Set(files.compactMap { $0.split(separator: "/").first.map(String.init) })
    }

    /// Writes the new report into the staging folder (keeping, by a second name,
    /// each file whose bytes are already in place) and syncs all of it
    /// (``sync(written:kept:folders:)``); on failure nothing is left of it.
    func stage(_ files: [(path: String, bytes: Data)]) throws {
        var written: [Int32] = [], kept: [Int32] = []
        defer { for fd in written + kept { System.close(fd) } }
        do {
            try System.makeFolder(path(staging))
            var folders: Set<String> = [staging]
            for file in files {
                var parent = staging
                for part in file.path.split(separator: "/").dropLast() {
                    parent += "/" + part
                    if folders.insert(parent).inserted { try System.makeFolder(path(parent)) }
                }
                if let fd = linkUnchanged(file.path, file.bytes) {
                    kept.append(fd)
                } else {
                    written.append(try createFile(path(staging + "/" + file.path), file.bytes))
                }
            }
            try sync(written: written, kept: kept, folders: folders)
        } catch {
            try? FileManager.default.removeItem(atPath: path(staging))
            throw Failure(.cannotCreateOutput, "\(shown): cannot write the report there (\(error)); nothing was changed")
        }
    }

    /// Gives the staging folder the file in place as it is (a second name for it,
    /// `link`), when it holds exactly these bytes: a rebuild whose file did not
    /// change writes and later deletes nothing for it. The file is never written
    /// to, so sharing it between the old report and the new one is safe; its data
    /// is synced with the new files (returned open for that), because nothing says
    /// it is on disk yet (a folder copied or restored a moment ago). Only a
    /// regular file with no other name (anywhere) is taken: a file a user has
    /// linked elsewhere is left to them, and a new one is written. `nil` when
    /// anything differs or fails; the caller then writes the file.
    func linkUnchanged(_ relative: String, _ bytes: Data) -> Int32? {
        let current = path(relative)
        guard let fd = try? System.open(current, [.readOnly, .noFollow, .nonBlocking]) else { return nil }
        let target = path(staging + "/" + relative)
        guard let info = try? System.info(fd), info.kind == .file, info.linkCount == 1,
            info.size == bytes.count, Self.holds(fd, bytes), (try? System.link(current, target)) != nil
        else {
            System.close(fd)
            return nil
        }
        // The name may have been given to another file since it was read: keep the
        // link only if it is the file whose bytes were compared.
        guard let linked = try? System.linkInfo(target), linked.isSameFile(as: info) else {
            try? System.unlink(target)
            System.close(fd)
            return nil
        }
        return fd
    }

    /// Whether the open file's contents are exactly `bytes` (and nothing more).
    static func holds(_ fd: Int32, _ bytes: Data) -> Bool {
        withUnsafeTemporaryAllocation(byteCount: 64 * 1024, alignment: 16) { buffer in
            bytes.withUnsafeBytes { (expected: UnsafeRawBufferPointer) -> Bool in
                var offset = 0
                while true {
                    guard let n = try? System.read(fd, into: buffer.baseAddress!, count: buffer.count) else { return false }
                    if n == 0 { return offset == expected.count }
                    guard offset + n <= expected.count, memcmp(buffer.baseAddress!, expected.baseAddress! + offset, n) == 0 else {
                        return false
                    }
                    offset += n
                }
            }
        }
    }
}
