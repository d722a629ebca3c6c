import CaseLoading
import Foundation

/// The loader's view of the real disk (the only place loading touches it).
struct DiskFileSystem: InputFileSystem {
    private let files = FileManager.default

    func entries(inDirectory path: String) throws -> [String]? {
        guard isDirectory(atPath: path) else { return nil }
        return try files.contentsOfDirectory(atPath: path).sorted()
    }

    func fileSize(atPath path: String) throws -> Int? {
        var isDir: ObjCBool = false
        guard files.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { return nil }
        return (try files.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }

    func isDirectory(atPath path: String) -> Bool {
        var isDir: ObjCBool = false
        return files.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    func contents(atPath path: String) throws -> [UInt8] {
        guard let data = files.contents(atPath: path) else { throw Unreadable() }
        return [UInt8](data)
    }

    /// Shown after "could not be read: " in the loader's diagnostic.
    struct Unreadable: Error, CustomStringConvertible {
        var description: String { "permission denied or not a regular file" }
    }
}
