import NIOCore

/// Sent outbound by ``PreviewRequestHandler`` once its answer is written and the
/// connection stays open: ``RequestHeadGuard`` then lets the next request through.
struct RequestAnswered {}

/// The first handler after the socket: counts the bytes of each request head as they
/// arrive, before the HTTP parser sees them, and answers 414 (request line) or 431
/// (header block, or too many header lines) as soon as a ``PreviewLimits`` value is
/// passed, or 408 when a head takes too long to arrive, then closes. The parser behind it never gets more than the limits allow,
/// so the work one request can cause is bounded by them, not by what it sends.
///
/// One request at a time: once a head is complete, whatever follows (a pipelined
/// request) is held and the socket not read until ``RequestAnswered`` comes back, so
/// at most one read's bytes wait here and one answer is being written. A request
/// with a body is answered and its connection closed (``PreviewRequestHandler``), so
/// the bytes after a head are always the next head. It also closes the connection on
/// `IdleStateHandler`'s event.
final class RequestHeadGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum Refusal: Equatable {
        case requestLineTooLong, headersTooLarge, headTooSlow
    }

    private enum State {
        /// Reading a request line (leading empty lines included).
        case requestLine
        /// Reading the header lines, up to the empty line that ends them.
        case headers
        /// A head has gone to the parser; waiting for ``RequestAnswered``.
        case answering
        /// Refused: what still arrives is thrown away until the connection closes.
        case refused
    }

    private let limits: PreviewLimits
    private var state = State.requestLine
    /// Bytes of the current line (without its line feed; a carriage return counts).
    private var lineBytes = 0
    private var requestLineStarted = false
    private var headerBlockBytes = 0
    private var headerLines = 0
    /// What arrived after a complete head while it is being answered.
    private var held: ByteBuffer?
    /// The pipeline asked to read while a request was being answered.
    private var readWanted = false
    private var lingering: Scheduled<Void>?
    /// When the head being read must be complete (``PreviewLimits/headTimeout``).
    private var headDeadline: Scheduled<Void>?

    /// Bytes passed on to the HTTP parser over the connection (for the tests).
    private(set) var bytesPassedOn = 0
    /// Whether, and why, the connection was refused (for the tests).
    private(set) var refusal: Refusal?

    /// Held bytes beyond this (a read is at most 64 KiB) close the connection: nobody
    /// pipelines that much, and holding more would be unbounded.
    static let heldLimit = 64 * 1024

    init(limits: PreviewLimits) {
        self.limits = limits
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = Self.unwrapInboundIn(data)
        switch state {
        case .refused:
            return
        case .answering:
            if held == nil { held = buffer } else { held!.writeBuffer(&buffer) }
            if held!.readableBytes > Self.heldLimit {
                held = nil
                context.close(promise: nil)
            }
        case .requestLine, .headers:
            if held != nil {
                // The bytes held while the last request was answered go first.
                held!.writeBuffer(&buffer)
            } else {
                consume(buffer, context: context)
            }
        }
    }

    /// Passes on the bytes that belong to the head being read, holds what follows a
    /// complete head, or refuses at the first byte past a limit.
    private func consume(_ buffer: ByteBuffer, context: ChannelHandlerContext) {
        var buffer = buffer
        if headDeadline == nil && buffer.readableBytes > 0 {
            headDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: limits.headTimeout) {
                self.headDeadline = nil
                if self.state == .requestLine || self.state == .headers { self.refuse(.headTooSlow, context: context) }
            }
        }
        let verdict = buffer.withUnsafeReadableBytes { scan($0) }
        switch verdict {
        case .partOfHead:
            bytesPassedOn += buffer.readableBytes
            context.fireChannelRead(Self.wrapInboundOut(buffer))
        case .headEnds(let length):
            let head = buffer.readSlice(length: length)!
            state = .answering
            headDeadline?.cancel()
            headDeadline = nil
            held = buffer.readableBytes > 0 ? buffer : nil
            bytesPassedOn += head.readableBytes
            context.fireChannelRead(Self.wrapInboundOut(head))
        case .refuse(let why):
            refuse(why, context: context)
        }
    }

    private enum Verdict {
        case partOfHead
        case headEnds(length: Int)
        case refuse(Refusal)
    }

    /// One pass over the bytes, each looked at once.
    private func scan(_ bytes: UnsafeRawBufferPointer) -> Verdict {
        let lineFeed: UInt8 = 10, carriageReturn: UInt8 = 13
        for (index, byte) in bytes.enumerated() {
            if state == .requestLine {
                if byte == lineFeed && requestLineStarted {
                    state = .headers
                    lineBytes = 0
                    continue
                }
                // Empty lines before a request line are allowed (RFC 9112 §2.2) and counted.
                if byte != lineFeed && byte != carriageReturn { requestLineStarted = true }
                lineBytes += 1
                if lineBytes > limits.requestLineBytes { return .refuse(.requestLineTooLong) }
            } else {
                headerBlockBytes += 1
                if headerBlockBytes > limits.headerBlockBytes { return .refuse(.headersTooLarge) }
                if byte == lineFeed {
                    if lineBytes == 0 { return .headEnds(length: index + 1) }
                    headerLines += 1
                    if headerLines > limits.headerCount { return .refuse(.headersTooLarge) }
                    lineBytes = 0
                } else if byte != carriageReturn {
                    lineBytes += 1
                }
            }
        }
        return .partOfHead
    }

    /// Answers at once, stops sending, throws away what still comes for a moment (so
    /// that the close does not reset the connection before the answer is read), then closes.
    private func refuse(_ why: Refusal, context: ChannelHandlerContext) {
        state = .refused
        refusal = why
        held = nil
        headDeadline?.cancel()
        headDeadline = nil
        let (status, message) =
            switch why {
            case .requestLineTooLong:
                (
                    "414 URI Too Long",
                    "The request line is longer than \(limits.requestLineBytes) bytes; this preview's addresses are short.\n"
                )
            case .headersTooLarge:
                (
                    "431 Request Header Fields Too Large",
                    "The request's header fields are longer than \(limits.headerBlockBytes) bytes or more than \(limits.headerCount) lines.\n"
                )
            case .headTooSlow:
                (
                    "408 Request Timeout",
                    "The request did not arrive whole within \(limits.headTimeout.nanoseconds / 1_000_000_000) seconds.\n"
                )
            }
        let response =
            "HTTP/1.1 \(status)\r\nContent-Type: text/plain; charset=utf-8\r\nCache-Control: no-store\r\n"
            + "Content-Length: \(message.utf8.count)\r\nConnection: close\r\n\r\n\(message)"
        let channel = context.channel
        context.writeAndFlush(Self.wrapOutboundOut(channel.allocator.buffer(string: response))).whenComplete { _ in
            channel.close(mode: .output).whenFailure { _ in channel.close(promise: nil) }
        }
        lingering = channel.eventLoop.scheduleTask(in: limits.lingerAfterRefusal) { channel.close(promise: nil) }
        if readWanted {
            readWanted = false
            context.read()
        }
    }

    func read(context: ChannelHandlerContext) {
        if state == .answering || (state != .refused && held != nil) {
            readWanted = true
        } else {
            context.read()
        }
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard event is RequestAnswered else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        promise?.succeed()
        guard state == .answering else { return }
        state = .requestLine
        lineBytes = 0
        requestLineStarted = false
        headerBlockBytes = 0
        headerLines = 0
        // The next request, if it came already; later, so that an answer written at
        // once does not recurse through here for each of many pipelined requests.
        if held != nil {
            context.eventLoop.assumeIsolated().execute {
                guard self.state == .requestLine, let next = self.held else { return }
                self.held = nil
                self.consume(next, context: context)
                self.readIfWanted(context: context)
            }
        } else {
            readIfWanted(context: context)
        }
    }

    private func readIfWanted(context: ChannelHandlerContext) {
        if readWanted && state != .answering && held == nil {
            readWanted = false
            context.read()
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        lingering?.cancel()
        lingering = nil
        headDeadline?.cancel()
        headDeadline = nil
        held = nil
        context.fireChannelInactive()
    }
}
