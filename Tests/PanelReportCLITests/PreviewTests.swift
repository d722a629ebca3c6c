import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `panel-report preview` end to end: the real binary on a free loopback port,
/// fetched over HTTP as a browser would, while its files are edited, broken and
/// fixed. Every test stops its server, also when an expectation fails, and a
/// watchdog kills it after two minutes whatever happens.
@Suite(.serialized) struct PreviewTests {
    /// How long a rebuild may take to show (a debug build on a busy 2-core machine).
    static let patience: TimeInterval = 20

    @Test func servesTheDraftAndFollowsEditsBreakagesAndFixes() throws {
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        let templates = try scratch.copy("Templates")
        let server = try PreviewServer.start(["preview", "--inputs", inputs, "--templates", templates, "--port", "0"], in: scratch.url)
        defer { server.stop() }

        // The draft, with the preview's script and nothing else that runs.
        let first = try server.get("/")
        #expect(first.status == 200)
        #expect(first.body.contains("class=\"draft-banner\""))
        #expect(first.body.contains("<script src=\"/__preview/reload.js?build=1\"></script>"))
        #expect(first.body.components(separatedBy: "<script").count == 2)
        #expect(try Self.universalOnly(first.body) == "14")
        let figure = try server.get("/figures/figure-1.svg")
        #expect(figure.status == 200 && figure.body.hasPrefix("<?xml"))
        #expect(figure.headers["content-type"] == "image/svg+xml")
        let csv = try server.get("/data/figure-2.csv")
        #expect(csv.status == 200 && csv.headers["content-type"] == "text/csv; charset=utf-8")
        let ods = try server.get("/data/tables.ods")
        #expect(ods.status == 200 && ods.headers["content-type"] == "application/vnd.oasis.opendocument.spreadsheet")
        let xlsx = try server.get("/data/tables.xlsx")
        #expect(xlsx.status == 200 && xlsx.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        let script = try server.get("/__preview/reload.js")
        #expect(script.status == 200 && script.body.contains("location.reload()"))

        // A saved case file: the number in the prose follows.
        let c01 = inputs + "/cases/C01.yaml"
        let original = try String(contentsOfFile: c01, encoding: .utf8)
        try Self.save(original.replacingOccurrences(of: "agency_involvement: universal", with: "agency_involvement: early-help"), to: c01)
        let edited = try server.waitForBuild(after: 1) { (try? Self.universalOnly($0)) == "13" }
        #expect(try Self.universalOnly(try server.get("/").body) == "13")

        // A half-written file and a wrong value: the page lists both, each with its line, and the server keeps going.
        let c03 = inputs + "/cases/C03.yaml"
        let c03Text = try String(contentsOfFile: c03, encoding: .utf8)
        let c03Line = try #require(c03Text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("agency_involvement:") }) + 1
        try Self.save("id: C02\nchild: [sex: male\n", to: inputs + "/cases/C02.yaml")
        try Self.replaceByRename(
            c03Text.replacingOccurrences(of: "agency_involvement: universal", with: "agency_involvement: sometimes"), at: c03)
        // Each wait is for the page that shows the whole change: an editor's save can be
        // seen half-way (the new file written, not yet renamed) and rebuilt once more.
        let broken = try server.waitForBuild(after: edited) { $0.contains("C03.yaml:\(c03Line):") && !$0.contains(".tmp-") }
        let problems = try server.get("/")
        #expect(problems.status == 200)
        #expect(problems.body.contains("The report cannot be built"))
        // The unclosed list is reported where it was opened.
        #expect(problems.body.contains("\(inputs)/cases/C02.yaml:2:8"))
        #expect(problems.body.contains("the list opened here with &quot;[&quot; is not closed"))
        #expect(
            problems.body.contains(
                "\(inputs)/cases/C03.yaml:\(c03Line):21</p><p class=\"message\">agency_involvement: &quot;sometimes&quot; is not"))
        #expect(problems.body.contains("<span class=\"number\">\(c03Line) | </span>agency_involvement: sometimes\n"))
        #expect(problems.body.contains("<script src=\"/__preview/reload.js?build=\(broken)\"></script>"))
        #expect(try server.get("/figures/figure-1.svg").status == 404)

