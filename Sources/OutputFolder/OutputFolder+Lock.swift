import BuildInputs
import Foundation
import Platform

extension OutputWriter.Folder {
    /// Takes the folder's lock, creating the lock file if needed (never
    /// following a link). `created`: this build made the lock file. `name`: the
    /// lock file (a site's publishing lock is ``Site``'s).
    func lock(_ name: String = OutputWriter.lock) throws -> (fd: Int32, created: Bool) {
        let lockPath = path(name)
        while true {
            var created = true
            var fd: Int32
            do throws(SystemError) {
                do throws(SystemError) {
                    fd = try System.open(lockPath, [.create, .exclusive, .readWrite, .noFollow])
                } catch  where error.alreadyExists {
                    created = false
                    fd = try System.open(lockPath, [.readWrite, .noFollow])
                }
            } catch  where error.code == ENOENT && !created {
                continue
            } catch {
                if error.isSymbolicLink { try refuseLinks() }
                throw Failure(.cannotCreateOutput, file: lockPath, "\(shown): cannot write there (\(Printable.text(lockPath)): \(error))")
            }
            do throws(SystemError) {
                try System.lockExclusively(fd)
            } catch {
                System.close(fd)
                throw Failure(.cannotCreateOutput, file: lockPath, "\(shown): cannot lock \(Printable.text(lockPath)) (\(error))")
            }
            // A refused build may have removed the file while we waited: lock the one there now.
            if let held = try? System.info(fd), let there = try? System.linkInfo(lockPath), held.isSameFile(as: there) {
                return (fd, created)
            }
            System.close(fd)
        }
    }
}
