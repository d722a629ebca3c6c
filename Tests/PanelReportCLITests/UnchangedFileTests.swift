import Foundation
import Testing

/// A rebuild whose file holds exactly the bytes already in place keeps that file
/// (the staging folder gets a second name for it) instead of writing, syncing and
/// deleting a copy. Only a file that is exactly the same, and that nothing outside
/// the report also names, is kept; everything else is written new.
struct UnchangedFileTests {
    /// (device, inode, link count) of every report file under `folder`.
    static func identities(in folder: String) throws -> [String: [UInt64]] {
        var result: [String: [UInt64]] = [:]
        for name in try CLI.report(in: folder).keys {
            var info = stat()
            #expect(lstat(folder + "/" + name, &info) == 0, "\(name)")
            result[name] = [UInt64(info.st_dev), UInt64(info.st_ino), UInt64(info.st_nlink)]
        }
        return result
    }

    func build(_ inputs: String, into output: String, _ extra: [String] = []) throws {
        let run = try CLI.run(["build", "--inputs", inputs, "--output", output] + extra, timeout: 120)
        #expect(run.status == 0, "\(run)")
    }

    /// `body` with a copy of the reference inputs, built once (with `extra`) into
    /// `output`; the scratch folder holding both lives until `body` returns.
    func afterABuild(_ extra: [String] = [], _ body: (_ scratch: Scratch, _ inputs: String, _ output: String) throws -> Void) throws {
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        let output = scratch.path("out")
        try build(inputs, into: output, extra)
        try withExtendedLifetime(scratch) { try body(scratch, inputs, output) }
    }

    @Test func anUnchangedRebuildKeepsEveryFileAndLeavesOneNameForEach() throws {
        try afterABuild { _, inputs, output in
            let first = try CLI.report(in: output)
            let before = try Self.identities(in: output)
            try build(inputs, into: output)
            #expect(try CLI.report(in: output) == first)
            #expect(
                try Self.identities(in: output) == before, "the same files, each with one name (the old report's second names are gone)")
            #expect(before.count == ReferenceFiles.published.count)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: output).sorted()
                    == [".panel-report-lock", ".panel-report-output", "data", "figures", "manifest.json", "report.html"])
        }
    }

    @Test func aChangedCaseWritesTheFilesThatChangedAndKeepsTheOthers() throws {
        try afterABuild { scratch, inputs, output in
            let old = try CLI.report(in: output)
            let before = try Self.identities(in: output)
            let c01 = inputs + "/cases/C01.yaml"
            let text = try String(contentsOfFile: c01, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "sex: male", with: "sex: female").utf8).write(to: URL(fileURLWithPath: c01))
            try build(inputs, into: output)
            let new = try CLI.report(in: output)
            let after = try Self.identities(in: output)
            // The new report is exactly what a build into an empty folder writes.
            try build(inputs, into: scratch.path("fresh"))
            #expect(try CLI.report(in: scratch.path("fresh")) == new)
            let changed = Set(new.keys.filter { new[$0] != old[$0] })
            #expect(changed.isSuperset(of: ["report.html", "data/statistics.json", "manifest.json"]))
            #expect(changed.count < new.count, "some figures do not depend on the child's sex")
            for name in new.keys {
                #expect(after[name]?[2] == 1, "\(name) has one name")
                if changed.contains(name) {
                    #expect(after[name] != before[name], "\(name) changed: a new file")
                } else {
                    #expect(after[name] == before[name], "\(name) did not change: the same file")
                }
            }
        }
    }

    @Test func aFileEditedInPlaceOrNamedElsewhereIsWrittenNewAndTheOtherNameKeepsItsBytes() throws {
        try afterABuild { scratch, inputs, output in
            let report = try CLI.report(in: output)
            let before = try Self.identities(in: output)
            // Same size, one byte different: not the report's bytes any more.
            let svg = output + "/figures/figure-1.svg"
            var edited = try #require(report["figures/figure-1.svg"])
            edited[edited.count - 2] ^= 0x20
            try edited.write(to: URL(fileURLWithPath: svg))
            // A second name outside the report (a user's link to the published page).
            let elsewhere = scratch.path("published.html")
            #expect(link(output + "/report.html", elsewhere) == 0)
            try build(inputs, into: output)
            #expect(try CLI.report(in: output) == report, "the report's own bytes, both files written again")
            let after = try Self.identities(in: output)
            #expect(after["figures/figure-1.svg"]?[1] != before["figures/figure-1.svg"]?[1])
            #expect(after["report.html"]?[1] != before["report.html"]?[1])
            #expect(after["figures/figure-2.svg"] == before["figures/figure-2.svg"])
            // The user's name still holds the page as it was, and is now its only name.
            #expect(try Data(contentsOf: URL(fileURLWithPath: elsewhere)) == report["report.html"])
            var info = stat()
            #expect(lstat(elsewhere, &info) == 0 && info.st_nlink == 1 && UInt64(info.st_ino) == before["report.html"]?[1])
        }
    }

    @Test func aDraftKeepsItsFiguresAndDataButWritesItsPageWithItsNewTime() throws {
        try afterABuild(["--draft"]) { _, inputs, output in
            let before = try Self.identities(in: output)
            let page = try #require(try CLI.report(in: output)["report.html"])
            let run = try CLI.run(
                ["build", "--inputs", inputs, "--output", output, "--draft"],
                environment: ["SOURCE_DATE_EPOCH": "1800000000"], timeout: 120)
            #expect(run.status == 0, "\(run)")
            let after = try Self.identities(in: output)
            #expect(try CLI.report(in: output)["report.html"] != page)
            #expect(after["report.html"] != before["report.html"])
            #expect(after["figures/figure-3.svg"] == before["figures/figure-3.svg"])
            #expect(after["data/statistics.json"] == before["data/statistics.json"])
        }
    }
}
