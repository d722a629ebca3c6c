import BuildInputs
import CaseLoading
import CaseModel
import CaseValidation
import Crypto
import Foundation
import Platform
import ReportRendering
import Synchronization

/// What the preview server serves at one moment.
struct PreviewState: Sendable {
    /// Goes up by one with every rebuild; the open page polls it and reloads when it moves.
    public var build: Int
    /// The report's files by path (`report.html`, `figures/figure-1.svg`, `data/…`),
    /// or only `report.html`, the problems page, when the report cannot be built.
    var files: [String: Data]
    /// Whether `files` is the report (false: the problems page).
    public var isReport: Bool
}

/// Builds the report in memory, again whenever the inputs or templates change,
/// for `panel-report preview`. Nothing is written to disk.
///
/// A rebuild reads both folders (``FolderSnapshot``) and does nothing if no byte
/// changed. Otherwise it loads, validates and builds as `build` does, with the
/// loader's ``ParsedYAMLCache`` so that only the YAML files that changed are parsed
/// again; a broken file gives the problems page, never an error that stops the server.
public final class PreviewSession: @unchecked Sendable {
    public let inputs: String
    public let templates: String
    public let draft: Bool

    private let current = Mutex(PreviewState(build: 0, files: [:], isReport: false))
    private var snapshot: FolderSnapshot?
    private let parsed = ParsedYAMLCache()
    /// Each file's SHA-256 with the bytes it is of, so that a rebuild hashes only what changed.
    private var hashes: [String: (bytes: [UInt8], sha256: String)] = [:]

    /// The address of the reload script; the build number tells it which build it belongs to.
    static let scriptPath = "/__preview/reload.js"

    public init(inputs: String, templates: String, draft: Bool) {
        self.inputs = inputs
        self.templates = templates
        self.draft = draft
    }

    var state: PreviewState { current.withLock { $0 } }

    /// What one rebuild did, for the line printed on stderr.
    public struct Outcome {
        public var build: Int
        public var isReport: Bool
        public var problems: [PreviewProblem]
        public var cases: Int
        public var seconds: TimeInterval
    }

    /// Reads the folders; rebuilds if anything in them changed since the last build.
    /// Returns what the rebuild did, or nil when nothing changed.
    public func refresh() -> Outcome? {
        let start = Date()
        let now = FolderSnapshot.take([inputs, templates])
        guard now != snapshot else { return nil }
        snapshot = now
        let build = state.build + 1
        let script = "\(Self.scriptPath)?build=\(build)"
        var problems: [PreviewProblem] = []
        var files: [String: Data]?
        var cases = 0

        // The offending lines are shown from the bytes the loader and the template
        // reader actually read (a file may change between the snapshot and the read;
        // its change is then seen by the next refresh).
        let fs = RecordingFileSystem(DiskFileSystem(inputs: inputs))
        let result: CohortLoadResult?
        if fs.isDirectory(atPath: inputs) {
            result = CohortLoader.load(inputs: inputs, fileSystem: fs, parsed: parsed)
        } else {
            result = nil
            problems.append(
                PreviewProblem(
                    place: inputs,
                    message: "no such folder; point --inputs at a folder with review.yaml, areas.yaml, vocabulary.yaml "
                        + "and cases/", isWarning: false))
        }
        if let result {
            problems += result.diagnostics.map { problem($0, read: fs.read) }
            parsed.keep(paths: Set(now.entries.keys))
        }
        var templateFiles: TemplateFiles?
        do {
            templateFiles = try TemplateReading.read(templates)
        } catch let failure as Failure {
            problems += failure.lines.map { PreviewProblem(place: templates, message: $0, isWarning: false) }
        } catch {
            problems.append(PreviewProblem(place: templates, message: "\(error)", isWarning: false))
        }
        var templateTexts: [String: [UInt8]] = [:]
        if let templateFiles {
            for file in templateFiles.chapters + [templateFiles.styleSheet] + Array(templateFiles.diagrams.values)
                + Array(templateFiles.declarations.values)
            {
                templateTexts[file.path] = Array(file.text.utf8)
            }
        }
        if let templateFiles {
            if let cohort = result?.cohort {
                cases = cohort.cases.count
                do {
                    let stamp = draft ? DraftStamp(built: try DraftClock.now(), inputs: String(digest(of: now).prefix(12))) : nil
                    let options = BuildOptions(
                        draft: draft,
                        stamp: stamp, previewScript: script)
                    do throws(ReportBuildError) {
                        let built = try ReportBuilder.build(cohort, templates: templateFiles, options: options)
                        problems += built.warnings.map { problem($0, read: templateTexts) }
                        files = Dictionary(built.files, uniquingKeysWith: { first, _ in first })
                    } catch {
                        problems += error.problems.map { problem($0, read: templateTexts) }
                    }
                } catch let failure as Failure {
                    problems += failure.lines.map { PreviewProblem(place: "SOURCE_DATE_EPOCH", message: $0, isWarning: false) }
                } catch {
                    problems.append(PreviewProblem(place: templates, message: "\(error)", isWarning: false))
                }
            } else {
                problems += ReportBuilder.check(nil, frame: result?.frame, templates: templateFiles).map {
                    problem($0, read: templateTexts)
                }
            }
        }

        let isReport = files != nil
        if files == nil {
            let shown = problems.filter { !$0.isWarning } + problems.filter(\.isWarning)
            do {
                files = [
                    "report.html": Data(
                        try PreviewProblemsPage.html(shown, inputs: inputs, templates: templates, reloadScript: script).utf8)
                ]
            } catch {
                // The page escapes everything it prints; should the writer still refuse, say so plainly.
                files = [
                    "report.html": Data(
                        ("The report cannot be built, and its problems could not be shown as a page (\(error)); see the messages in the "
                            + "terminal.").utf8)
                ]
            }
        }
        current.withLock { $0 = PreviewState(build: build, files: files ?? [:], isReport: isReport) }
        return Outcome(build: build, isReport: isReport, problems: problems, cases: cases, seconds: Date().timeIntervalSince(start))
    }

