import Foundation
import Platform
import Synchronization

/// Wakes `panel-report preview` when something under its folders may have changed.
///
/// Two ways, behind this one protocol: ``InotifyWatcher`` asks Linux to report
/// changes; ``PollingWatcher`` wakes every 250 ms. Either way the caller then
/// compares the files' contents with what it last built from, so a wake-up that
/// finds nothing new costs one read of the folders and no rebuild, and no change
/// is missed however quickly it follows another (a check of modification times
/// alone would miss two saves of the same size within one clock tick of the file
/// system).
public protocol FolderWatcher: Sendable {
    /// Blocks until something may have changed under the folders.
    func waitForChange()
}

/// The watcher for `folders`: inotify unless `polling` is asked for or inotify
/// cannot be had (the kernel's limit on watches, say), with the reason it is not
/// used (for the one line that says so).
public func watchFolders(_ folders: [String], polling: Bool = false) -> (watcher: any FolderWatcher, fallbackReason: String?) {
    guard !polling else { return (PollingWatcher(), "polling was asked for") }
    do {
        return (try InotifyWatcher(folders: folders), nil)
    } catch {
        return (PollingWatcher(), error.reason)
    }
}

/// Wakes every ``interval``: for folders on a network file system, which sends no events.
struct PollingWatcher: FolderWatcher {
    /// How often the folders are checked without inotify.
    static let interval: TimeInterval = 0.25

    func waitForChange() {
        Thread.sleep(forTimeInterval: Self.interval)
    }
}

/// inotify on every folder under the watched ones, which sees a file written in
/// place and a file an editor replaces by renaming a new one over it (vim, `sed -i`,
/// most IDEs' "safe write") alike, since both are events of the folder that holds
/// the file. New folders are watched as they appear, and a watched folder that is
/// deleted and made again (a `git checkout`, a copy) is found again within a second.
final class InotifyWatcher: FolderWatcher {
    /// Why inotify cannot be used.
    struct Unavailable: Error {
        let reason: String
    }

    private let roots: [String]
    private let descriptor: Int32
    /// Watched folders by watch descriptor, and the set of them.
    private struct Watches {
        var byDescriptor: [Int32: String] = [:]
        var paths: Set<String> = []
    }
    private let watches = Mutex(Watches())

    /// How long the folders must stay quiet after an event before a rebuild:
    /// an editor's save is often several events (write a copy, rename it over).
    static let settle: TimeInterval = 0.02
    /// The longest a stream of events (a copy of many files) delays a rebuild.
    static let longestSettle: TimeInterval = 0.25

    init(folders: [String]) throws(Unavailable) {
        roots = folders
        do {
            descriptor = try System.inotifyStart()
        } catch {
            throw Unavailable(reason: "inotify could not be started: \(error)")
        }
        if let problem = rescan() {
            System.close(descriptor)
            throw Unavailable(reason: problem)
        }
    }

    deinit {
        System.close(descriptor)
    }

    /// Blocks until something may have changed under the folders and then stayed
    /// quiet for ``settle`` (or at most ``longestSettle``).
    func waitForChange() {
        // Wait for the first event, rescanning each second for folders that came back.
        while !System.waitForInput(descriptor, milliseconds: 1000) {
            if rescanFoundNewFolders() { return }
        }
        let start = Date()
        while drain() && Date().timeIntervalSince(start) < Self.longestSettle {
            if !System.waitForInput(descriptor, milliseconds: Int32(Self.settle * 1000)) { break }
        }
        _ = rescanFoundNewFolders()
    }

    /// Reads every pending event; true if there were any. Folders that went away
    /// are forgotten (and found again by the next rescan).
    private func drain() -> Bool {
        guard let events = System.inotifyEvents(descriptor) else { return false }
        watches.withLock { watches in
            for event in events where event.ended {
                if let path = watches.byDescriptor.removeValue(forKey: event.watch) { watches.paths.remove(path) }
            }
        }
        return true
    }

    /// Watches every folder under the roots not watched yet; true if there was one
    /// (a folder that appeared may already hold files, so that counts as a change).
    private func rescanFoundNewFolders() -> Bool {
        let before = watches.withLock { $0.paths }
        _ = rescan()
        return !watches.withLock { $0.paths }.subtracting(before).isEmpty
    }

    /// Adds a watch on each folder under the roots; the reason if one cannot be added.
    private func rescan() -> String? {
        for folder in roots.flatMap(Directory.folders(under:)) where !watches.withLock({ $0.paths.contains(folder) }) {
            let wd: Int32
            do throws(SystemError) {
                wd = try System.inotifyWatchFolder(descriptor, folder)
            } catch {
                // Gone between listing and watching: the next rescan sees it again.
                if error.isMissing { continue }
                return "inotify cannot watch \(Printable.text(folder)): \(error)"
                    + (System.isWatchLimit(error) ? " (the limit fs.inotify.max_user_watches is reached)" : "")
            }
            watches.withLock { watches in
                watches.byDescriptor[wd] = folder
                watches.paths.insert(folder)
            }
        }
        return nil
    }
}
