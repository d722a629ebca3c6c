import BuildInputs
import CaseLoading
import CaseModel
import CaseValidation
import Crypto
import Foundation
import Platform
import ReportRendering
import Synchronization

/// The loader's view of the disk (``DiskFileSystem``, with all its checks), keeping
/// the bytes of every file it reads, by the path the loader names it with.
struct RecordingFileSystem: InputFileSystem {
    /// Written from the loader's worker threads: behind a lock.
    private final class Store: Sendable {
        private let files = Mutex<[String: [UInt8]]>([:])
        func record(_ path: String, _ bytes: [UInt8]) {
            files.withLock { $0[path] = bytes }
        }
        var all: [String: [UInt8]] { files.withLock { $0 } }
    }

    private let disk: DiskFileSystem
    private let store = Store()

    init(_ disk: DiskFileSystem) {
        self.disk = disk
    }

    /// What was read so far, by path.
    var read: [String: [UInt8]] { store.all }

    func entries(inDirectory path: String) throws -> [String]? { try disk.entries(inDirectory: path) }
    func entries(inDirectory path: String, atMost: Int) throws -> [String]? { try disk.entries(inDirectory: path, atMost: atMost) }
    func fileSize(atPath path: String) throws -> Int? { try disk.fileSize(atPath: path) }
    func isDirectory(atPath path: String) -> Bool { disk.isDirectory(atPath: path) }

    func read(atPath path: String, maxBytes: Int) throws -> InputFileRead {
        let found = try disk.read(atPath: path, maxBytes: maxBytes)
        if case .bytes(let bytes, _) = found { store.record(path, bytes) }
        return found
    }

    func contents(atPath path: String) throws -> [UInt8] {
        let bytes = try disk.contents(atPath: path)
        store.record(path, bytes)
        return bytes
    }

    func contents(atPath path: String, maxBytes: Int) throws -> [UInt8] {
        let bytes = try disk.contents(atPath: path, maxBytes: maxBytes)
        store.record(path, bytes)
        return bytes
    }
}
