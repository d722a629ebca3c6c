import CaseLoading
import Synchronization

/// YAML files already parsed, each kept with its path and its exact text, for a
/// caller that loads the same folder again and again (`panel-report preview`).
///
/// ``CohortLoader/load(inputs:fileSystem:limits:parsed:)`` parses a file again only
/// when its text (or the limits) differ from the last time that path was read, so a
/// saved case file costs one parse, not one per file. The parse is the same pure
/// function of path, text and limits either way: a cached tree or problem is
/// exactly the one a fresh parse would give. Decoding and validation always run
/// in full, since they depend on the other files. Case files are read on several
/// threads at once, so the table is behind a lock (held only to look up and store).
public final class ParsedYAMLCache: Sendable {
    private struct Entry {
        var text: String
        var limits: LoadingLimits
        var result: Result<LocatedValue, Diagnostic>
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    /// How many files are held.
    public var count: Int { entries.withLock { $0.count } }

    /// Forgets every file not in `paths` (those deleted or renamed since).
    public func keep(paths: Set<String>) {
        entries.withLock { $0 = $0.filter { paths.contains($0.key) } }
    }

    func result(path: String, text: String, limits: LoadingLimits) -> Result<LocatedValue, Diagnostic> {
        let known = entries.withLock { $0[path] }
        if let known, known.limits == limits, known.text == text { return known.result }
        let result = YAMLReader.read(text, file: path, limits: limits)
        entries.withLock { $0[path] = Entry(text: text, limits: limits, result: result) }
        return result
    }
}

extension ParsedYAMLCache {
    /// `text` parsed: by `cache` when the caller keeps one, else afresh. The one way
    /// the loader parses a YAML file, case file or not.
    static func parse(_ text: String, path: String, limits: LoadingLimits, cache: ParsedYAMLCache?) -> Result<LocatedValue, Diagnostic> {
        cache?.result(path: path, text: text, limits: limits) ?? YAMLReader.read(text, file: path, limits: limits)
    }
}
