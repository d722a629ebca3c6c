import BuildInputs
import Foundation
import Platform

extension Site {
    /// What a publish did.
    public struct Published {
        /// The release the build folder holds.
        public var id: String
        /// What `current` named before, if anything.
        public var previous: String?
        /// What `current` names now.
        public var live: String
        /// A new copy of the build was made (a new release, or a damaged one replaced).
        public var copied = false
        /// `current` stays at a rolled-back release: the build's inputs were published before the rollback.
        public var pinned = false
        /// The files of the live release, manifest.json included.
        public var files = 0
        public var pruned: [String] = []
    }

    /// Publishes the report in `output` (an intact, verified build: checked here
    /// again) into the site, and makes it live unless a rollback pins another;
    /// first verifies the live release, replacing a damaged one with a fresh copy
    /// when the build folder holds the same report (telling `warn`), or refusing
    /// with exit 65 when it cannot. Then keeps the newest `keep` releases, and
    /// always the live one and the one before it. Call holding the lock (``locked(_:)``).
    public func publish(from output: String, keep: Int?, warn: (Problem) -> Void) throws -> Published {
        let build = OutputWriter.Folder(output)
        let bytes: [UInt8]
        let manifest: Manifest
        do {
            bytes = try FileReading.read(build.path(Manifest.fileName), atMost: FileReading.maxFileBytes, followLinks: false)
            manifest = try Manifest.read(from: build.root)
        } catch {
            throw Failure(
                .missingInput, "panel-report: \(build.shown)/\(Manifest.fileName): cannot be read (\(error)); nothing was published")
        }
        let buildDamage = manifest.damage(in: build.root)
        guard buildDamage.isEmpty else {
            throw Failure(
                .badData, problems: buildDamage.map { (file: build.path($0.path), line: "\(build.shown)/\($0.description)") },
                summary: "panel-report: \(build.shown) differs from its \(Manifest.fileName) (\(buildDamage.count) "
                    + "\(buildDamage.count == 1 ? "file" : "files")); nothing was published", outcome: "damaged")
        }
        let id = Self.releaseID(manifest: bytes)
        // The build folder's record, checked by the build that just ran; an earlier
        // panel-report's record, without sources, gives a release of unknown inputs.
        let inputs = ((try? build.marked)?.sources).map(Self.inputDigest) ?? Self.unknownInputs
        let live = try live()
        var result = Published(id: id, previous: live, live: live ?? id)
        let liveDamage = live.map(damage(of:)) ?? []

        if let live, live != id, history().pinsRollback(against: inputs) {
            guard liveDamage.isEmpty else {
                throw Failure(
                    .badData, problems: liveDamage,
                    summary: "panel-report: \(shown(live)), live since a rollback, is damaged and the build "
                        + "folder holds another report; roll back to another release (panel-report rollback --site \(shown) --to ID) or publish "
                        + "changed inputs", outcome: "damaged")
            }
            result.pinned = true
        } else if live == id {
            if !liveDamage.isEmpty {
                for problem in liveDamage { warn(problem) }
                try place(copy(manifest, from: build), as: id)
                result.copied = true
            }
        } else {
            let existing = damage(of: id)
            if !existing.isEmpty {
                // A release of this name that is damaged (not the "missing" of a new one) is replaced, and said so.
                if System.exists(release(id)) { for problem in existing { warn(problem) } }
                try place(copy(manifest, from: build), as: id)
                result.copied = true
            }
            try switchCurrent(to: id)
            try record(History.Entry(id: id, inputs: inputs, event: .published))
            result.live = id
            // The release that was live is not any more; say what was wrong with it.
            for problem in liveDamage { warn(problem) }
        }
        try reconcile(live: result.live) { result.live == id ? inputs : inputDigest(of: result.live) }
        result.files = ((try? Manifest.read(from: release(result.live)))?.files.count ?? 0) + 1
        if let keep { result.pruned = prune(keep: keep, live: result.live) }
        return result
    }

    // MARK: - Copying a release

