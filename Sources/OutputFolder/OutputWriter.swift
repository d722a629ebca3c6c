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
///     .panel-report-output           the marker: the kind (published or draft), every file of the report in place,
///                                    and the digests of the inputs it was built from (never published: see `BuildSource`)
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
    /// What a finished build leaves beside the report, each a regular file: all that
    /// `verify` passes over. Any other `.panel-report-…` name, or one of these that is
    /// a folder or a link, is unexpected (a copy of the folder would publish it).
    public static let bookkeeping: Set<String> = [marker, lock]

    public enum Kind: String, Sendable {
        case published, draft
    }

    // MARK: - Building

    /// `sources`: what the report was built from, kept in the marker (never in the
    /// report) by the same rename that ends the swap, so the marker never describes
    /// another report than the one in place.
    /// `warn` is told of an interrupted build's report finished on the way (see ``recover(_:warn:)``).
    public static func replace(
        _ output: String, kind: Kind, with files: [(path: String, bytes: Data)], sources: [BuildSource], warn: (String) -> Void
    ) throws {
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
        let record = Record(kind: kind, files: files.map(\.path).sorted(), sources: sources)
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
            throw Failure(
                .ioError,
                "\(folder.shown): could not move the new report into place (\(failure)); "
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
}
