import BuildInputs
import Crypto
import Foundation
import Platform

extension Site {
    /// `releases/.panel-report-history`: every switch of `current`, oldest first,
    /// one a line: `ID INPUTS EVENT`. INPUTS is the digest of the inputs, templates
    /// and options the release was built from (``inputDigest(_:)``), from the build
    /// folder's record (releases hold no digest of an input); EVENT is
    /// `published` or `rolled-back`. It is what makes "the release before" well
    /// defined (publication order, not a folder's time stamp), and what lets
    /// `publish` keep a rolled-back release live until the inputs change.
    public struct History: Equatable {
        static let fileName = ".panel-report-history"

        public struct Entry: Equatable {
            public var id: String
            public var inputs: String
            public var event: Event
        }

        public enum Event: String {
            case published
            case rolledBack = "rolled-back"
        }

        public var entries: [Entry]

        var text: String { entries.map { "\($0.id) \($0.inputs) \($0.event.rawValue)\n" }.joined() }

        init(entries: [Entry]) { self.entries = entries }

        /// Lines that are not three words of ours are skipped: the history orders
        /// releases, and a damaged line must not stop a publish.
        init(text: String) {
            entries = text.split(separator: "\n").compactMap { line in
                let words = line.split(separator: " ").map(String.init)
                guard words.count == 3, Site.isReleaseID(words[0]), let event = Event(rawValue: words[2]) else { return nil }
                return Entry(id: words[0], inputs: words[1], event: event)
            }
        }

        /// Releases by publication, oldest first: each where it was last published.
        var order: [String] {
            var order: [String] = []
            for entry in entries where entry.event == .published {
                order.removeAll { $0 == entry.id }
                order.append(entry.id)
            }
            return order
        }

        /// Whether a build from `inputs` is nothing new since a rollback: the last
        /// switch was a rollback, and those inputs were published before it.
        func pinsRollback(against inputs: String) -> Bool {
            guard let last = entries.last, last.event == .rolledBack, inputs != Site.unknownInputs else { return false }
            return entries.dropLast().contains { $0.inputs == inputs }
        }
    }

    /// The INPUTS of a history line whose inputs are not known.
    static let unknownInputs = "unknown"

    /// The digest of what a report was built from: its sources (inputs, templates
    /// and options, with their SHA-256, as the build folder's record lists them),
    /// not the tool that built it; the same digest as when the manifest listed them.
    ///
    /// The history sits beside the releases, never in one (the web server serves
    /// `current`), and this is one digest of every input at once, the folded
    /// `inputs/*` of the case files among them, whose own digests are published
    /// nowhere: it confirms a guess only to someone who holds every other input already.
    public static func inputDigest(_ sources: [BuildSource]) -> String {
        String(SHA256.hex(Array(sources.map { "\($0.sha256)  \($0.path)\n" }.joined().utf8)).prefix(16))
    }

    var historyPath: String { releasesFolder + "/" + History.fileName }

    public func history() -> History {
        guard let bytes = try? FileReading.read(historyPath, atMost: FileReading.maxFileBytes, followLinks: false) else {
            return History(entries: [])
        }
        return History(text: String(decoding: bytes, as: UTF8.self))
    }

    /// Adds a line, writing the file whole (a temporary file, synced, renamed over it).
    func record(_ entry: History.Entry) throws {
        var history = history()
        history.entries.append(entry)
        let folder = OutputWriter.Folder(releasesFolder)
        let temporary = historyPath + ".tmp"
        do throws(SystemError) {
            try? System.unlink(temporary)
            try folder.writeFile(temporary, Data(history.text.utf8))
            try System.rename(temporary, historyPath)
        } catch {
            try? System.unlink(temporary)
            throw Failure(
                .cannotCreateOutput, problems: [(file: historyPath, line: "\(Printable.text(historyPath)): cannot be written (\(error))")],
                summary: "panel-report: \(shown): its history (\(Self.releases)/\(History.fileName)) could not be written")
        }
        System.syncFolder(releasesFolder)
    }

    /// When `current` names a release the history does not end with (a run was
    /// killed between switching it and recording it), records it as published.
    func reconcile(live: String, inputs: () -> String) throws {
        if history().entries.last?.id != live { try record(History.Entry(id: live, inputs: inputs(), event: .published)) }
    }

    /// The release published before `id` that is still there (by the history's order).
    public func release(before id: String) -> String? {
        let present = Set(releaseIDs)
        let order = history().order.filter(present.contains)
        guard let index = order.lastIndex(of: id) else { return order.last { $0 != id } }
        return order[..<index].last
    }

    /// The digest of the inputs a release was built from, as the history last
    /// recorded it (a release holds no digest of an input).
    func inputDigest(of id: String) -> String {
        history().entries.last { $0.id == id }?.inputs ?? Self.unknownInputs
    }

    // MARK: - Rollback

    /// Switches `current` to `releases/ID` (default: the release before the live
    /// one) once it is verified, and records the switch. Call holding the lock.
    /// Returns the release that was live and the one that is now.
    public func rollback(to requested: String?) throws -> (from: String, to: String) {
        guard let live = try live() else {
            throw Failure(
                .missingInput,
                "panel-report: \(shown)/\(Self.current): no such link; nothing has been published there yet (panel-report publish "
                    + "--site \(shown))")
        }
        let available = releaseIDs
        let listed = available.isEmpty ? "none" : available.joined(separator: ", ")
        let target: String
        if let requested {
            guard Self.isReleaseID(requested), available.contains(requested) else {
                throw Failure(
                    .missingInput, "panel-report: \(shown(Printable.text(requested))): no such release; the releases are: \(listed)")
            }
            target = requested
        } else {
            guard let before = release(before: live) else {
                throw Failure(
                    .missingInput,
                    "panel-report: \(shown): no release was published before \(Self.linkTarget(live)), the live one; the "
                        + "releases are: \(listed) (choose one with --to ID)")
            }
            target = before
        }
        let damage = damage(of: target)
        guard damage.isEmpty else {
            throw Failure(
                .badData, problems: damage,
                summary: "panel-report: \(shown(target)) is damaged (\(damage.count) "
                    + "\(damage.count == 1 ? "file" : "files")); refused: current still names \(Self.linkTarget(live))", outcome: "damaged")
        }
        // Recorded first: a rollback killed before the switch is then no rollback at all
        // (the next publish records the live release again), where one killed after an
        // unrecorded switch would be undone by the next publish.
        try record(History.Entry(id: target, inputs: inputDigest(of: target), event: .rolledBack))
        try switchCurrent(to: target)
        return (live, target)
    }
}