    /// Copies the manifest's files and the manifest from the build folder into a
    /// new temporary folder in `releases/`, syncs every file and folder, and
    /// verifies the copy; returns the folder's name. Nothing is left on failure.
    func copy(_ manifest: Manifest, from build: OutputWriter.Folder) throws -> String {
        let bytes = try FileReading.read(build.path(Manifest.fileName), atMost: FileReading.maxFileBytes, followLinks: false)
        let id = Self.releaseID(manifest: bytes)
        let name = Self.incoming + id
        let target = OutputWriter.Folder(releasesFolder + "/" + name)
        var descriptors: [Int32] = []
        defer { for fd in descriptors { System.close(fd) } }
        do {
            try System.makeFolder(target.root)
            var folders: Set<String> = [target.root]
            for file in manifest.files.map(\.path) + [Manifest.fileName] {
                var parent = target.root
                for part in file.split(separator: "/").dropLast() {
                    parent += "/" + part
                    if folders.insert(parent).inserted { try System.makeFolder(parent) }
                }
                let size = manifest.files.first { $0.path == file }?.size ?? bytes.count
                let data = try FileReading.read(build.path(file), atMost: size + 1, followLinks: false)
                descriptors.append(try target.createFile(target.path(file), Data(data)))
            }
            for fd in descriptors { try System.fsync(fd) }
            for folder in folders.sorted(by: >) { System.syncFolder(folder) }
        } catch {
            try? FileManager.default.removeItem(atPath: target.root)
            throw Failure(
                .cannotCreateOutput, problems: [(file: target.root, line: "\(target.shown): cannot copy the report there (\(error))")],
                summary: "panel-report: \(shown): nothing was published")
        }
        // The copy is checked as a release under its future name's rules.
        let damage = damage(of: id, at: target.root)
        guard damage.isEmpty else {
            try? FileManager.default.removeItem(atPath: target.root)
            throw Failure(
                .ioError, problems: damage,
                summary: "panel-report: \(shown): the copy of \(build.shown) does not match its manifest (a disk "
                    + "fault?); it was removed and nothing was published")
        }
        return name
    }

    /// Renames a verified copy to `releases/ID`: one rename when there is none,
    /// or one exchange with a damaged one (which then goes), so `current` never
    /// names a missing folder. Where the file system cannot exchange, the damaged
    /// release is set aside first.
    func place(_ name: String, as id: String) throws {
        let copy = releasesFolder + "/" + name
        do throws(SystemError) {
            if System.exists(release(id)) {
                do throws(SystemError) {
                    try System.exchange(copy, release(id))
                    try? FileManager.default.removeItem(atPath: copy)
                } catch  where error.code == EINVAL || error.code == ENOSYS {
                    let aside = releasesFolder + "/" + Self.removing + id
                    try System.rename(release(id), aside)
                    try System.rename(copy, release(id))
                    try? FileManager.default.removeItem(atPath: aside)
                }
            } else {
                try System.rename(copy, release(id))
            }
        } catch {
            try? FileManager.default.removeItem(atPath: copy)
            throw Failure(
                .ioError,
                problems: [
                    (
                        file: release(id),
                        line: "\(Printable.text(release(id))): could not be put in place (\(error.call) "
                            + "\(Printable.text(error.path ?? "")): \(error))"
                    )
                ], summary: "panel-report: \(shown): nothing was published")
        }
        System.syncFolder(releasesFolder)
    }

    // MARK: - Pruning

    /// Removes all but the newest `keep` releases by publication (releases the
    /// history does not know count as oldest), never the live one nor the one
    /// before it. Each is renamed out of the way first, so a run killed while
    /// deleting leaves nothing that looks like a release.
    func prune(keep: Int, live: String) -> [String] {
        let order = history().order
        let rank = { (id: String) in order.lastIndex(of: id) ?? -1 }
        let newestFirst = releaseIDs.sorted { (rank($0), $0) > (rank($1), $1) }
        var kept = Set(newestFirst.prefix(max(keep, 0)))
        kept.insert(live)
        if let before = release(before: live) { kept.insert(before) }
        var removed: [String] = []
        for id in newestFirst.reversed() where !kept.contains(id) {
            let aside = releasesFolder + "/" + Self.removing + id
            guard (try? System.rename(release(id), aside)) != nil else { continue }
            try? FileManager.default.removeItem(atPath: aside)
            removed.append(id)
        }
        if !removed.isEmpty { System.syncFolder(releasesFolder) }
        return removed
    }
}
