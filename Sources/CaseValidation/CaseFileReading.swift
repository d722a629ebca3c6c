import CaseLoading
import CaseModel
import Dispatch
import Synchronization

/// Reads, parses and decodes the files of `cases/` on every core, each file on its
/// own: its bytes, its YAML tree and its decoder's diagnostics belong to the thread
/// reading it and are dropped as soon as its case is decoded, so memory holds the
/// cases and their diagnostics, never every file's text or tree at once. Results
/// come back in the order of `paths`, so output does not depend on the threads.
enum CaseFileReading {
    /// What one case file gave.
    struct Outcome: Sendable {
        /// The file's own diagnostics, in the order they were found.
        var diagnostics: [Diagnostic] = []
        /// A folder named like a case file: ignored, with a warning.
        var isFolder = false
        /// Whether its text was read (it counts among the files read).
        var wasRead = false
        /// Whether its YAML parsed (it counts among the cases read).
        var parsed = false
        /// The case's id and where it is written, when it has one.
        var id: (id: String, location: SourceLocation)?
        /// The area the case names, when it names one.
        var area: String?
        /// The case, when it decoded without an error.
        var decoded: Case?
    }

    /// Fewer files than this are read on the calling thread: starting threads would cost more.
    static let concurrentFrom = 32

    /// Files handed to a thread at a time: large enough to keep the queue quiet,
    /// small enough that both cores stay busy to the end.
    static let filesPerTask = 16

    /// Every file of `paths`, in order; on one thread when `concurrently` is false,
    /// or (when it is `nil`) when there are fewer files than ``concurrentFrom``.
    static func read(
        _ paths: [String], fileSystem: some InputFileSystem, limits: LoadingLimits,
        declared: Declarations, parsed: ParsedYAMLCache?, concurrently: Bool? = nil
    ) -> [Outcome] {
        if !(concurrently ?? (paths.count >= concurrentFrom)) {
            return paths.map { read($0, fileSystem: fileSystem, limits: limits, declared: declared, parsed: parsed) }
        }
        let outcomes = Mutex([Outcome](repeating: Outcome(), count: paths.count))
        // The file system, shared by the reading threads: implementations are read-only
        // views (the disk, or files in memory), and those that record what they read do
        // so behind a lock. Held as an existential, so the threads' closure captures no
        // generic type.
        let shared = Unchecked<any InputFileSystem>(value: fileSystem)
        let tasks = (paths.count + filesPerTask - 1) / filesPerTask
        DispatchQueue.concurrentPerform(iterations: tasks) { task in
            let range = (task * filesPerTask)..<min((task + 1) * filesPerTask, paths.count)
            let own = range.map { read(paths[$0], fileSystem: shared.value, limits: limits, declared: declared, parsed: parsed) }
            outcomes.withLock { $0.replaceSubrange(range, with: own) }
        }
        return outcomes.withLock { $0 }
    }

    /// One file: read, parse, decode.
    static func read(
        _ path: String, fileSystem: some InputFileSystem, limits: LoadingLimits,
        declared: Declarations, parsed: ParsedYAMLCache?
    ) -> Outcome {
        var outcome = Outcome()
        let found = Result { try fileSystem.read(atPath: path, maxBytes: limits.maxFileBytes) }
        if case .success(.folder) = found {
            outcome.isFolder = true
            outcome.diagnostics = [.warning(at: SourceLocation(file: path), field: nil, "ignored: a folder inside cases/")]
            return outcome
        }
        let text: String
        switch SourceFileReader.bytes(found, path: path, maxBytes: limits.maxFileBytes).flatMap({ UTF8Text.decode($0, file: path) }) {
        case .success(let read): text = read
        case .failure(let problem):
            outcome.diagnostics = [problem]
            return outcome
        }
        outcome.wasRead = true
        let tree: LocatedValue
        switch ParsedYAMLCache.parse(text, path: path, limits: limits, cache: parsed) {
        case .success(let value): tree = value
        case .failure(let problem):
            outcome.diagnostics = [problem]
            return outcome
        }
        outcome.parsed = true
        let log = DiagnosticLog()
        let decoded = CaseDecoding.decode(.located(tree), context: DecodeContext(log: log), declared: declared)
        outcome.id = decoded.id
        outcome.area = decoded.area
        outcome.decoded = decoded.value
        outcome.diagnostics = log.items
        return outcome
    }

}

/// Decoding one case, wherever it came from (a YAML file's tree, a spreadsheet row).
enum CaseDecoding {
    struct Decoded {
        var id: (id: String, location: SourceLocation)?
        var area: String?
        /// The case, when it decoded without an error.
        var value: Case?
    }

    static func decode(_ tree: FieldValue, context: DecodeContext, declared: Declarations) -> Decoded {
        var result = Decoded()
        let before = context.log.errorCount
        if let area = tree["area"]?.scalarText { result.area = area.trimmingWhitespace() }
        if let idValue = tree["id"], let id = idValue.scalarText {
            result.id = (id.trimmingWhitespace(), idValue.location)
        }
        let decoded = CaseDecoder(context: context, declared: declared).decode(tree)
        if let decoded, context.log.errorCount == before { result.value = decoded }
        return result
    }
}
