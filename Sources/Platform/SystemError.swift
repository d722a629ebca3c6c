import Glibc

/// A system call that failed: which call, on which path, and the error number.
///
/// The one error type for the system: every wrapper in ``System`` throws it. Its
/// description is the system's own words (`strerror`), as messages print them:
/// "Invalid cross-device link", "Permission denied".
public struct SystemError: Error, CustomStringConvertible, Sendable {
    /// The call that failed (`rename`, `openat`…).
    public let call: String
    /// The `errno` it set.
    public let code: Int32
    /// The path it was given, if any.
    public let path: String?

    public init(call: String, code: Int32, path: String? = nil) {
        self.call = call
        self.code = code
        self.path = path
    }

    public var description: String { Self.text(code) }

    /// Nothing at the path (`ENOENT`), or a part of it is not a folder (`ENOTDIR`).
    public var isMissing: Bool { code == ENOENT || code == ENOTDIR }
    /// Something is already there (`EEXIST`).
    public var alreadyExists: Bool { code == EEXIST }
    /// A symbolic link where `noFollow` refused one (`ELOOP`).
    public var isSymbolicLink: Bool { code == ELOOP }

    /// The system's own words for an error number (`strerror`).
    public static func text(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message)
    }
}
