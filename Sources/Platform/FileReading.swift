import Glibc

/// Reads one whole file from disk within a size limit, for the inputs, the
/// templates, the baseline and panel-report's own records alike.
///
/// - Only a regular file is opened: a folder, a named pipe (FIFO), a device such as
///   `/dev/zero` or a socket is refused after `stat`, before any `open` (opening a
///   FIFO for reading would block until someone writes to it). The file is then
///   opened non-blocking and checked again with `fstat`, in case it was swapped.
/// - The limit is checked by the bytes actually read, never by the size `stat`
///   reports: a file in `/proc` says 0 bytes and yields thousands (or, like
///   `/proc/self/pagemap`, gigabytes). At most `atMost` bytes are read.
/// - The buffer is ours (`malloc`/`realloc`), so running out of memory is a
///   message, not a crash: Swift would stop the program on a failed allocation.
public enum FileReading {
    /// Why a file was not read. Not a second system error: a refusal of what
    /// the file is, with ``SystemError`` inside when the system said no.
    public enum Problem: Error, CustomStringConvertible {
        case missing
        /// What it is instead of a regular file ("a folder", "a named pipe (FIFO)"…).
        case notRegular(String)
        /// A symbolic link where none may be followed.
        case symbolicLink
        case outOfMemory(bytes: Int)
        case system(SystemError)

        public var description: String {
            switch self {
            case .missing: "no such file"
            case .notRegular(let what): "not a regular file but \(what)"
            case .symbolicLink: "is a symbolic link, which is not followed here"
            case .outOfMemory(let bytes):
                "there is not enough memory to read it (\(bytes) bytes were needed); free some memory or raise the limit (ulimit "
                    + "-v) and try again"
            case .system(let error): error.description
            }
        }
    }

    /// Up to `atMost` bytes of the regular file at `path` (pass the limit + 1 to
    /// learn that a file is over the limit without reading more of it).
    /// `followLinks: false` refuses a symbolic link as the last part of the path.
    public static func read(_ path: String, atMost: Int, followLinks: Bool = true) throws(Problem) -> [UInt8] {
        let info: FileInfo
        do throws(SystemError) {
            info = try followLinks ? System.info(path) : System.linkInfo(path)
        } catch {
            throw error.isMissing ? .missing : .system(error)
        }
        if !followLinks && info.kind == .link { throw .symbolicLink }
        guard info.kind == .file else { throw .notRegular(info.kind.words) }
        return try readRegular(path, atMost: atMost, followLinks: followLinks).bytes
    }

    /// Opens what `stat` said is a regular file, checks it again on the open file
    /// (in case it was swapped) and reads at most `atMost` bytes of it; the size
    /// `fstat` reported beside them.
    public static func readRegular(_ path: String, atMost: Int, followLinks: Bool) throws(Problem) -> (bytes: [UInt8], reportedSize: Int) {
        let fd: Int32
        do throws(SystemError) {
            fd = try System.open(path, followLinks ? [.readOnly, .nonBlocking] : [.readOnly, .nonBlocking, .noFollow])
        } catch {
            throw error.isSymbolicLink ? .symbolicLink : error.code == ENOENT ? .missing : .system(error)
        }
        defer { System.close(fd) }
        let info: FileInfo
        do throws(SystemError) { info = try System.info(fd) } catch { throw .system(error) }
        guard info.kind == .file else { throw .notRegular(info.kind.words) }

        // Start with the size stat reports (plus one byte, to see the end), at
        // least 64 KiB for files that report 0, and grow by doubling. Sizes are
        // whole 64 KiB blocks (some files in /proc only read in multiples of 8),
        // so up to a block past `atMost` may be read; only `atMost` bytes are kept.
        let block = 64 * 1024
        func blocks(_ n: Int) -> Int { n > Int.max - block ? n : (n + block - 1) / block * block }
        let ceiling = blocks(atMost)
        let reported = max(info.size, 0)
        var capacity = max(block, min(ceiling, blocks(reported < Int.max ? reported + 1 : reported)))
        guard var buffer = malloc(capacity) else { throw .outOfMemory(bytes: capacity) }
        defer { free(buffer) }
        var count = 0
        while count < atMost {
            if count == capacity {
                let grown = capacity > ceiling / 2 ? ceiling : capacity * 2
                guard let larger = realloc(buffer, grown) else { throw .outOfMemory(bytes: grown) }
                buffer = larger
                capacity = grown
            }
            let n: Int
            do throws(SystemError) { n = try System.read(fd, into: buffer + count, count: capacity - count) } catch { throw .system(error) }
            if n == 0 { break }
            count += n
        }
        count = min(count, atMost)
        // Holding the bytes as an array takes one more allocation of this size;
        // make sure it can be had rather than let Swift stop the program.
        guard let probe = malloc(max(count, 1)) else { throw .outOfMemory(bytes: count) }
        free(probe)
        return ([UInt8](UnsafeRawBufferPointer(start: buffer, count: count)), reported)
    }
}
