import Glibc

/// What a file is, from its mode.
public enum FileKind: Sendable, Equatable {
    case file, folder, link, fifo, device, socket, other

    init(mode: UInt32) {
        switch mode & UInt32(S_IFMT) {
        case UInt32(S_IFREG): self = .file
        case UInt32(S_IFDIR): self = .folder
        case UInt32(S_IFLNK): self = .link
        case UInt32(S_IFIFO): self = .fifo
        case UInt32(S_IFCHR), UInt32(S_IFBLK): self = .device
        case UInt32(S_IFSOCK): self = .socket
        default: self = .other
        }
    }

    /// What a file that is not regular is, in words ("a folder", "a named pipe (FIFO)"…).
    public var words: String {
        switch self {
        case .folder: "a folder"
        case .fifo: "a named pipe (FIFO)"
        case .device: "a device"
        case .socket: "a socket"
        case .link: "a symbolic link"
        case .file, .other: "not a file"
        }
    }
}

/// The parts of `stat` that panel-report looks at.
public struct FileInfo: Sendable, Equatable {
    public let kind: FileKind
    /// The mode bits, as `stat` gives them.
    public let mode: UInt32
    public let size: Int
    public let device: UInt64
    public let inode: UInt64
    public let linkCount: Int
    /// The modification time in nanoseconds since 1970.
    public let modifiedNanoseconds: Int

    init(_ info: stat) {
        mode = UInt32(info.st_mode)
        kind = FileKind(mode: mode)
        size = Int(info.st_size)
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        linkCount = Int(info.st_nlink)
        // Linux's name for it (st_mtim).
        modifiedNanoseconds = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
    }

    /// Whether this and `other` are the same file (device and inode).
    public func isSameFile(as other: FileInfo) -> Bool {
        device == other.device && inode == other.inode
    }
}
