import BuildInputs
import Foundation
import Platform

extension OutputWriter {
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

        // The names and types of ``OutputWriter``, as the folder's own (its
        // extensions, in the files beside this one, do not see the outer type's).
        typealias Kind = OutputWriter.Kind
        typealias Record = OutputWriter.Record
        typealias MoveFailure = OutputWriter.MoveFailure
        var generated: [String] { OutputWriter.generated }
        var marker: String { OutputWriter.marker }
        var journal: String { OutputWriter.journal }
        var staging: String { OutputWriter.staging }
        var previous: String { OutputWriter.previous }
        var neverLinks: [String] { OutputWriter.neverLinks }

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
                    throw Failure(
                        .cannotCreateOutput, file: path(name),
                        "\(Printable.text(path(name))): is a symbolic link; panel-report never follows it (a build would "
                            + "write to whatever it points to). Remove the link, or choose another --output")
                }
                if info.kind != .file {
                    throw Failure(
                        .cannotCreateOutput, file: path(name),
                        "\(Printable.text(path(name))): not a regular file (\(info.kind.words)); panel-report keeps a small "
                            + "file of its own there. Remove it, or choose another --output")
                }
            }
        }

        /// Makes the folder and any missing folder above it. `what`: the folder, in messages.
        func create(_ what: String = "the output folder") throws {
            if exists { return }
            var prefix = root.hasPrefix("/") ? "/" : ""
            for part in root.split(separator: "/") {
                prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + part
                do throws(SystemError) {
                    try System.makeFolder(prefix)
                } catch  where !error.alreadyExists {
                    throw Failure(.cannotCreateOutput, "\(shown): cannot create \(what) (\(Printable.text(prefix)): \(error))")
                } catch {}
            }
            guard exists else {
                throw Failure(.cannotCreateOutput, "\(shown): cannot create \(what) (something that is not a folder is in the way)")
            }
        }
    }
}
