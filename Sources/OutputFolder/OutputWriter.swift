import BuildInputs
import Foundation
import Platform

/// Writes a build's files into the output folder so that the folder always holds a
/// complete report (the old one or the new one), never loses a file panel-report
/// did not write, and never follows a link it did not make.
///
/// The folder, as panel-report keeps it:
///
///     report.html, figures/, data/,  the report: the only names a build replaces
///     manifest.json                  (the manifest lists the others' digests; see `Manifest`)
///     .panel-report-output           the marker: the kind (published or draft), then every file of the report in place
///     .panel-report-lock             flock()ed: one build at a time per folder
///     .panel-report-swap             the journal: there only while a new report is being moved in
///     .panel-report-staging/         the new report while it is written
///     .panel-report-previous/        the old report while it is set aside
///
/// **Why a journal.** The report is four names that sit beside the user's own
/// files (a README) in a folder the user chose, so one rename cannot swap them
/// all; and a symlink flip (`report.html` → `.current/report.html`) would leave
/// links instead of files in a folder that people copy or upload as it is. So:
///
/// 1. The new report is written and `fsync`ed into `.panel-report-staging/`. If
///    the build dies now, the old report is untouched; the staging folder is
///    thrown away by the next build. A file whose bytes are already in place is
///    not written again: the staging folder gets a second name for it
///    (``Folder/linkUnchanged(_:_:)``), and its data synced like a new file's
///    (nothing is left to write if it is already on disk), so an unchanged
///    rebuild creates and deletes only folders, the journal and the marker.
/// 2. The journal is written (a temporary file renamed into place, so it exists
///    whole or not at all). From this moment the new report is complete on disk,
///    and the swap will be finished: by this build, or by the next one.
/// 3. Each of `report.html`, `figures/`, `data/`, `manifest.json` is set aside into
///    `.panel-report-previous/` and replaced by its new version (two renames).
/// 4. The journal is renamed over the marker: one rename that both records the
///    new report's files and ends the swap.
/// 5. The old report is deleted.
///
/// Every build first recovers (``recover(_:)``): a journal means a swap was
/// interrupted, and it is finished as step 3–4 do (each name is in exactly one of
/// the staging folder or its place, so this is safe to repeat); without a journal
/// the leftovers are an unfinished staging folder or an already replaced old report,
/// and are deleted. The only complete copy is never deleted. A build that fails
/// to move a file (`EXDEV`, `EACCES`…) undoes its own moves and removes its
/// journal, keeping the old report.
///
/// The marker is written when a build first takes a folder, before any report file
/// is there, so a draft is refused from a folder whose first published build was
/// interrupted. It also lists the report's files: anything else inside `figures/`
/// or `data/` is a user's file, and the build is refused naming it (replacing
/// those folders whole would delete it; keeping it would put an unknown file among
/// published data).
public enum OutputWriter {
    /// report.pdf only from `build --pdf`; a build without it moves an earlier PDF out with the old report.
    public static let generated = ["report.html", "report.pdf", "figures", "data", Manifest.fileName]
    public static let marker = ".panel-report-output"
    static let lock = ".panel-report-lock"
    static let journal = ".panel-report-swap"
    static let staging = ".panel-report-staging"
    static let previous = ".panel-report-previous"
    /// Names of this tool's own files that must never be symbolic links.
    static let neverLinks = [marker, lock, journal]

    public enum Kind: String, Sendable {
        case published, draft
    }

    /// What a marker or a journal holds: the kind, then the report's files.
    struct Record: Equatable {
        var kind: Kind
        /// `nil` in a marker written before the files were listed (the kind alone).
        var files: [String]?

        var text: String {
            "\(kind.rawValue)\n" + (files.map { "files:\n" + $0.map { $0 + "\n" }.joined() } ?? "")
        }

        init(kind: Kind, files: [String]?) {
            self.kind = kind
            self.files = files
        }

