/// The read-only view of the disk that loading needs.
///
/// The loader never touches the disk itself: the command-line tool implements this
/// on the real disk, and tests use ``InMemoryFileSystem``. Paths are the caller's
/// paths joined with "/", exactly as they appear in diagnostics.
///
/// An implementation may refuse a path (by throwing) without opening it: the
/// command-line tool refuses a symbolic link that leads outside the inputs folder,
/// and anything that is not a regular file. The error's description follows
/// "could not be read: " in the loader's diagnostic, so it names no contents.
public protocol InputFileSystem {
    /// The names (not paths) of the entries of a directory, or `nil` if there is no such directory.
    func entries(inDirectory path: String) throws -> [String]?
    /// The same, but listing no more than `atMost` names (in no particular order
    /// when there are more), so a folder of a billion files costs no more than that
    /// to refuse. A result of `atMost` names may mean there are more.
    func entries(inDirectory path: String, atMost: Int) throws -> [String]?
    /// What is at `path`, found and read in one go: nothing, a folder, a regular
    /// file whose reported size is over `maxBytes` (not read), or the bytes of a
    /// regular file, at most `maxBytes + 1` of them (more than `maxBytes` means the
    /// file is over the limit, whatever its size said). One look per file: the
    /// loader calls it for each of a large cohort's case files.
    func read(atPath path: String, maxBytes: Int) throws -> InputFileRead
    /// The size in bytes of a regular file as the file system reports it, or `nil`
    /// if there is no such file. Only a hint: a file may yield more bytes than this
    /// (files in `/proc` report 0), so limits are checked on what is read.
    func fileSize(atPath path: String) throws -> Int?
    /// Whether `path` names a directory.
    func isDirectory(atPath path: String) -> Bool
    /// The bytes of a regular file.
    func contents(atPath path: String) throws -> [UInt8]
    /// The bytes of a regular file, at most `maxBytes + 1` of them: a result longer
    /// than `maxBytes` means the file is over the limit. Whatever size the file
    /// reports, an implementation stops reading soon past the limit (the disk's
    /// reads in 64 KB blocks), so an endless file costs no more than that.
    func contents(atPath path: String, maxBytes: Int) throws -> [UInt8]
}

/// What ``InputFileSystem/read(atPath:maxBytes:)`` found.
public enum InputFileRead: Sendable, Equatable {
    case missing
    case folder
    /// A regular file whose size, as the file system reports it, is over the limit: none of it was read.
    case tooLarge(reportedSize: Int)
    /// The bytes of a regular file (at most the limit + 1), and the size the file system reported.
    case bytes([UInt8], reportedSize: Int)
}

extension InputFileSystem {
    /// For file systems that list folders cheaply anyway: the first `atMost` names of the whole listing.
    public func entries(inDirectory path: String, atMost: Int) throws -> [String]? {
        try entries(inDirectory: path).map { $0.count > atMost ? Array($0.prefix(atMost)) : $0 }
    }

    /// For file systems in memory: ``isDirectory(atPath:)``, ``fileSize(atPath:)``
    /// and ``contents(atPath:maxBytes:)`` in turn.
    public func read(atPath path: String, maxBytes: Int) throws -> InputFileRead {
        if isDirectory(atPath: path) { return .folder }
        guard let size = try fileSize(atPath: path) else { return .missing }
        if size > maxBytes { return .tooLarge(reportedSize: size) }
        return .bytes(try contents(atPath: path, maxBytes: maxBytes), reportedSize: size)
    }

    /// For file systems that hold their files in memory already: the first
    /// `maxBytes + 1` bytes of ``contents(atPath:)``.
    public func contents(atPath path: String, maxBytes: Int) throws -> [UInt8] {
        let bytes = try contents(atPath: path)
        return bytes.count > maxBytes ? Array(bytes.prefix(maxBytes == Int.max ? maxBytes : maxBytes + 1)) : bytes
    }
}
