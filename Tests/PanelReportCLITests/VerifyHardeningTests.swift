import Foundation
import Testing

/// `verify` passes over exactly the files a build keeps beside the report, as
/// files, and refuses a manifest it would count or look outside by (issue 29, items 3 and 5).
@Suite struct VerifyHardeningTests {
    typealias Built = ScheduledJobTests.Built
    let fm = FileManager.default

    @Test func hiddenNamesThatABuildDoesNotWriteAreUnexpected() throws {
        let built = try Built()
        let out = built.output
        try fm.createDirectory(atPath: out + "/.panel-report-x", withIntermediateDirectories: true)
        try Data("case C01".utf8).write(to: URL(fileURLWithPath: out + "/.panel-report-x/report.html"))
        try fm.createSymbolicLink(atPath: out + "/.panel-report-etc", withDestinationPath: "/etc")
        try Data("<script>".utf8).write(to: URL(fileURLWithPath: out + "/.panel-report-evil.html"))
        let run = try CLI.run(["verify", "--output", out], timeout: 60)
        #expect(run.status == 65, "\(run)")
        #expect(
            run.lines.dropLast() == [
                "\(out)/.panel-report-etc: unexpected (the manifest does not list it)",
                "\(out)/.panel-report-evil.html: unexpected (the manifest does not list it)",
                "\(out)/.panel-report-x/report.html: unexpected (the manifest does not list it)",
            ], "\(run)")
    }

    @Test func aBookkeepingNameOfTheWrongKindIsUnexpected() throws {
        let built = try Built()
        let lock = built.output + "/.panel-report-lock"
        try fm.removeItem(atPath: lock)
        try fm.createSymbolicLink(atPath: lock, withDestinationPath: "/etc/passwd")
        let run = try CLI.run(["verify", "--output", built.output], timeout: 60)
        #expect(run.status == 65, "\(run)")
        #expect(run.lines.first == "\(built.output)/.panel-report-lock: unexpected (the manifest does not list it)", "\(run)")
    }

    @Test(arguments: [
        ("report.html", "lists \"report.html\" more than once, which panel-report never writes"),
        ("../../etc/passwd", "lists \"../../etc/passwd\", which is not a path inside the report folder"),
        ("/etc/passwd", "lists \"/etc/passwd\", which is not a path inside the report folder"),
        ("data//figure-1.csv", "lists \"data//figure-1.csv\", which is not a path inside the report folder"),
        ("./report.html", "lists \"./report.html\", which is not a path inside the report folder"),
        ("data\\\\figure-1.csv", "lists \"data\\\\figure-1.csv\", which is not a path inside the report folder"),
    ])
    func aManifestWithAPathItWouldNotWriteIsRefused(path: String, why: String) throws {
        let built = try Built()
        let file = built.output + "/manifest.json"
        var manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        var files = try #require(manifest["files"] as? [[String: Any]])
        files.append(["path": path, "sha256": String(repeating: "0", count: 64), "size": 1])
        manifest["files"] = files
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: file))
        let run = try CLI.run(["verify", "--output", built.output], timeout: 60)
        #expect(run.status == 65, "\(run)")
        #expect(run.lines == ["panel-report: \(built.output)/manifest.json \(why); build the report again"], "\(run)")
    }
}