        // A chapter broken at the same time: its line is shown too.
        let chapter = templates + "/chapters/02-background.md"
        let chapterText = try String(contentsOfFile: chapter, encoding: .utf8)
        try Self.save(chapterText + "\nThere were {{ cases cases.\n", to: chapter)
        let both = try server.waitForBuild(after: broken) { $0.contains("is not closed") }
        let bothPage = try server.get("/").body
        #expect(bothPage.contains("\(inputs)/cases/C02.yaml:2:8"))
        #expect(bothPage.contains("a placeholder opened with {{ is not closed with }}"))
        #expect(bothPage.contains("There were {{ cases cases."))

        // Fixed, by an editor that writes a new file and renames it over the old one.
        try Self.replaceByRename(
            try String(contentsOfFile: CLI.repository.appendingPathComponent("Inputs/cases/C02.yaml").path, encoding: .utf8),
            at: inputs + "/cases/C02.yaml")
        try Self.replaceByRename(chapterText, at: chapter)
        try Self.replaceByRename(c03Text, at: c03)
        _ = try server.waitForBuild(after: both) { $0.contains("class=\"draft-banner\"") }
        let fixed = try server.get("/")
        #expect(!fixed.body.contains("The report cannot be built"))
        #expect(try Self.universalOnly(fixed.body) == "13")
        #expect(try server.get("/figures/figure-1.svg").status == 200)

