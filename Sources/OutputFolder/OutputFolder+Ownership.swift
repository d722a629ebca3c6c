import BuildInputs
import Foundation
import Platform

extension OutputWriter.Folder {
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
                throw Failure(
                    .cannotCreateOutput,
                    "\(shown): holds a report from an earlier version of panel-report, which did not record whether it was a "
                        + "draft; write the draft to another folder (the default is Output-draft) or delete report.html, figures/ and data/ there first"
                )
            }
            existing = .published
        } else {
            throw Failure(
                .cannotCreateOutput,
                "\(shown): already holds \(inPlace.joined(separator: ", ")), which panel-report did not write; choose another "
                    + "--output or empty that folder first")
        }
        guard existing == kind else {
            let other = existing == .draft ? "a reviewers' draft" : "a published report"
            throw Failure(
                .cannotCreateOutput,
                "\(shown): holds \(other); write the \(kind == .draft ? "draft" : "published report") to another folder (the "
                    + "default is \(kind == .draft ? "Output-draft" : "Output")) or delete report.html, figures/, data/, \(Manifest.fileName) and \(marker) "
                    + "there first")
        }
        let known = record?.files.map(Set.init)
        var ours: [String] = [], strangers: [String] = []
        for name in inPlace {
            walk(name) { relative, isRegular in
                let mine =
                    isRegular
                    && (known?.contains(relative)
                        ?? (Self.namedLikeOurs(relative)
                            || relative == Manifest.fileName && (try? Manifest.read(from: root)) != nil))
                if mine { ours.append(relative) } else { strangers.append(relative) }
            }
        }
        guard strangers.isEmpty else {
            let shownFiles = strangers.prefix(10).map {
                (
                    file: Optional(path($0)),
                    line: "\(Printable.text(path($0))): panel-report did not write this; "
                        + "a build replaces report.html, figures/ and data/ whole, so move it out of \(shown) and build again"
                )
            }
            throw Failure(
                .cannotCreateOutput,
                problems: shownFiles
                    + (strangers.count > 10 ? [(file: nil, line: "… and \(strangers.count - 10) more")] : []),
                summary:
                    "panel-report: \(shown) holds \(strangers.count == 1 ? "a file" : "\(strangers.count) files") panel-report did not "
                    + "write among its report; nothing was changed")
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
            let json = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        else { return false }
        return json["schema"] != nil && json["values"] != nil
    }
}
