import Foundation
import Glibc
import NIOCore
import NIOHTTP1
import NIOPosix
import PanelReportCLI
import Preview
import Synchronization

/// `panel-report preview`'s web server, on swift-nio: one event loop, the preview's
/// own handler (``PreviewRequest`` in, ``PreviewResponse`` out), and the limits of
/// ``PreviewLimits`` enforced in front of NIO's HTTP/1 parser (``RequestHeadGuard``),
/// whose work is linear in what it is given.
enum NIOTransport: PreviewTransport {
    static func bindProblem(host: String, isIPv6: Bool, port: UInt16) -> Int32? {
        let fd = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return errno }
        defer { close(fd) }
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        let bound: Int32
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else { return EINVAL }
            bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return EINVAL }
            bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        return bound == 0 ? nil : errno
    }

    static func serve(
        host: String, isIPv6: Bool, port: UInt16,
        respond: @escaping @Sendable (PreviewRequest) -> PreviewResponse,
        listening: @escaping @Sendable (UInt16) -> Void
    ) async throws {
        let limits = PreviewLimits.standard
        let connections = OpenConnections(limit: limits.openConnections)
        // One thread is plenty for one reviewer's browser, and keeps the server's share
        // of a 2-core machine small while the report is rebuilt.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: Int32(limits.openConnections))
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // One read at a time per connection, so RequestHeadGuard holds at most one read's bytes.
            .childChannelOption(.maxMessagesPerRead, value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let admitted = connections.admit(channel)
                    try configure(channel.pipeline.syncOperations, limits: limits, admitted: admitted, respond: respond)
                }
            }
        let server = try await bootstrap.bind(to: try SocketAddress(ipAddress: host, port: Int(port))).get()
        listening(UInt16(server.localAddress?.port ?? Int(port)))
        try await server.closeFuture.get()
    }

    /// A connection's handlers, in the order bytes pass them from the socket; the
    /// tests build the same pipeline on an `EmbeddedChannel`.
    static func configure(
        _ pipeline: ChannelPipeline.SynchronousOperations, limits: PreviewLimits, admitted: Bool = true,
        respond: @escaping @Sendable (PreviewRequest) -> PreviewResponse
    ) throws {
        guard admitted else {
            try pipeline.addHandler(TooManyConnections())
            return
        }
        try pipeline.addHandler(IdleStateHandler(allTimeout: limits.idleTimeout))
        try pipeline.addHandler(RequestHeadGuard(limits: limits))
        // The parser's own limits, the same as the guard's: never reached while the guard is in front.
        var parserLimits = NIOHTTPDecoderLimitConfiguration()
        parserLimits.maxHeaderFieldSize = limits.headerBlockBytes
        parserLimits.maxHeaderListSize = limits.headerBlockBytes
        parserLimits.maxHeaderFieldCount = limits.headerCount
        try pipeline.configureHTTPServerPipeline(
            withPipeliningAssistance: false, withErrorHandling: true,
            withEncoderConfiguration: .init(), withDecoderLimitConfiguration: parserLimits)
        try pipeline.addHandler(PreviewRequestHandler(respond: respond))
    }
}

/// Counts the open connections; those beyond the limit are turned away.
final class OpenConnections: Sendable {
    let limit: Int
    private let count = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts `channel` until it closes; whether it is within the limit.
    func admit(_ channel: Channel) -> Bool {
        let open = count.add(1, ordering: .relaxed).newValue
        channel.closeFuture.whenComplete { _ in self.count.subtract(1, ordering: .relaxed) }
        return open <= limit
    }
}

/// A connection beyond ``PreviewLimits/openConnections``: told so, then closed.
final class TooManyConnections: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static let response =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nCache-Control: no-store\r\n"
        + "Content-Length: 49\r\nConnection: close\r\n\r\nThis preview has too many connections just now.\n"

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { turnAway(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        turnAway(context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    private func turnAway(_ context: ChannelHandlerContext) {
        let channel = context.channel
        context.writeAndFlush(Self.wrapOutboundOut(channel.allocator.buffer(string: Self.response))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}

/// Hands each request to the preview's handler and writes its answer. A request
/// with a body (the preview takes none) is answered as the handler answers it (405
/// for a method other than GET or HEAD) without reading the body, and its connection
/// closed; otherwise the connection stays open as the client asks.
final class PreviewRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let respond: @Sendable (PreviewRequest) -> PreviewResponse

    init(respond: @escaping @Sendable (PreviewRequest) -> PreviewResponse) {
        self.respond = respond
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = Self.unwrapInboundIn(data) else { return }
        let hasBody =
            head.headers.contains(name: "transfer-encoding")
            || head.headers["content-length"].contains { $0.trimmingCharacters(in: .whitespaces) != "0" }
        let keepOpen = head.isKeepAlive && !hasBody
        let answer = respond(
            PreviewRequest(
                method: head.method.rawValue, path: Self.path(head.uri),
                host: head.headers.first(name: "host")))

        var headers = HTTPHeaders()
        for (name, value) in answer.headers { headers.add(name: name, value: value) }
        headers.replaceOrAdd(name: "Content-Length", value: String(answer.body.count))
        if !keepOpen { headers.replaceOrAdd(name: "Connection", value: "close") }
        let status = HTTPResponseStatus(statusCode: answer.status, reasonPhrase: answer.reason)
        context.write(Self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        if head.method != .HEAD && !answer.body.isEmpty {
            context.write(Self.wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: answer.body)))), promise: nil)
        }
        // The next request is let in once this answer is written (one answer in flight).
        context.writeAndFlush(Self.wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { result in
            if keepOpen, case .success = result {
                context.triggerUserOutboundEvent(RequestAnswered(), promise: nil)
            } else {
                context.close(promise: nil)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // A request the parser refused has had its 400 (HTTPServerProtocolErrorHandler);
        // a connection reset has nobody to answer.
        context.close(promise: nil)
    }

    /// The path of a request target, without its query, percent-decoded, with `.` and
    /// `..` resolved: "/figures/figure-1.svg" from "/figures/./figure-1.svg?x=1".
    static func path(_ target: String) -> String {
        let beforeQuery = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return URL(string: beforeQuery)?.standardized.path ?? ""
    }
}
