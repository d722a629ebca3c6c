import Foundation
import Glibc
import Platform

/// The address the preview listens on, parsed from `--host` and `--port`.
public struct PreviewAddress: Sendable {
    public let host: String
    public let isIPv6: Bool

    public init(host: String) throws {
        self.host = host
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            isIPv6 = false
        } else if inet_pton(AF_INET6, host, &v6) == 1 {
            isIPv6 = true
        } else {
            throw Failure(
                .usage,
                "--host \(Printable.text(host)): not an IP address; give one such as 127.0.0.1 (the default), ::1 or 0.0.0.0 (names are "
                    + "not looked up)")
        }
    }

    /// Whether only this computer can connect (127.0.0.0/8 or ::1).
    public var isLoopback: Bool {
        isIPv6 ? host == "::1" || host == "0:0:0:0:0:0:0:1" : host.hasPrefix("127.")
    }

    public func url(port: UInt16) -> String {
        isIPv6 ? "http://[\(host)]:\(port)/" : "http://\(host):\(port)/"
    }
}