        // Nothing was written: no Output/ where it ran, and the inputs hold only what the test wrote.
        #expect(!FileManager.default.fileExists(atPath: scratch.path("Output")))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("Output-draft")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted() == ["Inputs", "Templates"])
        #expect(server.stderr.contains("panel-report: previewing the reviewers' draft at http://127.0.0.1:\(server.port)/"))
    }

    @Test func thePublishedReportHasNoDraftMarksButStillReloads() throws {
        let scratch = try Scratch()
        let server = try PreviewServer.start(copiesIn: scratch, ["--published"])
        defer { server.stop() }
        let page = try server.get("/report.html")
        #expect(page.status == 200)
        #expect(!page.body.contains("class=\"draft-banner\""))
        #expect(page.body.contains("<script src=\"/__preview/reload.js?build=1\"></script>"))
        #expect(try server.get("/data/cases.json").status == 404)
        #expect(server.stderr.contains("previewing the published report at"))
    }

    @Test func theDraftNamesItsInputsAsBuildDraftDoes() throws {
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs"), templates = try scratch.copy("Templates")
        let server = try PreviewServer.start(["preview", "--inputs", inputs, "--templates", templates, "--port", "0"], in: scratch.url)
        defer { server.stop() }
        let previewed = try Self.inputsDigest(try server.get("/").body)
        let built = try CLI.run(
            ["build", "--draft", "--inputs", inputs, "--templates", templates, "--output", scratch.path("draft")],
            in: scratch.url, timeout: 120)
        #expect(built.status == 0, "\(built)")
        #expect(previewed == (try Self.inputsDigest(try String(contentsOfFile: scratch.path("draft/report.html"), encoding: .utf8))))
        // After a save, the digest follows the files, as a new build's would.
        try Self.save(
            try String(contentsOfFile: inputs + "/cases/C05.yaml", encoding: .utf8) + "# reviewed\n", to: inputs + "/cases/C05.yaml")
        try server.waitForBuild(after: 1)
        #expect(try Self.inputsDigest(try server.get("/").body) != previewed)
    }

    /// The 12 hex digits after "from inputs" in a draft's header.
    static func inputsDigest(_ html: String) throws -> String {
        let range = try #require(html.range(of: #"from inputs [0-9a-f]{12}"#, options: .regularExpression))
        return String(html[range].suffix(12))
    }

    @Test func answersOnlyRequestsForLoopbackNames() throws {
        let scratch = try Scratch()
        let server = try PreviewServer.start(copiesIn: scratch)
        defer { server.stop() }
        // A web page whose DNS name was pointed at 127.0.0.1 must not read the draft.
        #expect(try server.get("/", host: "attacker.example").status == 403)
        #expect(try server.get("/", host: "localhost").status == 200)
        #expect(try server.get("/__preview/build").body == "1\n")
        #expect(try server.get("/nothing-here").status == 404)
    }

    @Test func aPortInUseIsRefusedByName() throws {
        let scratch = try Scratch()
        // Hold a port, as another program would.
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                guard bind(holder, $0, length) == 0, listen(holder, 1) == 0, getsockname(holder, $0, &length) == 0 else {
                    throw CocoaError(.fileWriteUnknown)
                }
            }
        }
        let port = UInt16(bigEndian: address.sin_port)
        let run = try CLI.run(
            [
                "preview", "--inputs", try scratch.copy("Inputs"), "--templates", try scratch.copy("Templates"),
                "--port", String(port),
            ], in: scratch.url, timeout: 60)
        #expect(run.status == 64)
        #expect(
            run.stderr
                == "panel-report: --port \(port): another program is listening on it; choose another, or --port 0 for any free port\n")
    }

    @Test func anotherHostIsWarnedAboutAndANameIsRefused() throws {
        let scratch = try Scratch()
        let refused = try CLI.run(["preview", "--host", "example.org", "--port", "0"], in: scratch.url, timeout: 60)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--host example.org: not an IP address"))
        let server = try PreviewServer.start(copiesIn: scratch, ["--host", "0.0.0.0"])
        defer { server.stop() }
        #expect(
            server.stderr.contains("panel-report: warning: --host 0.0.0.0: other computers that can reach this one can open the preview"))
        #expect(try server.get("/").status == 200)
    }

    /// The server is another program, `panel-report-preview`, started in panel-report's
    /// place: found beside the program itself, also when that is run through a link,
    /// and named with where it was looked for when it is not there.
    @Test func theServerProgramIsFoundBesideTheCommandOrNamedWhenMissing() throws {
        let scratch = try Scratch()
        let alone = scratch.url.appendingPathComponent("alone")
        try FileManager.default.createDirectory(at: alone, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.binary, to: alone.appendingPathComponent("panel-report"))
        let missing = try CLI.program(
            alone.appendingPathComponent("panel-report").path, ["preview", "--port", "0"], in: scratch.url, timeout: 60)
        #expect(missing.status == 69)
        #expect(
            missing.stderr == "panel-report: preview is served by the program panel-report-preview, which could not be started from "
                + "\(alone.path)/panel-report-preview (No such file or directory); 'swift build' builds it beside panel-report (scripts/report builds both with "
                + "-c release)\n")

        // Through a link elsewhere: the program beside the real panel-report answers
        // (it refuses the host name itself, after panel-report has handed over).
        let link = scratch.url.appendingPathComponent("linked-panel-report")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: CLI.binary)
        let handedOver = try CLI.program(link.path, ["preview", "--host", "example.org", "--port", "0"], in: scratch.url, timeout: 60)
        #expect(handedOver.status == 64)
        #expect(handedOver.stderr.contains("--host example.org: not an IP address"))
    }

    /// Every other command starts without a networking stack: that is why the server
    /// is a program of its own (Foundation's networking and libcurl were most of a
    /// small build's time). The server, on swift-nio, links none of them either, and
    /// swift-nio's code is in the server program only.
    @Test func panelReportItselfLinksNoNetworkingLibrary() throws {
        let serverPath = CLI.binary.deletingLastPathComponent().appendingPathComponent("panel-report-preview")
        for program in [CLI.binary, serverPath] {
            let ldd = try CLI.program("/usr/bin/ldd", [program.path], timeout: 60)
            #expect(ldd.status == 0)
            #expect(ldd.stdout.contains("libyaml"))
            for library in ["FoundationNetworking", "libcurl", "libssl", "libgssapi"] {
                #expect(!ldd.stdout.contains(library), "\(program.lastPathComponent) links \(library)")
            }
        }
        let nio = Data("NIOPosix".utf8)
        #expect(try Data(contentsOf: CLI.binary).range(of: nio) == nil, "panel-report contains swift-nio")
        #expect(try Data(contentsOf: serverPath).range(of: nio) != nil)
    }

    // MARK: - Helpers

    /// "In 14 of 23 cases the family was known only to universal services": the 14.
    static func universalOnly(_ html: String) throws -> String {
        let pattern = try NSRegularExpression(pattern: "In ([0-9]+|[a-z]+) of [0-9]+ cases the family was known only to universal services")
        let match = try #require(pattern.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)))
        return String(html[Range(match.range(at: 1), in: html)!])
    }

    /// Writes in place, as an editor that truncates and writes does.
    static func save(_ text: String, to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// Writes a new file beside it and renames it over, as vim, `sed -i` and "safe write" do.
    static func replaceByRename(_ text: String, at path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}

/// A `panel-report preview` process and what it printed.
final class PreviewServer: @unchecked Sendable {
    let process: Process
    let port: UInt16
    private let output: LockedText

    var stderr: String { output.value }

    private init(process: Process, port: UInt16, output: LockedText) {
        self.process = process
        self.port = port
        self.output = output
    }

    /// `panel-report preview` of copies of the reference inputs and templates made in
    /// `scratch`, on any free port, with `more` arguments.
    static func start(copiesIn scratch: Scratch, _ more: [String] = []) throws -> PreviewServer {
        try start(
            ["preview", "--inputs", try scratch.copy("Inputs"), "--templates", try scratch.copy("Templates"), "--port", "0"] + more,
            in: scratch.url)
    }

    /// Starts the binary and waits (up to a minute) for the address it prints.
    static func start(_ arguments: [String], in directory: URL) throws -> PreviewServer {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SOURCE_DATE_EPOCH")
        process.environment = environment
        let output = LockedText()
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { handle in
            output.append(String(decoding: handle.availableData, as: UTF8.self))
        }
        try process.run()
        // Whatever the test does, the server does not outlive two minutes.
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 120) { kill(pid, SIGKILL) }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.isRunning {
            if let port = port(in: output.value) { return PreviewServer(process: process, port: port, output: output) }
            Thread.sleep(forTimeInterval: 0.02)
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        throw PreviewFailure(message: "the preview did not print its address; stderr: \(output.value)")
    }

    private static func port(in text: String) -> UInt16? {
        guard let range = text.range(of: #"at http://[0-9.]+:([0-9]+)/"#, options: .regularExpression) else { return nil }
        let found = text[range].split(separator: ":").last!.dropLast()
        return UInt16(found)
    }

    /// Stops the server (SIGTERM, then SIGKILL after 5 s) and waits for it.
    func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
    }

    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    /// One GET over a fresh connection to 127.0.0.1, with `host` in the Host header.
    func get(_ path: String, host: String = "127.0.0.1") throws -> Response {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PreviewFailure(message: "no socket") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw PreviewFailure(message: "cannot connect to port \(port): \(String(cString: strerror(errno)))") }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard send(fd, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else { throw PreviewFailure(message: "send failed") }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count < 0 { throw PreviewFailure(message: "no answer to GET \(path) within 10 s") }
            if count == 0 { break }
            received += buffer[0..<count]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw PreviewFailure(message: "not an HTTP answer: \(text.prefix(200))") }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        guard let statusText = head.first?.split(separator: " ").dropFirst().first, let status = Int(statusText) else {
            throw PreviewFailure(message: "no status line: \(head.first ?? "")")
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: String(text[split.upperBound...]))
    }

    /// Waits until the build number passes `build` (and the page passes `check`); the new number.
    @discardableResult
    func waitForBuild(
        after build: Int, timeout: TimeInterval = PreviewTests.patience,
        until check: (String) -> Bool = { _ in true }
    ) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let now = Int(try get("/__preview/build").body.trimmingCharacters(in: .whitespacesAndNewlines)), now > build,
                check(try get("/").body)
            {
                return now
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw PreviewFailure(message: "no rebuild after build \(build) within \(timeout) s; stderr: \(stderr)")
    }
}

struct PreviewFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func append(_ more: String) {
        lock.lock()
        text += more
        lock.unlock()
    }
    var value: String {
        lock.lock()
        defer { lock.unlock() }
        return text
    }
}
