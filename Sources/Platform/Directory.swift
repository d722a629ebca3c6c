import Glibc

/// The one way panel-report lists a folder: `readdir`, stopped after `atMost`
/// names, so that a folder of a billion files is refused after reading as many
/// names as a limit allows.
public enum Directory {
    /// One name in a folder, with its kind when the file system says it without a
    /// `stat` (`d_type`; `nil` when it does not).
    public struct Entry: Sendable {
        public let name: String
        public let kind: FileKind?
        /// Whether the name is valid UTF-8 (otherwise `name` has it repaired).
        public let isValidUTF8: Bool
    }

    /// At most `atMost` entries of the folder, `.` and `..` left out, in the
    /// order the file system gives them.
    public static func entries(_ path: String, atMost: Int = .max) throws(SystemError) -> [Entry] {
        guard let folder = opendir(path) else { throw SystemError(call: "opendir", code: errno, path: path) }
        defer { closedir(folder) }
        var found: [Entry] = []
        while found.count < atMost {
            // readdir says "no more" and "could not read" alike, with nil: errno tells
            // them apart, and a folder listed only in part must not pass for a whole one.
            errno = 0
            guard let entry = readdir(folder) else {
                if errno != 0 { throw SystemError(call: "readdir", code: errno, path: path) }
                break
            }
            let (name, valid) = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let c = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                let checked = String(validatingCString: c)
                return (checked ?? String(cString: c), checked != nil)
            }
            if name == "." || name == ".." { continue }
            let kind: FileKind? =
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_REG): .file
                case Int32(DT_DIR): .folder
                case Int32(DT_LNK): .link
                case Int32(DT_FIFO): .fifo
                case Int32(DT_CHR), Int32(DT_BLK): .device
                case Int32(DT_SOCK): .socket
                default: nil
                }
            found.append(Entry(name: name, kind: kind, isValidUTF8: valid))
        }
        return found
    }

    /// The names in the folder (at most `atMost`), in the order the file system gives them.
    public static func names(_ path: String, atMost: Int = .max) throws(SystemError) -> [String] {
        try entries(path, atMost: atMost).map(\.name)
    }

    /// The folder and every folder under it (symbolic links are not followed), or
    /// nothing if `root` is not a folder.
    public static func folders(under root: String) -> [String] {
        guard (try? System.info(root))?.kind == .folder else { return [] }
        var found = [root]
        var index = 0
        while index < found.count {
            let folder = found[index]
            index += 1
            for entry in (try? entries(folder)) ?? [] {
                let path = folder + "/" + entry.name
                let kind = entry.kind ?? (try? System.linkInfo(path))?.kind
                if kind == .folder { found.append(path) }
            }
        }
        return found
    }
}
