import BuildInputs
import CaseLoading
import CaseModel
import CaseValidation
import Foundation
import Platform
import ReportRendering
import Synchronization

/// The disk as the loader sees it, counting the files read for the progress line.
struct CountingFileSystem: InputFileSystem {
    let disk: DiskFileSystem
    /// How many files the loader is expected to read (review, areas, vocabulary and the cases).
    let expected: Int
    let clock: RunClock
    private let counter = Counter()

    init(disk: DiskFileSystem, expected: Int, clock: RunClock) {
        self.disk = disk
        self.expected = expected
        self.clock = clock
    }

    /// Counted from the loader's worker threads: behind a lock.
    final class Counter: Sendable {
        private let value = Mutex(0)
        func next() -> Int {
            value.withLock { value in
                value += 1
                return value
            }
        }
    }

    func entries(inDirectory path: String) throws -> [String]? { try disk.entries(inDirectory: path) }
    func entries(inDirectory path: String, atMost: Int) throws -> [String]? { try disk.entries(inDirectory: path, atMost: atMost) }
    func read(atPath path: String, maxBytes: Int) throws -> InputFileRead {
        try counted { try disk.read(atPath: path, maxBytes: maxBytes) }
    }
    func fileSize(atPath path: String) throws -> Int? { try disk.fileSize(atPath: path) }
    func isDirectory(atPath path: String) -> Bool { disk.isDirectory(atPath: path) }
    func contents(atPath path: String) throws -> [UInt8] { try counted { try disk.contents(atPath: path) } }
    func contents(atPath path: String, maxBytes: Int) throws -> [UInt8] {
        try counted { try disk.contents(atPath: path, maxBytes: maxBytes) }
    }

    private func counted<T>(_ read: () throws -> T) rethrows -> T {
        defer {
            let count = counter.next()
            clock.detail("\(count) of \(max(expected, count)) files read")
        }
        return try read()
    }
}