        init?(text: String) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // Written "published" or "draft": read as it is, and only a hand-edited
            // line has its spaces trimmed.
            guard let first = lines.first, let kind = Kind(rawValue: first) ?? Kind(rawValue: first.trimmingCharacters(in: .whitespaces)) else { return nil }
            self.kind = kind
            let rest = lines.dropFirst().filter { !$0.isEmpty }
            if rest.isEmpty {
                files = nil
            } else {
                guard rest.first == "files:" else { return nil }
                files = Array(rest.dropFirst())
            }
        }
    }

    // MARK: - Building

    /// `warn` is told of an interrupted build's report finished on the way (see ``recover(_:warn:)``).
    public static func replace(_ output: String, kind: Kind, with files: [(path: String, bytes: Data)], warn: (String) -> Void) throws {
        let folder = Folder(output)
        try folder.refuseLinks()
        try folder.create()
        let held = try folder.lock()
        defer { System.close(held.fd) }
        let current: [String]
        do {
            try folder.recover(warn: warn)
            current = try folder.checkOwnership(kind: kind)
        } catch let refusal as Failure {
            // A refused folder keeps no lock file of ours (safe: we hold the lock,
            // and a build waiting for it checks that it still locks the file there).
            if held.created { try? System.unlink(folder.path(lock)) }
            throw refusal
        }
        // Take the folder before any report file is there (see the type's comment).
        if try folder.marked?.files == nil {
            try folder.writeRecord(Record(kind: kind, files: current), as: marker)
        }
        try folder.stage(files)
        let record = Record(kind: kind, files: files.map(\.path).sorted())
        do {
            try folder.writeRecord(record, as: journal)
        } catch {
            folder.removeLeftovers()
            throw error
        }
        let newNames = Folder.topNames(record.files ?? [])
        do {
            try folder.rollForward(newNames: newNames)
        } catch let failure as MoveFailure {
            let undone = folder.rollBack(newNames: newNames)
            throw Failure(.ioError, "\(folder.shown): could not move the new report into place (\(failure)); "
                + (undone ? "the previous report was kept" : "the next build will finish moving it in"))
        }
        try folder.commit()
        folder.removeLeftovers()
    }

    /// Finishes or undoes a swap that a killed build left half-done, if the folder
    /// exists and shows one; creates nothing otherwise. Every build calls this
    /// first, before it even reads its inputs.
    /// `warn` is told when an interrupted build's report is finished.
    public static func recover(_ output: String, warn: (String) -> Void) throws {
        let folder = Folder(output)
        guard folder.exists, folder.hasLeftovers else { return }
        try folder.refuseLinks()
        let held = try folder.lock()
        defer { System.close(held.fd) }
        try folder.recover(warn: warn)
    }

    // MARK: - The folder

    struct MoveFailure: Error, CustomStringConvertible {
        /// `nil` when `to` was being made (a folder), not moved.
        let from: String?, to: String, error: SystemError
        var description: String {
            (from.map { "moving \($0) to \(to)" } ?? "making \(to)") + ": \(error)"
        }
    }

    /// The output folder and the operations on it, each a system call whose
    /// failure is reported in the system's words.
    public struct Folder {
        public let root: String
        public let shown: String

        public init(_ output: String) {
            // "Output/" and "Output" are one folder; paths in messages read "Output/report.html".
            var trimmed = Substring(output)
            while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            root = String(trimmed)
            shown = Printable.text(root)
        }

        func path(_ name: String) -> String { root + "/" + name }

        public var exists: Bool { (try? System.info(root))?.kind == .folder }

        func present(_ name: String) -> Bool { System.exists(path(name)) }

        var hasLeftovers: Bool {
            if [journal, staging, previous, marker + ".tmp", journal + ".tmp"].contains(where: present) { return true }
            return legacyLeftovers.count > 0
        }

        /// `.staging-PID` and `.previous-PID` folders of builds before the journal.
        var legacyLeftovers: [String] {
            ((try? Directory.names(root)) ?? [])
                .filter { $0.hasPrefix(".staging-") || $0.hasPrefix(".previous-") }.sorted()
        }

        /// The marker, lock and journal are never followed: one that is a link (to
        /// a file elsewhere that a build would overwrite) makes the folder refused.
        func refuseLinks() throws {
            for name in neverLinks {
                guard let info = try? System.linkInfo(path(name)) else { continue }
                if info.kind == .link {
                    throw Failure(.cannotCreateOutput, "\(Printable.text(path(name))): is a symbolic link; panel-report never follows it (a build would write to whatever it points to). Remove the link, or choose another --output")
                }
                if info.kind != .file {
                    throw Failure(.cannotCreateOutput, "\(Printable.text(path(name))): not a regular file (\(info.kind.words)); panel-report keeps a small file of its own there. Remove it, or choose another --output")
                }
            }
        }

        func create() throws {
            if exists { return }
            var prefix = root.hasPrefix("/") ? "/" : ""
            for part in root.split(separator: "/") {
                prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + part
                do throws(SystemError) {
                    try System.makeFolder(prefix)
                } catch where !error.alreadyExists {
                    throw Failure(.cannotCreateOutput, "\(shown): cannot create the output folder (\(Printable.text(prefix)): \(error))")
                } catch {}
            }
            guard exists else {
                throw Failure(.cannotCreateOutput, "\(shown): cannot create the output folder (something that is not a folder is in the way)")
            }
        }

        /// Takes the folder's lock, creating the lock file if needed (never
        /// following a link). `created`: this build made the lock file.
        func lock() throws -> (fd: Int32, created: Bool) {
            let lockPath = path(OutputWriter.lock)
            while true {
                var created = true
                var fd: Int32
                do throws(SystemError) {
                    do throws(SystemError) {
                        fd = try System.open(lockPath, [.create, .exclusive, .readWrite, .noFollow])
                    } catch where error.alreadyExists {
                        created = false
                        fd = try System.open(lockPath, [.readWrite, .noFollow])
                    }
                } catch where error.code == ENOENT && !created {
                    continue
                } catch {
                    if error.isSymbolicLink { try refuseLinks() }
                    throw Failure(.cannotCreateOutput, "\(shown): cannot write there (\(Printable.text(lockPath)): \(error))")
                }
                do throws(SystemError) {
                    try System.lockExclusively(fd)
                } catch {
                    System.close(fd)
                    throw Failure(.cannotCreateOutput, "\(shown): cannot lock \(Printable.text(lockPath)) (\(error))")
                }
                // A refused build may have removed the file while we waited: lock the one there now.
                if let held = try? System.info(fd), let there = try? System.linkInfo(lockPath), held.isSameFile(as: there) {
                    return (fd, created)
                }
                System.close(fd)
            }
        }

        // MARK: Records

        /// The marker, or `nil` if there is none; refused if it is not one of ours.
        var marked: Record? {
            get throws { try readRecord(marker) }
        }

        func readRecord(_ name: String) throws -> Record? {
            let bytes: [UInt8]
            do throws(FileReading.Problem) {
                bytes = try FileReading.read(path(name), atMost: 1024 * 1024, followLinks: false)
            } catch .missing {
                return nil
            } catch .symbolicLink {
                try refuseLinks()
                throw Failure(.cannotCreateOutput, "\(Printable.text(path(name))): is a symbolic link; remove it, or choose another --output")
            } catch {
                throw Failure(.cannotCreateOutput, "\(Printable.text(path(name))): could not be read (\(error)); remove it, or choose another --output")
            }
            guard let text = String(validating: bytes, as: UTF8.self), let record = Record(text: text) else {
                throw Failure(.cannotCreateOutput, "\(Printable.text(path(name))): not a file panel-report wrote; remove it, or choose another --output")
            }
            return record
        }

        /// Writes a record whole or not at all: a new file, then one rename over the old.
        func writeRecord(_ record: Record, as name: String) throws {
            let temporary = path(name + ".tmp")
            try? System.unlink(temporary)
            do {
                try writeFile(temporary, Data(record.text.utf8))
                try move(name + ".tmp", name)
                System.syncFolder(root)
            } catch let failure as MoveFailure {
                try? System.unlink(temporary)
                throw Failure(.cannotCreateOutput, "\(shown): cannot write there (\(failure))")
            } catch let error as SystemError {
                try? System.unlink(temporary)
                throw Failure(.cannotCreateOutput, "\(shown): cannot write there (\(Printable.text(temporary)): \(error))")
            }
        }

        // MARK: Ownership

        /// Refuses a folder holding report files panel-report did not write, a report
        /// of the other kind, or a user's file inside `figures/` or `data/`. Returns
        /// the report files in place (all of them panel-report's).
        func checkOwnership(kind: Kind) throws -> [String] {
            let inPlace = generated.filter(present)
            let record = try marked
            let existing: Kind
            if let record {
                existing = record.kind
            } else if inPlace.isEmpty {
                return []
            } else if isEarlierBuild() {
                // Builds from before the marker said whether they were a draft, and the
                // page is not read to guess. A published build may replace one (nothing of a
                // draft would remain); a draft may not, as the folder may be a published one.
                guard kind == .published else {
                    throw Failure(.cannotCreateOutput, "\(shown): holds a report from an earlier version of panel-report, which did not record whether it was a draft; write the draft to another folder (the default is Output-draft) or delete report.html, figures/ and data/ there first")
                }
                existing = .published
            } else {
                throw Failure(.cannotCreateOutput, "\(shown): already holds \(inPlace.joined(separator: ", ")), which panel-report did not write; choose another --output or empty that folder first")
            }
            guard existing == kind else {
                let other = existing == .draft ? "a reviewers' draft" : "a published report"
                throw Failure(.cannotCreateOutput, "\(shown): holds \(other); write the \(kind == .draft ? "draft" : "published report") to another folder (the default is \(kind == .draft ? "Output-draft" : "Output")) or delete report.html, figures/, data/, \(Manifest.fileName) and \(marker) there first")
            }
            let known = record?.files.map(Set.init)
            var ours: [String] = [], strangers: [String] = []
            for name in inPlace {
                walk(name) { relative, isRegular in
                    let mine = isRegular && (known?.contains(relative) ?? (Self.namedLikeOurs(relative)
                        || relative == Manifest.fileName && (try? Manifest.read(from: root)) != nil))
                    if mine { ours.append(relative) } else { strangers.append(relative) }
                }
            }
            guard strangers.isEmpty else {
                let shownFiles = strangers.prefix(10).map { "\(Printable.text(path($0))): panel-report did not write this; a build replaces report.html, figures/ and data/ whole, so move it out of \(shown) and build again" }
                throw Failure(.cannotCreateOutput, lines: shownFiles
                    + (strangers.count > 10 ? ["… and \(strangers.count - 10) more"] : [])
                    + ["panel-report: \(shown) holds \(strangers.count == 1 ? "a file" : "\(strangers.count) files") panel-report did not write among its report; nothing was changed"])
            }
            return ours.sorted()
        }

        /// Every entry under `name` (itself if it is not a folder), without following
        /// links: (path relative to the folder, whether it is a regular file). A
        /// folder is entered; anything else is reported as it is.
        func walk(_ name: String, _ visit: (String, Bool) -> Void) {
            guard let info = try? System.linkInfo(path(name)) else { return }
            switch info.kind {
            case .folder where name != "report.html":
                let entries = ((try? Directory.names(path(name))) ?? []).sorted()
                if entries.isEmpty && name.contains("/") { visit(name + "/", false) }
                for entry in entries { walk(name + "/" + entry, visit) }
            case .file: visit(name, true)
            default: visit(name, false)
            }
        }

        /// Files an earlier panel-report wrote, before the marker listed them.
        static func namedLikeOurs(_ relative: String) -> Bool {
            relative == "report.html" || relative == "data/statistics.json"
                || relative.wholeMatch(of: /figures\/figure-[0-9]+\.svg|data\/figure-[0-9]+\.csv/) != nil
        }

        /// Whether the folder holds a build made before the marker file existed,
        /// recognised by its statistics.json.
        func isEarlierBuild() -> Bool {
            guard let bytes = try? FileReading.read(path("data/statistics.json"), atMost: FileReading.maxFileBytes, followLinks: false),
                  let json = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return false }
            return json["schema"] != nil && json["values"] != nil
        }

        // MARK: Staging and swapping

        /// The first path component of each file: the names the swap replaces.
        static func topNames(_ files: [String]) -> Set<String> {
            Set(files.compactMap { $0.split(separator: "/").first.map(String.init) })
        }

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
                // Every file is written before any is synced, and all are synced
                // before the journal is written.
                for fd in written { try System.fsync(fd) }
                // A kept file's data, and what is needed to read it (its size, where it
                // lies), if not on disk yet; not its link count, which only our second
                // name changed, and which is back as it was once the old report is gone
                // (fdatasync: an fsync would write each one's inode again).
                for fd in kept { try System.fdatasync(fd) }
                for folder in folders.sorted(by: >) { System.syncFolder(path(folder)) }
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
                  info.size == bytes.count, Self.holds(fd, bytes), (try? System.link(current, target)) != nil else {
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
                        guard offset + n <= expected.count, memcmp(buffer.baseAddress!, expected.baseAddress! + offset, n) == 0 else { return false }
                        offset += n
                    }
                }
            }
        }

        /// Puts each new name in place, setting the old one aside first. Safe to
        /// repeat after an interruption: a name still in the staging folder is not
        /// in place yet; one that is not has been moved.
        func rollForward(newNames: Set<String>) throws {
            do throws(SystemError) {
                try System.makeFolder(path(previous))
            } catch where !error.alreadyExists {
                throw MoveFailure(from: nil, to: previous, error: error)
            } catch {}
            for name in generated {
                let aside = previous + "/" + name
                if newNames.contains(name) {
                    guard present(staging + "/" + name) else { continue }
                    if present(name) {
                        if present(aside) { try? FileManager.default.removeItem(atPath: path(aside)) }
                        try move(name, aside)
                    }
                    try move(staging + "/" + name, name)
                } else if present(name) {
                    if present(aside) { try? FileManager.default.removeItem(atPath: path(aside)) }
                    try move(name, aside)
                }
            }
            System.syncFolder(root)
        }

        /// Undoes this build's moves after one failed; true if the old report is
        /// back in place and the journal gone. If not, the journal stays and the
        /// next build finishes the swap instead.
        func rollBack(newNames: Set<String>) -> Bool {
            for name in generated.reversed() {
                if newNames.contains(name) && !present(staging + "/" + name) && present(name) {
                    guard (try? move(name, staging + "/" + name)) != nil else { return false }
                }
                if present(previous + "/" + name) && !present(name) {
                    guard (try? move(previous + "/" + name, name)) != nil else { return false }
                }
            }
            try? System.unlink(path(journal))
            removeLeftovers()
            return true
        }

        /// Ends the swap: the journal becomes the marker, in one rename.
        func commit() throws {
            do {
                try move(journal, marker)
            } catch let failure as MoveFailure {
                throw Failure(.ioError, "\(shown): the new report is in place but its record could not be kept (\(failure)); the next build will finish")
            }
            System.syncFolder(root)
        }

        /// Finishes an interrupted swap (a journal is there) and clears leftovers.
        func recover(warn: (String) -> Void) throws {
            if let record = try readRecord(journal) {
                do {
                    try rollForward(newNames: Self.topNames(record.files ?? []))
                } catch let failure as MoveFailure {
                    throw Failure(.ioError, "\(shown): could not finish moving in the report an interrupted build had written (\(failure)); it is kept in \(Printable.text(path(staging)))")
                }
                try commit()
                warn("panel-report: \(shown): finished moving in the \(record.kind == .draft ? "draft" : "report") an interrupted build had written")
            }
            try recoverLegacy()
            removeLeftovers()
        }

        /// Builds before the journal set the old report aside in `.previous-PID`
        /// only once `.staging-PID` was complete: finish those swaps too.
        func recoverLegacy() throws {
            for name in legacyLeftovers where name.hasPrefix(".previous-") {
                let stagingName = ".staging-" + name.dropFirst(".previous-".count)
                for part in generated where present(stagingName + "/" + part) {
                    if present(part) { try? FileManager.default.removeItem(atPath: path(part)) }
                    do { try move(stagingName + "/" + part, part) } catch let failure as MoveFailure {
                        throw Failure(.ioError, "\(shown): could not finish an interrupted build (\(failure))")
                    }
                }
                for part in generated where !present(part) && present(name + "/" + part) {
                    try? move(name + "/" + part, part)
                }
            }
        }

        /// What is left of a swap once the folder holds one complete report.
        func removeLeftovers() {
            for name in [staging, previous] + legacyLeftovers {
                try? FileManager.default.removeItem(atPath: path(name))
            }
            for name in [marker + ".tmp", journal + ".tmp"] { try? System.unlink(path(name)) }
        }

        // MARK: Files

        /// A rename inside the folder, failing with the system's reason (Foundation's
        /// moveItem says "NSCocoaErrorDomain error 512", or copies across devices).
        func move(_ from: String, _ to: String) throws {
            do throws(SystemError) { try System.rename(path(from), path(to)) } catch { throw MoveFailure(from: from, to: to, error: error) }
        }

        /// A new file (never through a link), written whole and synced.
        func writeFile(_ target: String, _ data: Data) throws(SystemError) {
            let fd = try createFile(target, data)
            defer { System.close(fd) }
            try System.fsync(fd)
        }

        /// A new file (never through a link), written whole but not yet synced; the caller closes it.
        func createFile(_ target: String, _ data: Data) throws(SystemError) -> Int32 {
            let fd = try System.open(target, [.writeOnly, .create, .exclusive, .noFollow])
            let failure = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> SystemError? in
                do throws(SystemError) { try System.writeAll(fd, bytes) } catch { return error }
                return nil
            }
            if let failure {
                System.close(fd)
                throw failure
            }
            return fd
        }
    }
}
