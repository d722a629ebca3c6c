import Glibc

/// Every system call panel-report makes, one thin wrapper each, in the manner of
/// swift-nio's `NIOPosix/System.swift`: a call interrupted by a signal (`EINTR`)
/// is made again, and a failure is thrown as a ``SystemError`` naming the call, its
/// path and `errno`. Nothing else in the package calls the C library's file
/// functions. Linux only: the Linux-only calls (inotify, `fdatasync`, `st_mtim`)
/// are here too.
public enum System {
    /// How a file is opened; every descriptor is also close-on-exec.
    public struct OpenOptions: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let readOnly = OpenOptions([])
        public static let writeOnly = OpenOptions(rawValue: O_WRONLY)
        public static let readWrite = OpenOptions(rawValue: O_RDWR)
        public static let create = OpenOptions(rawValue: O_CREAT)
        /// With `create`: fail if something is there already.
        public static let exclusive = OpenOptions(rawValue: O_EXCL)
        /// Refuse a symbolic link as the last part of the path (`ELOOP`).
        public static let noFollow = OpenOptions(rawValue: O_NOFOLLOW)
        /// Never block on opening (a named pipe with no writer).
        public static let nonBlocking = OpenOptions(rawValue: O_NONBLOCK)
        public static let directory = OpenOptions(rawValue: O_DIRECTORY)
    }

    /// Runs `body` until it is not interrupted; -1 becomes a ``SystemError``.
    @inline(__always)
    static func retrying<T: BinaryInteger>(_ call: String, _ path: String?, _ body: () -> T) throws(SystemError) -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = errno
            if code == EINTR { continue }
            throw SystemError(call: call, code: code, path: path)
        }
    }

    // MARK: - Files

    public static func open(_ path: String, _ options: OpenOptions, permissions: mode_t = 0o644) throws(SystemError) -> Int32 {
        try retrying("open", path) { Glibc.open(path, options.rawValue | O_CLOEXEC, permissions) }
    }

    /// Closes a descriptor; never retried (on Linux the descriptor is gone even if interrupted).
    public static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    /// Reads up to `count` bytes; 0 at the end of the file.
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int) throws(SystemError) -> Int {
        try retrying("read", nil) { Glibc.read(fd, buffer, count) }
    }

    /// Writes all of `bytes`.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        var done = 0
        while done < bytes.count {
            done += try retrying("write", nil) { Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done) }
        }
    }

    /// `stat`: follows symbolic links.
    public static func info(_ path: String) throws(SystemError) -> FileInfo {
        var info = stat()
        _ = try retrying("stat", path) { stat(path, &info) }
        return FileInfo(info)
    }

    /// `lstat`: a symbolic link is described, not followed.
    public static func linkInfo(_ path: String) throws(SystemError) -> FileInfo {
        var info = stat()
        _ = try retrying("lstat", path) { lstat(path, &info) }
        return FileInfo(info)
    }

    /// `fstat` of an open file.
    public static func info(_ fd: Int32) throws(SystemError) -> FileInfo {
        var info = stat()
        _ = try retrying("fstat", nil) { fstat(fd, &info) }
        return FileInfo(info)
    }

    public static func makeFolder(_ path: String, permissions: mode_t = 0o755) throws(SystemError) {
        _ = try retrying("mkdir", path) { mkdir(path, permissions) }
    }

    public static func rename(_ from: String, _ to: String) throws(SystemError) {
        _ = try retrying("rename", from) { Glibc.rename(from, to) }
    }

    /// Swaps two names in one step (`renameat2` with `RENAME_EXCHANGE`): each then
    /// names what the other did, and nobody ever sees either name missing. Looked up
    /// at run time, as Swift's Glibc does not declare it; `ENOSYS` if the C library
    /// lacks it, `EINVAL` where the file system cannot.
    public static func exchange(_ first: String, _ second: String) throws(SystemError) {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else {
            throw SystemError(call: "renameat2", code: ENOSYS, path: first)
        }
        let renameAt2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let exchange: UInt32 = 2  // RENAME_EXCHANGE, from <linux/fs.h>
        _ = try retrying("renameat2", first) { renameAt2(AT_FDCWD, first, AT_FDCWD, second, exchange) }
    }

    /// A symbolic link at `path` holding `target`, as written (never resolved).
    public static func symbolicLink(_ target: String, at path: String) throws(SystemError) {
        _ = try retrying("symlink", path) { symlink(target, path) }
    }

    /// A second name (a hard link) for a file.
    public static func link(_ existing: String, _ new: String) throws(SystemError) {
        _ = try retrying("link", existing) { Glibc.link(existing, new) }
    }

    public static func unlink(_ path: String) throws(SystemError) {
        _ = try retrying("unlink", path) { Glibc.unlink(path) }
    }

    /// Removes an empty folder.
    public static func removeFolder(_ path: String) throws(SystemError) {
        _ = try retrying("rmdir", path) { rmdir(path) }
    }

    /// Waits until the file's data and metadata are on disk.
    public static func fsync(_ fd: Int32) throws(SystemError) {
        _ = try retrying("fsync", nil) { Glibc.fsync(fd) }
    }

    /// Waits until the file's data, and what is needed to read it (its size), are on disk.
    public static func fdatasync(_ fd: Int32) throws(SystemError) {
        _ = try retrying("fdatasync", nil) { Glibc.fdatasync(fd) }
    }

    /// Syncs a folder (the names in it), ignoring failure: some file systems cannot.
    public static func syncFolder(_ path: String) {
        guard let fd = try? open(path, [.readOnly, .directory]) else { return }
        try? fsync(fd)
        close(fd)
    }

    /// Takes an exclusive `flock` on an open file, waiting for it.
    public static func lockExclusively(_ fd: Int32) throws(SystemError) {
        _ = try retrying("flock", nil) { flock(fd, LOCK_EX) }
    }

    /// The path with every link, `.` and `..` resolved, or `nil` if it does not lead anywhere.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Where a symbolic link points, as written in it.
    public static func readLink(_ path: String) throws(SystemError) -> String {
        var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = try retrying("readlink", path) { readlink(path, &target, target.count - 1) }
        return String(decoding: target.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether anything (a file, a folder, a link, even a broken one) is at `path`.
    public static func exists(_ path: String) -> Bool {
        (try? linkInfo(path)) != nil
    }

    // MARK: - Processes and terminals

    public static func isTerminal(_ fd: Int32) -> Bool {
        isatty(fd) == 1
    }

    /// Replaces this process with `program`; returns only the reason it could not.
    public static func exec(_ program: String, arguments: [String]) -> SystemError {
        let pointers = arguments.map { strdup($0) } + [nil]
        execv(program, pointers)
        let code = errno
        for pointer in pointers { free(pointer) }
        return SystemError(call: "execv", code: code, path: program)
    }

    /// Whether `fd` has something to read within `milliseconds`.
    public static func waitForInput(_ fd: Int32, milliseconds: Int32) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return (try? retrying("poll", nil) { poll(&poller, 1, milliseconds) }).map { $0 > 0 } ?? false
    }

    // MARK: - inotify (Linux)

    /// A new inotify instance, non-blocking.
    public static func inotifyStart() throws(SystemError) -> Int32 {
        try retrying("inotify_init1", nil) { inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK)) }
    }

    /// Watches the folder at `path` for every change to its entries; the watch descriptor.
    public static func inotifyWatchFolder(_ fd: Int32, _ path: String) throws(SystemError) -> Int32 {
        let mask =
            UInt32(IN_CLOSE_WRITE) | UInt32(IN_MODIFY) | UInt32(IN_CREATE) | UInt32(IN_DELETE)
            | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO) | UInt32(IN_ATTRIB) | UInt32(IN_DELETE_SELF)
            | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR)
        return try retrying("inotify_add_watch", path) { inotify_add_watch(fd, path, mask) }
    }

    /// Reads every pending event; nil if there were none. Each event's watch
    /// descriptor, and whether its watch ended (the folder went away).
    public static func inotifyEvents(_ fd: Int32) -> [(watch: Int32, ended: Bool)]? {
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        var events: [(watch: Int32, ended: Bool)]?
        while let count = try? read(fd, into: buffer, count: size), count > 0 {
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                events = (events ?? []) + [(event.wd, event.mask & UInt32(IN_IGNORED) != 0)]
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
            }
        }
        return events
    }

    /// The limit of inotify watches is reached (`ENOSPC` from `inotify_add_watch`).
    public static func isWatchLimit(_ error: SystemError) -> Bool { error.code == ENOSPC }
}
