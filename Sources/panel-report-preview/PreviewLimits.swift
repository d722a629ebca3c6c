import NIOCore

/// What the preview server accepts from one connection, in one place. A request
/// past a limit is answered at once and the connection closed, before the bytes
/// reach the HTTP parser (``RequestHeadGuard``): the work a connection can cause is
/// bounded by these numbers, whatever a client (or a web page in the reviewer's
/// browser, which can send requests to 127.0.0.1) sends.
struct PreviewLimits: Sendable {
    /// The request line ("GET /figures/figure-1.svg HTTP/1.1"), in bytes: past it, 414
    /// URI Too Long. The preview's longest address is a figure's or data file's path,
    /// under 100 bytes; 8 KiB is what most servers allow (nginx's 8k header buffers,
    /// Apache's LimitRequestLine 8190), so no browser or tool expects more.
    var requestLineBytes = 8 * 1024

    /// The header block after the request line, its blank line included, in bytes:
    /// past it, 431 Request Header Fields Too Large. A browser sends under 2 KiB; cookies
    /// that other programs on this computer set for 127.0.0.1 or localhost are sent
    /// too, so there is room for them (Apache allows 8190 bytes a line, nginx 4 × 8k).
    var headerBlockBytes = 16 * 1024

    /// The number of header lines: past it, 431. A browser sends about 15; 100 is
    /// Apache's LimitRequestFields.
    var headerCount = 100

    /// A connection with nothing read or written for this long is closed. Browsers
    /// keep an idle connection open for 60 s or more, and the page's reload script asks
    /// every 250 ms, so an open page never waits this long; without it, idle
    /// connections were held for ever (19,500 of them held 267 MB).
    var idleTimeout = TimeAmount.seconds(30)

    /// A request head (its request line and headers) must arrive whole within this
    /// time of its first byte: past it, 408 Request Timeout. Without it a client
    /// sending a byte every few seconds stays within the other limits and the idle
    /// timeout for days, and 256 such would keep the reviewer out. A browser sends a
    /// head in one piece; 20 s is Apache's (mod_reqtimeout's) first allowance.
    var headTimeout = TimeAmount.seconds(20)

    /// Connections open at once: beyond it a new one is closed as soon as it is
    /// accepted. A browser opens at most 6 to one server, a few tabs a few dozen; each
    /// connection costs a file descriptor (the default soft limit is 1,024) and a little
    /// memory, so this bounds both.
    var openConnections = 256

    /// After answering 408, 414 or 431, how long the connection is kept to read and throw
    /// away what the client is still sending, so that closing with unread bytes (which
    /// sends a TCP reset) does not destroy the answer before the client reads it.
    var lingerAfterRefusal = TimeAmount.seconds(2)

    static let standard = PreviewLimits()
}
