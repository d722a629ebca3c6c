import CaseLoading
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads one whole file from disk within a size limit, for the inputs, the
/// templates and the baseline alike.
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
enum FileReading {
    /// Largest template, style sheet, figure description or baseline: the inputs' limit.
    static var maxFileBytes: Int { LoadingLimits.standard.maxFileBytes }
    /// Largest input of any kind the loader reads: a spreadsheet may be larger than a YAML file.
    static var maxInputBytes: Int { max(LoadingLimits.standard.maxFileBytes, LoadingLimits.standard.maxSpreadsheetBytes) }

    enum Problem: Error, CustomStringConvertible {
        case missing
        /// What it is instead of a regular file ("a folder", "a named pipe (FIFO)"…).
        case notRegular(String)
        /// A symbolic link where none may be followed.
        case symbolicLink
        case outOfMemory(bytes: Int)
        case system(Int32)

        var description: String {
            switch self {
            case .missing: "no such file"
            case .notRegular(let what): "not a regular file but \(what)"
            case .symbolicLink: "is a symbolic link, which is not followed here"
            case .outOfMemory(let bytes): "there is not enough memory to read it (\(bytes) bytes were needed); free some memory or raise the limit (ulimit -v) and try again"
            case .system(let code): SystemError.text(code)
            }
        }
    }

    /// Up to `atMost` bytes of the regular file at `path` (pass the limit + 1 to
    /// learn that a file is over the limit without reading more of it).
    /// `followLinks: false` refuses a symbolic link as the last part of the path.
    static func read(_ path: String, atMost: Int, followLinks: Bool = true) throws -> [UInt8] {
        var info = stat()
        guard (followLinks ? stat(path, &info) : lstat(path, &info)) == 0 else {
            let code = errno
            throw code == ENOENT || code == ENOTDIR ? Problem.missing : Problem.system(code)
        }
        if !followLinks && info.st_mode & S_IFMT == S_IFLNK { throw Problem.symbolicLink }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Problem.notRegular(kind(info.st_mode)) }
        return try readRegular(path, atMost: atMost, followLinks: followLinks).bytes
    }

    /// An input file, with no link followed as the last part of `path`: nothing, a
    /// folder, a regular file whose reported size is over `maxBytes` (not opened),
    /// or at most `maxBytes + 1` of its bytes. One `lstat`, `open`, `fstat` and the
    /// reads: the loader's one look at each case file.
    static func readInput(_ path: String, maxBytes: Int) throws -> InputFileRead {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return .missing }
            throw Problem.system(code)
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFLNK: throw Problem.symbolicLink
        case S_IFREG: break
        default: throw Problem.notRegular(kind(info.st_mode))
        }
        if Int(info.st_size) > maxBytes { return .tooLarge(reportedSize: Int(info.st_size)) }
        let read = try readRegular(path, atMost: maxBytes == Int.max ? maxBytes : maxBytes + 1, followLinks: false)
        return .bytes(read.bytes, reportedSize: read.reportedSize)
    }

    /// Opens what `stat` said is a regular file, checks it again on the open file
    /// (in case it was swapped) and reads at most `atMost` bytes of it.
    private static func readRegular(_ path: String, atMost: Int, followLinks: Bool) throws -> (bytes: [UInt8], reportedSize: Int) {
        var info = stat()
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else {
            let code = errno
            throw code == ELOOP ? Problem.symbolicLink : code == ENOENT ? Problem.missing : Problem.system(code)
        }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else { throw Problem.system(errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Problem.notRegular(kind(info.st_mode)) }

        // Start with the size stat reports (plus one byte, to see the end), at
        // least 64 KiB for files that report 0, and grow by doubling. Sizes are
        // whole 64 KiB blocks (some files in /proc only read in multiples of 8),
        // so up to a block past `atMost` may be read; only `atMost` bytes are kept.
        let block = 64 * 1024
        func blocks(_ n: Int) -> Int { n > Int.max - block ? n : (n + block - 1) / block * block }
        let ceiling = blocks(atMost)
        let reported = max(Int(info.st_size), 0)
        var capacity = max(block, min(ceiling, blocks(reported < Int.max ? reported + 1 : reported)))
        guard var buffer = malloc(capacity) else { throw Problem.outOfMemory(bytes: capacity) }
        defer { free(buffer) }
        var count = 0
        while count < atMost {
            if count == capacity {
                let grown = capacity > ceiling / 2 ? ceiling : capacity * 2
                guard let larger = realloc(buffer, grown) else { throw Problem.outOfMemory(bytes: grown) }
                buffer = larger
                capacity = grown
            }
            let n = Glibc.read(fd, buffer + count, capacity - count)
            if n < 0 {
                if errno == EINTR { continue }
                throw Problem.system(errno)
            }
            if n == 0 { break }
            count += n
        }
        count = min(count, atMost)
        // Holding the bytes as an array takes one more allocation of this size;
        // make sure it can be had rather than let Swift stop the program.
        guard let probe = malloc(max(count, 1)) else { throw Problem.outOfMemory(bytes: count) }
        free(probe)
        return ([UInt8](UnsafeRawBufferPointer(start: buffer, count: count)), reported)
    }

    /// What a file that is not regular is, in words.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "not a file"
        }
    }

    /// A whole template, style sheet, figure description or baseline, within
    /// ``maxFileBytes``, or a ``Failure`` that names the file: 66 when it does not
    /// exist, 65 when it is not a regular file, too large or unreadable.
    /// `role` follows the path in messages (" (--baseline)").
    static func wholeFile(_ path: String, role: String = "") throws -> [UInt8] {
        let shown = Printable.text(path)
        let bytes: [UInt8]
        do {
            bytes = try read(path, atMost: maxFileBytes + 1)
        } catch Problem.missing {
            throw Failure(.missingInput, "\(shown)\(role): no such file")
        } catch let problem as Problem {
            if case .notRegular = problem {
                throw Failure(.badData, "\(shown)\(role): \(problem); expected a text file")
            }
            throw Failure(.badData, "\(shown)\(role): could not be read: \(problem)")
        }
        guard bytes.count <= maxFileBytes else {
            throw Failure(.badData, "\(shown)\(role): the file is too large (more than \(maxFileBytes) bytes, the limit for a template or baseline) and is refused")
        }
        return bytes
    }
}

/// The system's own words for an error number (`strerror`): "Invalid cross-device
/// link", "Permission denied".
enum SystemError {
    static func text(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message)
    }
}

/// Text from outside (paths, names) made safe to print on one terminal line:
/// control, bidi and zero-width characters are written as `U+XXXX`.
enum Printable {
    static func text(_ raw: String) -> String {
        var out = ""
        for scalar in raw.unicodeScalars {
            if isHidden(scalar) {
                out += "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0xFFFE, 0xFFFF: true
        default: false
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
