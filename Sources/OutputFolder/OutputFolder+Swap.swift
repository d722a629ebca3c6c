import BuildInputs
import Foundation
import Platform

extension OutputWriter {
    /// A rename (or the making of a folder) of the swap that failed, and why.
    struct MoveFailure: Error, CustomStringConvertible {
        /// `nil` when `to` was being made (a folder), not moved.
        let from: String?, to: String, error: SystemError
        var description: String {
            (from.map { "moving \($0) to \(to)" } ?? "making \(to)") + ": \(error)"
        }
    }
}

extension OutputWriter.Folder {
    /// A rename inside the folder, failing with the system's reason (Foundation's
    /// moveItem says "NSCocoaErrorDomain error 512", or copies across devices).
    func move(_ from: String, _ to: String) throws {
        do throws(SystemError) { try System.rename(path(from), path(to)) } catch { throw MoveFailure(from: from, to: to, error: error) }
    }

    /// Puts each new name in place, setting the old one aside first. Safe to
    /// repeat after an interruption: a name still in the staging folder is not
    /// in place yet; one that is not has been moved.
    func rollForward(newNames: Set<String>) throws {
        do throws(SystemError) {
            try System.makeFolder(path(previous))
        } catch  where !error.alreadyExists {
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
            throw Failure(
                .ioError, "\(shown): the new report is in place but its record could not be kept (\(failure)); the next build will finish")
        }
        System.syncFolder(root)
    }

    /// Finishes an interrupted swap (a journal is there) and clears leftovers.
    func recover(warn: (String) -> Void) throws {
        if let record = try readRecord(journal) {
            do {
                try rollForward(newNames: Self.topNames(record.files ?? []))
            } catch let failure as MoveFailure {
                throw Failure(
                    .ioError,
                    "\(shown): could not finish moving in the report an interrupted build had written (\(failure)); it is kept in "
                        + "\(Printable.text(path(staging)))")
            }
            try commit()
            warn(
                "panel-report: \(shown): finished moving in the \(record.kind == .draft ? "draft" : "report") an interrupted build had written"
            )
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
}
