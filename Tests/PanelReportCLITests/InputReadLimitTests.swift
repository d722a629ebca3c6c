import CaseLoading
import Foundation
import Testing

@testable import BuildInputs
@testable import OutputFolder
@testable import PanelReportCLI
@testable import Platform
@testable import Preview

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 9, point 4 (second half): a file whose reported size is 0 but which yields
/// bytes (anything in /proc) is capped by the bytes actually read. No inputs folder
/// on an ordinary disk can hold such a file without a mount, so this calls the CLI's
/// own file system on /proc, in a child process that a runaway read cannot harm:
/// its address space is capped at 2 GB and it is killed after 60 seconds.
@Suite struct InputReadLimitTests {
    @Test func aFileReportingZeroBytesIsCappedByTheBytesRead() async {
        await #expect(processExitsWith: .exitCode(0)) {
            var cap = rlimit(rlim_cur: 2 << 30, rlim_max: 2 << 30)
            setrlimit(Int32(RLIMIT_AS.rawValue), &cap)
            alarm(60)
            // /proc/self/pagemap reports 0 bytes and yields 8 for every page of the address space.
            let fs = DiskFileSystem(inputs: "/proc/self")
            guard (try? fs.fileSize(atPath: "/proc/self/pagemap")) == 0 else { exit(1) }
            let limits = LoadingLimits(maxFileBytes: 100_000)
            guard case .failure(let problem) = SourceFileReader.readText(atPath: "/proc/self/pagemap", fileSystem: fs, limits: limits)
            else {
                exit(2)
            }
            guard problem.description.contains("the file is too large (more than 100000 bytes, though its size was reported as 0") else {
                exit(3)
            }
            // …and what is read stops one byte past the limit.
            guard try fs.contents(atPath: "/proc/self/pagemap", maxBytes: 100_000).count == 100_001 else { exit(4) }
            // A small file in /proc that reports 0 bytes is read whole.
            guard let status = try? fs.contents(atPath: "/proc/self/status", maxBytes: 100_000),
                String(decoding: status, as: UTF8.self).hasPrefix("Name:")
            else { exit(5) }
            exit(0)
        }
    }
}