    /// The digest `build --draft` prints for the same files (``InputDigest/combined(_:)``),
    /// computed from the snapshot, hashing again only the files whose bytes changed.
    private func digest(of snapshot: FolderSnapshot) -> String {
        var listing: [(path: String, sha256: String)] = []
        var kept: [String: (bytes: [UInt8], sha256: String)] = [:]
        for (label, folder) in [("inputs", inputs), ("templates", templates)] {
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            var files: [(path: String, sha256: String)] = []
            for (path, entry) in snapshot.entries where path.hasPrefix(prefix) {
                switch entry {
                case .file(let bytes):
                    let sha = hashes[path].flatMap { $0.bytes == bytes ? $0.sha256 : nil } ?? SHA256.hex(bytes)
                    kept[path] = (bytes, sha)
                    files.append((String(path.dropFirst(prefix.count)), sha))
                case .unread:
                    // Too large or unreadable here: let InputDigest read it as build does.
                    return InputDigest.combined([("inputs", inputs), ("templates", templates)])
                case .link, .folder, .other:
                    continue
                }
            }
            listing += files.sorted(by: { $0.path < $1.path }).map { ("\(label)/\($0.path)", $0.sha256) }
        }
        hashes = kept
        return InputDigest.combined(listing: listing)
    }

    private func problem(_ diagnostic: Diagnostic, read: [String: [UInt8]]) -> PreviewProblem {
        let place = diagnostic.location.description
        let text = diagnostic.description
        var message = text.hasPrefix(place + ": ") ? String(text.dropFirst(place.count + 2)) : text
        if diagnostic.severity == .warning, message.hasPrefix("warning: ") { message.removeFirst("warning: ".count) }
        var line: Int?
        var column: Int?
        switch diagnostic.location.position {
        case .line(let l): line = l
        case .lineColumn(let l, let c): (line, column) = (l, c)
        // A spreadsheet row is not always one line (a cell may hold line breaks): no line is shown.
        case .file, .csvRow, .csvCell, .sheet, .sheetRow, .sheetCell: break
        }
        let source = line.flatMap { l in read[diagnostic.location.file].flatMap { PreviewProblem.sourceLine(l, of: $0) } }
        return PreviewProblem(
            place: place, message: message, isWarning: !diagnostic.isError,
            line: source == nil ? nil : line, source: source, column: column)
    }

    private func problem(_ template: TemplateProblem, read: [String: [UInt8]]) -> PreviewProblem {
        let place = template.line.map { "\(template.file):\($0)" } ?? template.file
        let source = template.line.flatMap { l in read[template.file].flatMap { PreviewProblem.sourceLine(l, of: $0) } }
        return PreviewProblem(
            place: place, message: template.message, isWarning: template.isWarning,
            line: source == nil ? nil : template.line, source: source)
    }
}
