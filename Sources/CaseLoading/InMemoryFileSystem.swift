/// An ``InputFileSystem`` held in memory: a map from file path to bytes.
///
/// Directories exist implicitly, as the parents of the files. Used by tests, and by
/// anyone who wants to validate a cohort that is not on disk.
public struct InMemoryFileSystem: InputFileSystem, Sendable {
    /// File contents by path ("Inputs/cases/C01.yaml").
    public var files: [String: [UInt8]]

    public init(files: [String: [UInt8]] = [:]) {
        self.files = files
    }

    /// Convenience for tests: text files, stored as UTF-8.
    public init(textFiles: [String: String]) {
        self.files = textFiles.mapValues { Array($0.utf8) }
    }

    /// The error thrown when a file that does not exist is read.
    public struct NoSuchFile: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "no such file: \(path)" }
    }

    public func entries(inDirectory path: String) throws -> [String]? {
        let prefix = Self.directoryPrefix(path)
        var names = Set<String>()
        for file in files.keys where file.hasPrefix(prefix) {
            let rest = file.dropFirst(prefix.count)
            guard let first = rest.split(separator: "/", omittingEmptySubsequences: false).first, !first.isEmpty else { continue }
            names.insert(String(first))
        }
        return names.isEmpty ? nil : names.sorted()
    }

    public func fileSize(atPath path: String) throws -> Int? {
        files[path]?.count
    }

    public func isDirectory(atPath path: String) -> Bool {
        let prefix = Self.directoryPrefix(path)
        return files.keys.contains { $0.hasPrefix(prefix) }
    }

    public func contents(atPath path: String) throws -> [UInt8] {
        guard let bytes = files[path] else { throw NoSuchFile(path: path) }
        return bytes
    }

    public func contents(atPath path: String, maxBytes: Int) throws -> [UInt8] {
        guard let bytes = files[path] else { throw NoSuchFile(path: path) }
        return bytes.count > maxBytes ? Array(bytes.prefix(maxBytes == Int.max ? maxBytes : maxBytes + 1)) : bytes
    }

    private static func directoryPrefix(_ path: String) -> String {
        path.hasSuffix("/") ? path : path + "/"
    }
}
