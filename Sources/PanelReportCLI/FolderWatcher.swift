import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wakes `panel-report preview` when something under its folders may have changed.
///
/// On Linux it uses inotify on every folder under the watched ones, which sees a
/// file written in place and a file an editor replaces by renaming a new one over
/// it (vim, `sed -i`, most IDEs' "safe write") alike, since both are events of the
/// folder that holds the file. New folders are watched as they appear, and a
/// watched folder that is deleted and made again (a `git checkout`, a copy) is
/// found again within a second.
///
/// Where inotify cannot be had (another system, the kernel's limit on watches, a
/// network file system that sends no events), it falls back to waking every
/// 250 ms. The caller then compares the files' contents with what it last built
/// from, so a wake-up that finds nothing new costs one read of the folders and no
/// rebuild, and no change is missed however quickly it follows another (a check of
/// modification times alone would miss two saves of the same size within one
/// clock tick of the file system).
final class FolderWatcher: @unchecked Sendable {
    enum Mode: String { case inotify, polling }

    private(set) var mode: Mode = .polling
    private let roots: [String]
    private var descriptor: Int32 = -1
    /// Watched folders by watch descriptor, and the reverse.
    private var watched: [Int32: String] = [:]
    private var watchedPaths: Set<String> = []
    /// Why inotify is not used, for the one line that says so.
    private(set) var fallbackReason: String?

    /// How long the folders must stay quiet after an event before a rebuild:
    /// an editor's save is often several events (write a copy, rename it over).
    static let settle: TimeInterval = 0.02
    /// The longest a stream of events (a copy of many files) delays a rebuild.
    static let longestSettle: TimeInterval = 0.25
    /// How often the folders are checked without inotify.
    static let pollingInterval: TimeInterval = 0.25

    init(folders: [String], polling: Bool = false) {
        roots = folders
        #if os(Linux)
        if !polling {
            let fd = inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK))
            if fd >= 0 {
                descriptor = fd
                if let problem = rescan() {
                    close(fd)
                    descriptor = -1
                    fallbackReason = problem
                }
            } else {
                fallbackReason = "inotify could not be started: \(SystemError.text(errno))"
            }
        } else {
            fallbackReason = "polling was asked for"
        }
        #else
        fallbackReason = "inotify is only on Linux"
        #endif
        mode = descriptor >= 0 ? .inotify : .polling
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Blocks until something may have changed under the folders and then stayed
    /// quiet for ``settle`` (or at most ``longestSettle``).
    func waitForChange() {
        guard mode == .inotify else {
            Thread.sleep(forTimeInterval: Self.pollingInterval)
            return
        }
        // Wait for the first event, rescanning each second for folders that came back.
        while !wait(seconds: 1.0) {
            if rescanFoundNewFolders() { return }
        }
        let start = Date()
        while drain() && Date().timeIntervalSince(start) < Self.longestSettle {
            if !wait(seconds: Self.settle) { break }
        }
        _ = rescanFoundNewFolders()
    }

    // MARK: - inotify

    /// Whether events are ready within `seconds`.
    private func wait(seconds: TimeInterval) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(seconds * 1000))
        return ready > 0
    }

    /// Reads every pending event; true if there were any. Folders that went away
    /// are forgotten (and found again by the next rescan).
    private func drain() -> Bool {
        var any = false
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, size)
            if count <= 0 { break }
            any = true
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                if event.mask & UInt32(IN_IGNORED) != 0, let path = watched.removeValue(forKey: event.wd) {
                    watchedPaths.remove(path)
                }
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
            }
        }
        return any
    }

    /// Watches every folder under the roots not watched yet; true if there was one
    /// (a folder that appeared may already hold files, so that counts as a change).
    private func rescanFoundNewFolders() -> Bool {
        let before = watchedPaths
        _ = rescan()
        return !watchedPaths.subtracting(before).isEmpty
    }

    /// Adds a watch on each folder under the roots; the reason if one cannot be added.
    private func rescan() -> String? {
        #if os(Linux)
        let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MODIFY) | UInt32(IN_CREATE) | UInt32(IN_DELETE)
            | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO) | UInt32(IN_ATTRIB) | UInt32(IN_DELETE_SELF)
            | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR)
        for folder in roots.flatMap(Self.folders(under:)) where !watchedPaths.contains(folder) {
            let wd = inotify_add_watch(descriptor, folder, mask)
            if wd < 0 {
                let code = errno
                // Gone between listing and watching: the next rescan sees it again.
                if code == ENOENT || code == ENOTDIR { continue }
                return "inotify cannot watch \(Printable.text(folder)): \(SystemError.text(code))"
                    + (code == ENOSPC ? " (the limit fs.inotify.max_user_watches is reached)" : "")
            }
            watched[wd] = folder
            watchedPaths.insert(folder)
        }
        #endif
        return nil
    }

    /// The folder and every folder under it (symbolic links are not followed).
    static func folders(under root: String) -> [String] {
        var info = stat()
        guard stat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return [] }
        var found = [root]
        var index = 0
        while index < found.count {
            let folder = found[index]
            index += 1
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                let path = folder + "/" + name
                if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { found.append(path) }
            }
        }
        return found
    }
}
