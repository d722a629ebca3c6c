import BuildInputs
import Crypto
import Foundation
import Platform

/// A web site that `panel-report publish` keeps: every distinct report in a
/// folder of its own, and a link that names the live one.
///
///     current -> releases/ID              the live report: a relative symbolic link, switched in one rename
///     releases/ID/                        a report as built, without panel-report's .panel-report-* files;
///                                         ID: the first 16 hex digits of the SHA-256 of its manifest.json
///     releases/.panel-report-history      publication order: "ID INPUTS EVENT" a line (see ``History``)
///     .panel-report-publish-lock          flock()ed: one publish or rollback at a time
///
/// and, only while a run is under way (a run killed there leaves them to the next):
///
///     releases/.panel-report-incoming-ID/ a release being copied, fsync'ed and verified
///     releases/.panel-report-removing-ID/ a pruned or replaced release on its way out
///     .panel-report-current-new           the new link, just before it is renamed over current
///
/// **Why `current` is always whole.** A release is copied under a temporary name
/// and verified there; only then is it renamed to `releases/ID`, so a folder of that
/// name is complete (a run killed during the copy leaves a temporary folder, which
/// the next run removes). `current` changes in one rename of a link made beside it,
/// and only ever to a release just verified. A damaged live release that the build
/// folder can replace is swapped with a fresh copy in one `renameat2(RENAME_EXCHANGE)`.
/// Because the ID is a digest of the manifest, which lists the digest of every
/// other file, a release whose manifest was altered is caught too.
public struct Site {
    public static let current = "current"
    public static let releases = "releases"
    static let lock = ".panel-report-publish-lock"
    static let newLink = ".panel-report-current-new"
    static let incoming = ".panel-report-incoming-"
    static let removing = ".panel-report-removing-"

    public let root: String
    /// The folder as messages print it.
    public let shown: String

    public init(_ path: String) {
        let folder = OutputWriter.Folder(path)
        root = folder.root
        shown = folder.shown
    }

    func path(_ name: String) -> String { root + "/" + name }
    var releasesFolder: String { path(Self.releases) }
    func release(_ id: String) -> String { releasesFolder + "/" + id }
    /// `releases/ID`: what `current` holds, and how messages name a release.
    public static func linkTarget(_ id: String) -> String { releases + "/" + id }
    func shown(_ id: String) -> String { "\(shown)/\(Self.linkTarget(id))" }

    /// A release's ID: the first 16 hex digits of the SHA-256 of its manifest.json.
    public static func releaseID(manifest bytes: [UInt8]) -> String { String(SHA256.hex(bytes).prefix(16)) }

    static func isReleaseID(_ name: String) -> Bool { name.wholeMatch(of: /[0-9a-f]{16}/) != nil }

    /// The releases in `releases/`, by name.
    var releaseIDs: [String] {
        ((try? Directory.names(releasesFolder)) ?? []).filter(Self.isReleaseID).sorted()
    }

    // MARK: - The lock, and what an interrupted run left

    /// Creates the site and its `releases/` folder when missing, takes the site's
    /// lock, removes what an interrupted run left, and runs `body` holding the lock.
    public func locked<T>(_ body: () throws -> T) throws -> T {
        let folder = OutputWriter.Folder(root)
        try folder.create("the site folder")
        let held = try folder.lock(Self.lock)
        defer { System.close(held.fd) }
        let releases = OutputWriter.Folder(releasesFolder)
        if let info = try? System.linkInfo(releasesFolder), info.kind != .folder {
            throw Failure(
                .cannotCreateOutput,
                problems: [
                    (
                        file: releases.root,
                        line: "\(releases.shown): not a folder; panel-report keeps the site's "
                            + "releases there. Move it away and publish again"
                    )
                ], summary: "panel-report: \(shown): nothing was published")
        }
        try releases.create("the releases folder")
        removeLeftovers()
        return try body()
    }

    /// Temporary folders and links of runs that were killed: never a release
    /// (a folder is renamed to its ID only once it is complete and verified).
    func removeLeftovers() {
        // `.incoming.XXXXXX`: what the shell script docs/scheduling.md once gave left after a failed copy.
        let temporary = [Self.incoming, Self.removing, ".incoming."]
        for name in (try? Directory.names(releasesFolder)) ?? [] where temporary.contains(where: name.hasPrefix) {
            try? FileManager.default.removeItem(atPath: releasesFolder + "/" + name)
        }
        try? System.unlink(releasesFolder + "/" + History.fileName + ".tmp")
        try? System.unlink(path(Self.newLink))
    }

