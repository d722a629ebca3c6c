import FlyingFox
import FlyingSocks
import Foundation
import Preview
import PanelReportCLI

/// `panel-report preview`'s web server: FlyingFox, answering with the preview's own
/// handler (``PreviewRequest`` in, ``PreviewResponse`` out).
enum FlyingFoxTransport: PreviewTransport {
    static func bindProblem(host: String, isIPv6: Bool, port: UInt16) -> Int32? {
        do {
            if isIPv6 { try tryBind(sockaddr_in6.inet6(ip6: host, port: port)) } else { try tryBind(sockaddr_in.inet(ip4: host, port: port)) }
            return nil
        } catch SocketError.failed(_, let code, _) {
            return code
        } catch {
            return EINVAL
        }
    }

    private static func tryBind(_ address: some SocketAddress) throws {
        let socket = try Socket(domain: Int32(type(of: address).family))
        defer { try? socket.close() }
        try socket.setValue(true, for: .localAddressReuse)
        try socket.bind(to: address)
    }

    static func serve(host: String, isIPv6: Bool, port: UInt16,
                      respond: @escaping @Sendable (PreviewRequest) -> PreviewResponse,
                      listening: @escaping @Sendable (UInt16) -> Void) async throws {
        let handler = Handler(respond: respond)
        let server = isIPv6
            ? HTTPServer(address: try sockaddr_in6.inet6(ip6: host, port: port), logger: .disabled, handler: handler)
            : HTTPServer(address: try sockaddr_in.inet(ip4: host, port: port), logger: .disabled, handler: handler)
        let failure = ErrorBox()
        let running = Task {
            do { try await server.run() } catch { failure.set(error) }
        }
        while await !server.isListening {
            if let error = failure.error { throw error }
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        switch await server.listeningAddress {
        case .ip4(_, let port), .ip6(_, let port): listening(port)
        default: throw SocketError.unsupportedAddress
        }
        await running.value
        if let error = failure.error { throw error }
    }

    private struct Handler: HTTPHandler {
        let respond: @Sendable (PreviewRequest) -> PreviewResponse

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            let answer = respond(PreviewRequest(method: request.method.rawValue, path: request.path, host: request.headers[.host]))
            var headers = HTTPHeaders()
            for (name, value) in answer.headers { headers[HTTPHeader(name)] = value }
            return HTTPResponse(statusCode: HTTPStatusCode(answer.status, phrase: answer.reason), headers: headers, body: answer.body)
        }
    }
}
