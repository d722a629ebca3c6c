import BuildInputs
import Foundation
import Platform

extension OutputWriter.Folder {
    /// A new file (never through a link), written whole and synced.
    func writeFile(_ target: String, _ data: Data) throws(SystemError) {
        let fd = try createFile(target, data)
        defer { System.close(fd) }
        try System.fsync(fd)
    }

    /// A new file (never through a link), written whole but not yet synced; the caller closes it.
    func createFile(_ target: String, _ data: Data) throws(SystemError) -> Int32 {
        let fd = try System.open(target, [.writeOnly, .create, .exclusive, .noFollow])
        let failure = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> SystemError? in
            do throws(SystemError) { try System.writeAll(fd, bytes) } catch { return error }
            return nil
        }
        if let failure {
            System.close(fd)
            throw failure
        }
        return fd
    }
}
