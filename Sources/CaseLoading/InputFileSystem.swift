/// The read-only view of the disk that loading needs.
///
/// The loader never touches the disk itself: the command-line tool implements this
/// with `FileManager`, and tests use ``InMemoryFileSystem``. Paths are the caller's
/// paths joined with "/", exactly as they appear in diagnostics.
public protocol InputFileSystem {
    /// The names (not paths) of the entries of a directory, or `nil` if there is no such directory.
    func entries(inDirectory path: String) throws -> [String]?
    /// The size in bytes of a regular file, or `nil` if there is no such file.
    func fileSize(atPath path: String) throws -> Int?
    /// Whether `path` names a directory.
    func isDirectory(atPath path: String) -> Bool
    /// The bytes of a regular file.
    func contents(atPath path: String) throws -> [UInt8]
}
