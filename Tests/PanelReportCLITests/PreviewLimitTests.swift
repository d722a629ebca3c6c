import Foundation
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import Preview
@testable import panel_report_preview

#if canImport(Glibc)
    import Glibc
#endif

/// The preview server's limits on what one connection may send (`PreviewLimits`):
/// the connection's real pipeline (`NIOTransport.configure`) on an `EmbeddedChannel`,
/// where the bytes that reach the HTTP parser can be counted and time advanced at
/// will, then the real program on a loopback port.
@Suite struct PreviewLimitTests {
    static let limits = PreviewLimits.standard

    /// The pipeline of one accepted connection, answering with the preview's own
    /// handler (a session that has not built yet: `/` is empty, anything else 404).
    static func connection(_ limits: PreviewLimits = limits) throws -> (EmbeddedChannel, RequestHeadGuard) {
        let channel = EmbeddedChannel()
        let handler = PreviewHandler(
            session: PreviewSession(inputs: "/nonexistent", templates: "/nonexistent", draft: true),
            allowedHostNames: ["127.0.0.1", "localhost", "::1"])
        try NIOTransport.configure(channel.pipeline.syncOperations, limits: limits, respond: handler.respond)
        // The loop's clock set to the real one, which IdleStateHandler reads (see the idle test).
        channel.embeddedEventLoop.advanceTime(to: .now())
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8710)).wait()
        return (channel, try channel.pipeline.syncOperations.handler(type: RequestHeadGuard.self))
    }

    /// Everything written back so far.
    static func answers(_ channel: EmbeddedChannel) throws -> String {
        channel.embeddedEventLoop.run()
        var text = ""
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { text += String(buffer: buffer) }
        return text
    }

    static func requestLine(length: Int) -> String {
        // "GET /aaa… HTTP/1.1\r": the guard counts the carriage return, not the line feed.
        "GET /" + String(repeating: "a", count: length - "GET / HTTP/1.1\r".utf8.count) + " HTTP/1.1\r\n"
    }

    // MARK: - The request line

    @Test func aRequestLineAtTheLimitIsAnswered() throws {
        let (channel, guardHandler) = try Self.connection()
        let request = Self.requestLine(length: Self.limits.requestLineBytes) + "Host: 127.0.0.1\r\n\r\n"
        try channel.writeInbound(channel.allocator.buffer(string: request))
        let answer = try Self.answers(channel)
        #expect(answer.hasPrefix("HTTP/1.1 404 Not Found\r\n"), "\(answer.prefix(80))")
        #expect(guardHandler.refusal == nil)
        #expect(channel.isActive)
    }

    @Test func aRequestLineOneByteOverIsRefusedAtThatByte() throws {
        let (channel, guardHandler) = try Self.connection()
        let line = Array(Self.requestLine(length: Self.limits.requestLineBytes + 1).utf8)
        // Everything up to the limit goes to the parser, and nothing is answered yet.
        try channel.writeInbound(channel.allocator.buffer(bytes: line[..<Self.limits.requestLineBytes]))
        #expect(try Self.answers(channel).isEmpty)
        // The next byte is refused.
        try channel.writeInbound(channel.allocator.buffer(bytes: line[Self.limits.requestLineBytes...]))
        let answer = try Self.answers(channel)
        #expect(answer.hasPrefix("HTTP/1.1 414 URI Too Long\r\n"), "\(answer.prefix(80))")
        #expect(answer.contains("\r\nConnection: close\r\n"))
        #expect(guardHandler.refusal == .requestLineTooLong)
        #expect(guardHandler.bytesPassedOn == Self.limits.requestLineBytes)
        #expect(!channel.isActive)
    }

    /// The request that froze FlyingFox for minutes: refused after 8 KiB of it, in
    /// whatever pieces it comes, and nothing more of it reaches the parser.
    @Test func aTwoMegabyteRequestLineIsRefusedAfterTheLimit() throws {
        for piece in [1, 1000, 64 * 1024] {
            let (channel, guardHandler) = try Self.connection()
            let request = Array(("GET /" + String(repeating: "a", count: 2_000_000) + " HTTP/1.1\r\n\r\n").utf8)
            var sent = 0
            var answer = ""
            while sent < request.count && channel.isActive && answer.isEmpty {
                let end = min(sent + piece, request.count)
                try channel.writeInbound(channel.allocator.buffer(bytes: request[sent..<end]))
                sent = end
                answer = try Self.answers(channel)
            }
            #expect(answer.hasPrefix("HTTP/1.1 414 URI Too Long\r\n"), "pieces of \(piece): \(answer.prefix(80))")
            #expect(sent <= Self.limits.requestLineBytes + piece, "pieces of \(piece): \(sent) bytes sent before the answer")
            #expect(guardHandler.bytesPassedOn <= Self.limits.requestLineBytes)
            #expect(!channel.isActive)
        }
    }

    /// Empty lines before a request line are allowed, but count: a stream of them is refused too.
    @Test func endlessEmptyLinesAreRefused() throws {
        let (channel, guardHandler) = try Self.connection()
        let lines = Array(String(repeating: "\r\n", count: 100_000).utf8)
        var sent = 0
        while sent < lines.count && channel.isActive {
            try channel.writeInbound(channel.allocator.buffer(bytes: lines[sent..<min(sent + 4096, lines.count)]))
            sent += 4096
        }
        #expect(try Self.answers(channel).hasPrefix("HTTP/1.1 414 URI Too Long\r\n"))
        #expect(guardHandler.bytesPassedOn <= Self.limits.requestLineBytes)
    }

    // MARK: - The header block

    @Test func aHeaderBlockOverTheLimitIsRefused() throws {
        let (channel, guardHandler) = try Self.connection()
        let head = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        // One header line of 2 MB, as the long header that froze FlyingFox.
        let request = Array((head + "Cookie: " + String(repeating: "c", count: 2_000_000) + "\r\n\r\n").utf8)
        var sent = 0
        var answer = ""
        while sent < request.count && channel.isActive && answer.isEmpty {
            try channel.writeInbound(channel.allocator.buffer(bytes: request[sent..<min(sent + 4096, request.count)]))
            sent += 4096
            answer = try Self.answers(channel)
        }
        #expect(answer.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"), "\(answer.prefix(80))")
        #expect(guardHandler.refusal == .headersTooLarge)
        #expect(guardHandler.bytesPassedOn <= "GET / HTTP/1.1\r\n".utf8.count + Self.limits.headerBlockBytes)
        #expect(sent <= "GET / HTTP/1.1\r\n".utf8.count + Self.limits.headerBlockBytes + 4096)
        #expect(!channel.isActive)
    }

    @Test func aHeaderBlockJustUnderTheLimitIsAnswered() throws {
        let (channel, _) = try Self.connection()
        // "Host: …\r\n" + "Cookie: …\r\n" + "\r\n" = the limit, to the byte.
        let host = "Host: 127.0.0.1\r\n"
        let cookie = Self.limits.headerBlockBytes - host.utf8.count - "Cookie: \r\n\r\n".utf8.count
        try channel.writeInbound(
            channel.allocator.buffer(string: "GET / HTTP/1.1\r\n\(host)Cookie: \(String(repeating: "c", count: cookie))\r\n\r\n"))
        let answer = try Self.answers(channel)
        #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(answer.prefix(80))")
    }

    @Test func tooManyHeaderLinesAreRefused() throws {
        for (count, status) in [(Self.limits.headerCount, "200 OK"), (Self.limits.headerCount + 1, "431 Request Header Fields Too Large")] {
            let (channel, _) = try Self.connection()
            let headers = ["Host: 127.0.0.1"] + (1..<count).map { "X-\($0): 1" }
            try channel.writeInbound(
                channel.allocator.buffer(string: "GET / HTTP/1.1\r\n" + headers.joined(separator: "\r\n") + "\r\n\r\n"))
            let answer = try Self.answers(channel)
            #expect(answer.hasPrefix("HTTP/1.1 \(status)\r\n"), "\(count) headers: \(answer.prefix(80))")
        }
    }

    // MARK: - Bodies, the Host header, HEAD and more than one request

    /// A body is never read: the handler's 405 goes back at once and the connection closes.
    @Test func aRequestWithABodyIsAnsweredWithoutReadingIt() throws {
        let (channel, guardHandler) = try Self.connection()
        let head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2000000\r\n\r\n"
        try channel.writeInbound(channel.allocator.buffer(string: head + String(repeating: "b", count: 4096)))
        let answer = try Self.answers(channel)
        #expect(answer.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n"), "\(answer.prefix(80))")
        #expect(answer.contains("Only GET and HEAD are answered here."))
        #expect(guardHandler.bytesPassedOn == head.utf8.count)
        #expect(!channel.isActive)
    }

    @Test func theHostHeaderReachesTheHandlerAndHeadHasNoBody() throws {
        let (channel, _) = try Self.connection()
        try channel.writeInbound(channel.allocator.buffer(string: "GET / HTTP/1.1\r\nHost: attacker.example\r\n\r\n"))
        #expect(try Self.answers(channel).hasPrefix("HTTP/1.1 403 Forbidden\r\n"))
        try channel.writeInbound(channel.allocator.buffer(string: "HEAD /missing HTTP/1.1\r\nHost: localhost:8710\r\n\r\n"))
        let head = try Self.answers(channel)
        #expect(head.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        let length = try #require(head.firstRange(of: "Content-Length: ").map { head[$0.upperBound...].prefix { $0.isNumber } })
        #expect(Int(length)! > 0)
        #expect(head.hasSuffix("\r\n\r\n"), "a HEAD answer has no body")
    }

    /// Requests sent together are answered one after the other, in order, each head
    /// counted on its own.
    @Test func requestsSentTogetherAreAnsweredInOrder() throws {
        let (channel, guardHandler) = try Self.connection()
        let one = "GET /a HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        let two = "GET /b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        try channel.writeInbound(channel.allocator.buffer(string: one + two))
        let answers = try Self.answers(channel)
        #expect(answers.components(separatedBy: "HTTP/1.1 404 Not Found\r\n").count == 3, "\(answers)")
        #expect(guardHandler.bytesPassedOn == (one + two).utf8.count)
        #expect(!channel.isActive)
        // Many heads together, each within the limits, add up to more than them: all answered.
        let (many, _) = try Self.connection()
        let request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: \(String(repeating: "p", count: 1000))\r\n\r\n"
        try many.writeInbound(many.allocator.buffer(string: String(repeating: request, count: 20)))
        #expect(try Self.answers(many).components(separatedBy: "HTTP/1.1 200 OK\r\n").count == 21)
        #expect(many.isActive)
    }

    // MARK: - Idle connections and how many

    /// NIO's IdleStateHandler measures idleness on the real clock and checks it on the
    /// event loop's: a 2 s timeout here, real sleeps, and the loop's clock moved to the real one.
    @Test func anIdleConnectionIsClosedAfterTheTimeout() throws {
        #expect(Self.limits.idleTimeout == .seconds(30))
        var limits = Self.limits
        limits.idleTimeout = .seconds(2)
        let (channel, _) = try Self.connection(limits)
        let (slow, _) = try Self.connection(limits)
        func wait(_ milliseconds: Int64) {
            Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
            channel.embeddedEventLoop.advanceTime(to: .now())
            slow.embeddedEventLoop.advanceTime(to: .now())
        }
        // Half a request line, then nothing.
        try slow.writeInbound(slow.allocator.buffer(string: "GET /figur"))
        wait(1500)
        #expect(channel.isActive && slow.isActive)
        // A request and its answer start the time again.
        try channel.writeInbound(channel.allocator.buffer(string: "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
        #expect(try Self.answers(channel).hasPrefix("HTTP/1.1 200 OK\r\n"))
        wait(1000)
        #expect(channel.isActive)
        #expect(!slow.isActive)
        wait(1200)
        #expect(!channel.isActive)
    }

    /// A head sent a little at a time, each piece within the idle timeout, must still
    /// be whole within the head timeout; a head that came in time is not timed out later.
    @Test func aHeadThatTakesTooLongIsRefused() throws {
        #expect(Self.limits.headTimeout < Self.limits.idleTimeout)
        let (slow, guardHandler) = try Self.connection()
        try slow.writeInbound(slow.allocator.buffer(string: "GET /figur"))
        slow.embeddedEventLoop.advanceTime(by: Self.limits.headTimeout - .seconds(1))
        try slow.writeInbound(slow.allocator.buffer(string: "es/figure-1.svg HTTP/1.1\r\nHost: 12"))
        #expect(try Self.answers(slow).isEmpty)
        slow.embeddedEventLoop.advanceTime(by: .seconds(2))
        let answer = try Self.answers(slow)
        #expect(answer.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"), "\(answer.prefix(80))")
        #expect(guardHandler.refusal == .headTooSlow)
        #expect(!slow.isActive)

        let (prompt, _) = try Self.connection()
        try prompt.writeInbound(prompt.allocator.buffer(string: "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
        #expect(try Self.answers(prompt).hasPrefix("HTTP/1.1 200 OK\r\n"))
        prompt.embeddedEventLoop.advanceTime(by: Self.limits.headTimeout + .seconds(1))
        #expect(try Self.answers(prompt).isEmpty)
        #expect(prompt.isActive)
    }

    @Test func connectionsBeyondTheLimitAreTurnedAway() throws {
        let connections = OpenConnections(limit: 2)
        let channels = (0..<3).map { _ in EmbeddedChannel() }
        #expect(channels.map { connections.admit($0) } == [true, true, false])
        // The one turned away counts until it is closed (at once, below); then another
        // that closes makes room.
        for closing in [channels[2], channels[0]] {
            _ = try closing.finish()
            closing.embeddedEventLoop.run()
        }
        #expect(connections.admit(EmbeddedChannel()))

        // The one turned away is told so and closed.
        let refused = EmbeddedChannel()
        try NIOTransport.configure(refused.pipeline.syncOperations, limits: Self.limits, admitted: false) { _ in
            Issue.record("a connection beyond the limit reached the handler")
            return PreviewResponse(status: 500, reason: "", headers: [], body: Data())
        }
        try refused.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8710)).wait()
        #expect(try Self.answers(refused).hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
        #expect(!refused.isActive)
    }
}

/// The same limits against the real program on a loopback port.
@Suite(.serialized) struct PreviewLimitServerTests {
    @Test func longRequestsAreRefusedAtOnceAndTheServerKeepsAnswering() throws {
        let scratch = try Scratch()
        let server = try PreviewServer.start(copiesIn: scratch)
        defer { server.stop() }
        let limits = PreviewLimits.standard

        // Just under the limit: an ordinary 404; just over: 414.
        let under = try server.get("/" + String(repeating: "a", count: limits.requestLineBytes - 200))
        #expect(under.status == 404)
        #expect(try server.get("/" + String(repeating: "a", count: limits.requestLineBytes)).status == 414)

        // Two requests of 2 MB at once, the request line and a header: each answered at
        // once, long before it is all sent, and the page is still served.
        let long = Array(("GET /" + String(repeating: "a", count: 2_000_000) + " HTTP/1.1\r\n\r\n").utf8)
        let header = Array(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + String(repeating: "c", count: 2_000_000) + "\r\n\r\n").utf8)
        let results = LockedResults()
        let started = Date()
        let threads = [long, header].enumerated().map { index, bytes in
            Thread { results.set(index, RawExchange.run(port: server.port, sending: bytes)) }
        }
        for thread in threads { thread.start() }
        while results.count < 2 && Date().timeIntervalSince(started) < 30 { Thread.sleep(forTimeInterval: 0.01) }
        let (line, headers) = (try #require(results.value(0)), try #require(results.value(1)))
        #expect(line.answer.hasPrefix("HTTP/1.1 414 URI Too Long\r\n"), "\(line)")
        #expect(headers.answer.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"), "\(headers)")
        // FlyingFox took minutes over each; generous for a busy machine.
        #expect(line.seconds < 5 && headers.seconds < 5, "\(line.seconds) s, \(headers.seconds) s")
        #expect(try server.get("/").status == 200)
        #expect(try server.get("/__preview/build").body == "1\n")

        // Many header lines: 431.
        let many = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (0...limits.headerCount).map { "X-\($0): 1\r\n" }.joined() + "\r\n"
        #expect(RawExchange.run(port: server.port, sending: Array(many.utf8)).answer.hasPrefix("HTTP/1.1 431 "))
    }
}

/// Sends bytes on a fresh loopback connection in 16 KiB pieces while watching for an
/// answer; stops sending at the first answer and reads it to the end.
enum RawExchange {
    struct Result: CustomStringConvertible {
        var answer: String
        var sentBeforeAnswer: Int
        var seconds: TimeInterval
        var description: String { "\(answer.prefix(60).debugDescription) after \(sentBeforeAnswer) bytes, \(seconds) s" }
    }

    static func run(port: UInt16, sending bytes: [UInt8]) -> Result {
        let started = Date()
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return Result(answer: "cannot connect", sentBeforeAnswer: 0, seconds: 0) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sent = 0
        while sent < bytes.count {
            var watch = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&watch, 1, 0) > 0 { break }
            let count = bytes[sent..<min(sent + 16384, bytes.count)].withUnsafeBytes {
                send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if count <= 0 { break }
            sent += count
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return Result(answer: String(decoding: received, as: UTF8.self), sentBeforeAnswer: sent, seconds: Date().timeIntervalSince(started))
    }
}

final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: RawExchange.Result] = [:]
    func set(_ index: Int, _ result: RawExchange.Result) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }
    func value(_ index: Int) -> RawExchange.Result? {
        lock.lock()
        defer { lock.unlock() }
        return results[index]
    }
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return results.count
    }
}