    // MARK: - current

    /// The ID of the live release, or `nil` when there is no `current` yet.
    /// Refused (exit 73) when `current` is not a link panel-report made.
    public func live() throws -> String? {
        let link = path(Self.current)
        guard let info = try? System.linkInfo(link) else { return nil }
        let refuse = { (why: String) in
            Failure(
                .cannotCreateOutput,
                problems: [
                    (
                        file: link,
                        line: "\(Printable.text(link)): \(why); panel-report switches it in one rename "
                            + "and never replaces anything else. Move it away and publish again"
                    )
                ], summary: "panel-report: \(shown): nothing was changed")
        }
        guard info.kind == .link else { throw refuse("\(info.kind.words), not a symbolic link") }
        let target: String
        do throws(SystemError) { target = try System.readLink(link) } catch { throw refuse("cannot be read (\(error))") }
        let id = String(target.dropFirst(Self.releases.count + 1))
        guard target.hasPrefix(Self.releases + "/"), Self.isReleaseID(id) else {
            throw refuse("points to \(Printable.text(target)), not to a release (releases/ID)")
        }
        return id
    }

    /// Points `current` at `releases/ID` in one rename of a link made beside it.
    func switchCurrent(to id: String) throws {
        let temporary = path(Self.newLink)
        do throws(SystemError) {
            try? System.unlink(temporary)
            try System.symbolicLink(Self.linkTarget(id), at: temporary)
            try System.rename(temporary, path(Self.current))
        } catch {
            try? System.unlink(temporary)
            throw Failure(
                .ioError,
                problems: [
                    (
                        file: path(Self.current),
                        line: "\(Printable.text(path(Self.current))): could not be switched to "
                            + "\(Self.linkTarget(id)) (\(error.call) \(Printable.text(error.path ?? "")): \(error))"
                    )
                ],
                summary: "panel-report: \(shown): current was not changed")
        }
        System.syncFolder(root)
    }

    // MARK: - Checking a release

    /// One damaged file of a release: its path (as printed) and the line that says what is wrong.
    public typealias Problem = (file: String?, line: String)

    /// Every missing, altered or unexpected file of `releases/ID`, checked against
    /// its own manifest.json (whose digest must begin with the ID), as `verify`
    /// checks an output folder; empty when the release is intact. Nothing of
    /// panel-report's bookkeeping belongs in a release, as it would be served.
    public func damage(of id: String) -> [Problem] { damage(of: id, at: release(id)) }

    /// ``damage(of:)`` for a folder that is to become `releases/ID` (a copy not yet renamed).
    func damage(of id: String, at folder: String) -> [Problem] {
        let shownFolder = Printable.text(folder)
        let line = { (relative: String, what: String) -> Problem in
            (file: folder + "/" + relative, line: "\(shownFolder)/\(relative): \(what)")
        }
        guard let info = try? System.linkInfo(folder) else { return [(file: folder, line: "\(shownFolder): missing (no such release)")] }
        guard info.kind == .folder else { return [(file: folder, line: "\(shownFolder): \(info.kind.words), not a release folder")] }
        let bytes: [UInt8]
        do throws(FileReading.Problem) {
            bytes = try FileReading.read(folder + "/" + Manifest.fileName, atMost: FileReading.maxFileBytes, followLinks: false)
        } catch .missing {
            return [line(Manifest.fileName, "missing (every release has one)")]
        } catch {
            return [line(Manifest.fileName, "cannot be read (\(error))")]
        }
        guard Self.releaseID(manifest: bytes) == id else {
            return [line(Manifest.fileName, "altered (its SHA-256 does not begin with the release's name, \(id))")]
        }
        guard let manifest = try? Manifest.read(from: folder) else {
            return [line(Manifest.fileName, "altered (it is not a manifest panel-report can read)")]
        }
        let bookkeeping = ((try? Directory.names(folder)) ?? []).filter { $0.hasPrefix(".panel-report-") }.sorted()
        return
            (manifest.damage(in: folder).map { line($0.path, String($0.description.dropFirst($0.path.count + 2))) }
            + bookkeeping.map { line($0, "unexpected (panel-report's own files are never published)") })
            .sorted { ($0.file ?? "") < ($1.file ?? "") }
    }
}
