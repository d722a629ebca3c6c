/// Reads one input file, within the size limit, through an ``InputFileSystem``.
public enum SourceFileReader {
    /// The file's text, or the reason it cannot be read: missing, a folder, too large,
    /// unreadable or not UTF-8. A file whose reported size is over the limit is
    /// refused before any byte is read; any other is read only up to one byte past
    /// the limit, so a file that reports less than it holds (a file in `/proc`
    /// reports 0 bytes) is still refused, having read no more than that.
    public static func readText(
        atPath path: String, fileSystem: some InputFileSystem,
        limits: LoadingLimits = .standard
    ) -> Result<String, Diagnostic> {
        readBytes(atPath: path, fileSystem: fileSystem, limits: limits).flatMap { UTF8Text.decode($0, file: path) }
    }

    /// The file's bytes, or the reason they cannot be read: missing, a folder, too
    /// large or unreadable. The size is checked before any byte is read.
    public static func readBytes(
        atPath path: String, fileSystem: some InputFileSystem,
        limits: LoadingLimits = .standard
    ) -> Result<[UInt8], Diagnostic> {
        readBytes(atPath: path, fileSystem: fileSystem, maxBytes: limits.maxFileBytes)
    }

    /// The same, within `maxBytes` (a spreadsheet's limit is not a case file's).
    public static func readBytes(
        atPath path: String, fileSystem: some InputFileSystem,
        maxBytes: Int
    ) -> Result<[UInt8], Diagnostic> {
        bytes(Result { try fileSystem.read(atPath: path, maxBytes: maxBytes) }, path: path, maxBytes: maxBytes)
    }

    /// The bytes of what ``InputFileSystem/read(atPath:maxBytes:)`` found at `path`,
    /// or the reason they cannot be used.
    public static func bytes(_ read: Result<InputFileRead, any Error>, path: String, maxBytes: Int) -> Result<[UInt8], Diagnostic> {
        let location = SourceLocation(file: path)
        let found: InputFileRead
        switch read {
        case .success(let value): found = value
        case .failure(let error): return .failure(.error(at: location, "could not be read: \(error)"))
        }
        switch found {
        case .missing:
            return .failure(.missing(at: location, "required file is missing"))
        case .folder:
            return .failure(.error(at: location, "is a folder; expected a file"))
        case .tooLarge(let size):
            return .failure(tooLarge(size, location, maxBytes))
        case .bytes(let bytes, let reported):
            // More bytes than the size said: a file in /proc, or one that grew meanwhile.
            if bytes.count > maxBytes {
                return .failure(
                    .error(
                        at: location,
                        "the file is too large (more than \(maxBytes) bytes, though its size was reported as \(reported); the limit is "
                            + "\(maxBytes) bytes) and is refused"
                    ))
            }
            return .success(bytes)
        }
    }

    private static func tooLarge(_ size: Int, _ location: SourceLocation, _ maxBytes: Int) -> Diagnostic {
        .error(at: location, "the file is too large (\(size) bytes; the limit is \(maxBytes) bytes) and is refused")
    }
}
