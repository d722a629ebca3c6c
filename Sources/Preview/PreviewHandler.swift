import Foundation
import Glibc
import Platform

/// Answers the browser for `panel-report preview`: the report (or the problems
/// page) at `/`, its figures and data beside it, the reload script and the build
/// number. Everything comes from memory (``PreviewSession``); nothing is read from
/// or written to disk here.
public struct PreviewHandler: Sendable {
    let session: PreviewSession
    /// The host names a request may give, on whatever address the server listens,
    /// so that a web page elsewhere cannot reach the draft through a DNS name that it
    /// points at this computer (DNS rebinding).
    let allowedHostNames: Set<String>

    public init(session: PreviewSession, allowedHostNames: Set<String>) {
        self.session = session
        self.allowedHostNames = allowedHostNames
    }

    static let script = """
        // panel-report preview: reloads this page when the report has been rebuilt.
        // Served only by the preview; a written report has no script at all.
        (function () {
          var shown = new URL(document.currentScript.src).searchParams.get("build");
          function check() {
            fetch("/__preview/build", { cache: "no-store" })
              .then(function (response) { return response.text(); })
              .then(function (build) {
                if (build.trim() !== shown) { location.reload(); } else { setTimeout(check, 250); }
              })
              .catch(function () { setTimeout(check, 1000); });
          }
          check();
        })();

        """

    public func respond(to request: PreviewRequest) -> PreviewResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return Self.text(405, "Method Not Allowed", "Only GET and HEAD are answered here.\n")
        }
        guard allowedHostNames.contains(Self.hostName(request.host ?? "")) else {
            return Self.text(
                403, "Forbidden",
                "This preview answers only requests addressed to 127.0.0.1, localhost or a name given with --allow-host.\n")
        }
        let state = session.state
        switch request.path {
        case "/", "/report.html":
            return Self.file(state.files["report.html"] ?? Data(), type: "text/html; charset=utf-8")
        case PreviewSession.scriptPath:
            return Self.file(Data(Self.script.utf8), type: "text/javascript; charset=utf-8")
        case "/__preview/build":
            return Self.file(Data("\(state.build)\n".utf8), type: "text/plain; charset=utf-8")
        default:
            let path = String(request.path.drop { $0 == "/" })
            guard state.isReport, let bytes = state.files[path] else {
                return Self.text(
                    404, "Not Found",
                    state.isReport
                        ? "There is no \(request.path) in this report.\n"
                        : "The report cannot be built just now; its problems are listed at /.\n")
            }
            return Self.file(bytes, type: Self.contentType(path))
        }
    }

    static func contentType(_ path: String) -> String {
        if path.hasSuffix(".svg") { return "image/svg+xml" }
        if path.hasSuffix(".csv") { return "text/csv; charset=utf-8" }
        if path.hasSuffix(".json") { return "application/json" }
        // The tables workbooks (issue 28), typed so that a browser offers the right program.
        if path.hasSuffix(".ods") { return "application/vnd.oasis.opendocument.spreadsheet" }
        if path.hasSuffix(".xlsx") { return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }
        if path.hasSuffix(".html") { return "text/html; charset=utf-8" }
        return "application/octet-stream"
    }

    /// `localhost` from `localhost:8710`, `::1` from `[::1]:8710`, lower-cased.
    static func hostName(_ header: String) -> String {
        let value = header.trimmingCharacters(in: .whitespaces).lowercased()
        if value.hasPrefix("["), let end = value.firstIndex(of: "]") {
            return String(value[value.index(after: value.startIndex)..<end])
        }
        if let colon = value.lastIndex(of: ":") { return String(value[..<colon]) }
        return value
    }

    private static func file(_ bytes: Data, type: String) -> PreviewResponse {
        var headers = [
            (name: "Content-Type", value: type),
            (name: "Cache-Control", value: "no-store"),
            (name: "X-Content-Type-Options", value: "nosniff"),
            (name: "Referrer-Policy", value: "no-referrer"),
        ]
        if !type.hasPrefix("text/html") && !type.hasPrefix("text/javascript") {
            // A figure or data file opened on its own runs nothing either.
            headers.append((name: "Content-Security-Policy", value: "default-src 'none'; style-src 'unsafe-inline'"))
        }
        return PreviewResponse(status: 200, reason: "OK", headers: headers, body: bytes)
    }

    private static func text(_ status: Int, _ reason: String, _ message: String) -> PreviewResponse {
        PreviewResponse(
            status: status, reason: reason,
            headers: [(name: "Content-Type", value: "text/plain; charset=utf-8"), (name: "Cache-Control", value: "no-store")],
            body: Data(message.utf8))
    }
}
