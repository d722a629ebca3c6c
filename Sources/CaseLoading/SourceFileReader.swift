/// Reads one input file, within the size limit, through an ``InputFileSystem``.
public enum SourceFileReader {
    /// The file's text, or the reason it cannot be read: missing, a folder, too large,
    /// unreadable or not UTF-8. A file whose reported size is over the limit is
    /// refused before any byte is read; any other is read only up to one byte past
    /// the limit, so a file that reports less than it holds (a file in `/proc`
    /// reports 0 bytes) is still refused, having read no more than that.
    public static func readText(atPath path: String, fileSystem: some InputFileSystem,
                                limits: LoadingLimits = .standard) -> Result<String, Diagnostic> {
        readBytes(atPath: path, fileSystem: fileSystem, limits: limits).flatMap { UTF8Text.decode($0, file: path) }
    }

    /// The file's bytes, or the reason they cannot be read: missing, a folder, too
    /// large or unreadable. The size is checked before any byte is read.
    public static func readBytes(atPath path: String, fileSystem: some InputFileSystem,
                                 limits: LoadingLimits = .standard) -> Result<[UInt8], Diagnostic> {
        let location = SourceLocation(file: path)
        if fileSystem.isDirectory(atPath: path) {
            return .failure(.error(at: location, "is a folder; expected a file"))
        }
        let bytes: [UInt8]
        let reported: Int
        do {
            guard let size = try fileSystem.fileSize(atPath: path) else {
                return .failure(.missing(at: location, "required file is missing"))
            }
            if size > limits.maxFileBytes { return .failure(tooLarge(size, location, limits)) }
            reported = size
            bytes = try fileSystem.contents(atPath: path, maxBytes: limits.maxFileBytes)
        } catch {
            return .failure(.error(at: location, "could not be read: \(error)"))
        }
        // More bytes than the size said: a file in /proc, or one that grew meanwhile.
        if bytes.count > limits.maxFileBytes {
            return .failure(.error(at: location, "the file is too large (more than \(limits.maxFileBytes) bytes, though its size was reported as \(reported); the limit is \(limits.maxFileBytes) bytes) and is refused"))
        }
        return .success(bytes)
    }

    private static func tooLarge(_ size: Int, _ location: SourceLocation, _ limits: LoadingLimits) -> Diagnostic {
        .error(at: location, "the file is too large (\(size) bytes; the limit is \(limits.maxFileBytes) bytes) and is refused")
    }
}
