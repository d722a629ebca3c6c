import Foundation
import Synchronization

/// The error a task ended with, set from that task and read from another thread
/// (here, and in `panel-report-preview`'s server).
public final class ErrorBox: Sendable {
    private let stored = Mutex<(any Error)?>(nil)
    public init() {}
    public func set(_ error: any Error) { stored.withLock { $0 = error } }
    public var error: (any Error)? { stored.withLock { $0 } }
}

/// Runs async work from the synchronous command and waits for it.
public enum Blocking {

    /// The error the work ended with, or nil.
    public static func run(_ work: @escaping @Sendable () async throws -> Void) -> Error? {
        let done = DispatchSemaphore(value: 0)
        let box = ErrorBox()
        Task.detached {
            do { try await work() } catch { box.set(error) }
            done.signal()
        }
        done.wait()
        return box.error
    }
}
