import Foundation
import Testing

/// The Host check stays on whatever address the preview listens on (issue 29, item 4):
/// a request must name 127.0.0.1, localhost, ::1, the --host address or a name given
/// with --allow-host, or DNS rebinding would let any web site read the draft.
@Suite struct PreviewHostTests {
    @Test func anotherAddressKeepsTheHostCheck() throws {
        let scratch = try Scratch()
        let server = try PreviewServer.start(copiesIn: scratch, ["--host", "0.0.0.0", "--allow-host", "Reviewers.Example"])
        defer { server.stop() }
        #expect(
            server.stderr.contains(
                "Requests are answered only when addressed to 127.0.0.1, localhost, ::1, 0.0.0.0 or reviewers.example; "
                    + "name others with --allow-host"), "\(server.stderr)")
        let evil = try server.get("/", host: "evil.example")
        #expect(evil.status == 403)
        #expect(evil.body == "This preview answers only requests addressed to 127.0.0.1, localhost or a name given with --allow-host.\n")
        #expect(try server.get("/report.html", host: "evil.example").status == 403)
        #expect(try server.get("/", host: "reviewers.example").status == 200)
        #expect(try server.get("/", host: "localhost").status == 200)
        #expect(try server.get("/").status == 200)
    }

    @Test func onLoopbackANameGivenWithAllowHostIsAnswered() throws {
        let scratch = try Scratch()
        let server = try PreviewServer.start(copiesIn: scratch, ["--allow-host", "laptop.local"])
        defer { server.stop() }
        #expect(try server.get("/", host: "laptop.local").status == 200)
        #expect(try server.get("/", host: "evil.example").status == 403)
    }
}
