import Foundation
import Glibc
import Platform

/// A request as the preview reads it: the method, the path and the Host header.
public struct PreviewRequest: Sendable {
    public let method: String
    public let path: String
    public let host: String?

    public init(method: String, path: String, host: String?) {
        self.method = method
        self.path = path
        self.host = host
    }
}

/// The preview's answer: a status, its headers in order, and the body.
public struct PreviewResponse: Sendable {
    public let status: Int
    public let reason: String
    public let headers: [(name: String, value: String)]
    public let body: Data
}

/// The web server under `panel-report preview`. It is built on swift-nio, linked only
/// into the `panel-report-preview` program, with its limits on what a request may
/// send (`PreviewLimits` there): networking code in `panel-report` itself would be
/// loaded by every command, so `panel-report preview` hands over to that program
/// (``PreviewCommand``), which sets ``PreviewCommand/transport``.
public protocol PreviewTransport: Sendable {
    /// Binding a socket to `host` (an IP address) and `port`, then letting it go:
    /// nil if it could be had, else the system's error number (`EADDRINUSE`).
    static func bindProblem(host: String, isIPv6: Bool, port: UInt16) -> Int32?

    /// Serves until stopped, calling `listening` with the port once it accepts connections.
    static func serve(
        host: String, isIPv6: Bool, port: UInt16,
        respond: @escaping @Sendable (PreviewRequest) -> PreviewResponse,
        listening: @escaping @Sendable (UInt16) -> Void) async throws
}
