import Foundation
import Testing

@testable import BuildInputs
@testable import OutputFolder
@testable import PanelReportCLI
@testable import Platform
@testable import Preview

/// The preview's pieces that need no server: the offending line, the Host check,
/// the problems page and the watcher.
@Suite struct PreviewPartsTests {
    @Test func theOffendingLineIsTheFilesLineAsItIs() {
        let bytes = Array("first\r\nsecond\n\nlast without a break".utf8)
        #expect(PreviewProblem.sourceLine(1, of: bytes) == "first")
        #expect(PreviewProblem.sourceLine(2, of: bytes) == "second")
        #expect(PreviewProblem.sourceLine(3, of: bytes) == "")
        #expect(PreviewProblem.sourceLine(4, of: bytes) == "last without a break")
        #expect(PreviewProblem.sourceLine(5, of: bytes) == nil)
        #expect(PreviewProblem.sourceLine(0, of: bytes) == nil)
        // An editor's line after the last line break is line N+1, and empty.
        #expect(PreviewProblem.sourceLine(2, of: Array("only\n".utf8)) == "")
        // Hidden characters are named, long lines cut.
        #expect(PreviewProblem.sourceLine(1, of: Array("a\u{202E}b\u{7}".utf8)) == "aU+202EbU+0007")
        let long = PreviewProblem.sourceLine(1, of: Array(String(repeating: "x", count: 1000).utf8))
        #expect(long == String(repeating: "x", count: 400) + "…")
    }

    @Test func theHostHeaderIsReadAsBrowsersSendIt() {
        #expect(PreviewHandler.hostName("127.0.0.1:8710") == "127.0.0.1")
        #expect(PreviewHandler.hostName("LocalHost:8710") == "localhost")
        #expect(PreviewHandler.hostName("[::1]:8710") == "::1")
        #expect(PreviewHandler.hostName("localhost") == "localhost")
        #expect(PreviewHandler.hostName("127.0.0.1.attacker.example:8710") == "127.0.0.1.attacker.example")
    }

    @Test func theProblemsPageShowsEachProblemWithItsLineAndOnlyTheReloadScript() throws {
        let html = try PreviewProblemsPage.html(
            [
                PreviewProblem(
                    place: "Inputs/cases/C07.yaml:12:14", message: "harm.outcome: \"x\" <is> not valid", isWarning: false,
                    line: 12, source: "  outcome: x & y", column: 14),
                PreviewProblem(place: "Inputs/cases/notes.txt", message: "ignored: not a .yaml or .yml file", isWarning: true),
            ], inputs: "Inputs", templates: "Templates", reloadScript: "/__preview/reload.js?build=3")
        #expect(html.contains("<title>Preview: 1 problem to fix</title>"))
        #expect(
            html.contains(
                "<p class=\"place\">Inputs/cases/C07.yaml:12:14</p><p class=\"message\">harm.outcome: &quot;x&quot; &lt;is&gt; not valid</p>"
            ))
        #expect(
            html.contains(
                "<span class=\"number\">12 | </span>  outcome: x &amp; y\n<span class=\"number\">   | </span>             ^</code>"))
        #expect(html.contains("<li class=\"warning\"><p class=\"place\">Inputs/cases/notes.txt</p><p class=\"message\">Warning: ignored"))
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(html.hasSuffix("<script src=\"/__preview/reload.js?build=3\"></script></body></html>\n"))
        #expect(
            html.contains(
                "content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action "
                    + "'none'\""))
    }

    @Test func aSnapshotChangesWithAnyByteAndFollowsOnlyTheNamedFolderIfItIsALink() throws {
        let scratch = try Scratch()
        try scratch.write("real/cases/C01.yaml", "id: C01\n")
        try scratch.write("outside.yaml", "secret\n")
        #expect(symlink(scratch.path("real"), scratch.path("inputs")) == 0)
        #expect(symlink(scratch.path("outside.yaml"), scratch.path("real/cases/C02.yaml")) == 0)
        try scratch.write("real/.C01.yaml.swp", "editor state")
        let first = FolderSnapshot.take([scratch.path("inputs")])
        #expect(first.entries[scratch.path("inputs") + "/cases/C01.yaml"] == .file(Array("id: C01\n".utf8)))
        // A link inside is recorded by where it points, never read; hidden files are left out.
        #expect(first.entries[scratch.path("inputs") + "/cases/C02.yaml"] == .link(scratch.path("outside.yaml")))
        #expect(!first.entries.keys.contains { $0.hasSuffix(".swp") })
        try scratch.write("real/.C01.yaml.swp", "more editor state")
        #expect(FolderSnapshot.take([scratch.path("inputs")]) == first)
        // One byte changed, the same size: a different snapshot.
        try scratch.write("real/cases/C01.yaml", "id: C02\n")
        #expect(FolderSnapshot.take([scratch.path("inputs")]) != first)
    }

    @Test func theWatcherWakesForAFileRenamedOverAnotherAndForANewFolder() throws {
        let scratch = try Scratch()
        try scratch.write("inputs/cases/C01.yaml", "id: C01\n")
        let (watcher, fallbackReason) = watchFolders([scratch.path("inputs")])
        try #require(fallbackReason == nil, "inotify is not available here: \(fallbackReason ?? "")")
        let woke = DispatchSemaphore(value: 0)
        // The new file's own events are taken first, so that the wake below is the rename's.
        try scratch.write("inputs/cases/C01.yaml.new", "id: C01\nage: 2\n")
        watcher.waitForChange()
        Thread {
            watcher.waitForChange()
            woke.signal()
        }.start()
        Thread.sleep(forTimeInterval: 0.1)
        #expect(rename(scratch.path("inputs/cases/C01.yaml.new"), scratch.path("inputs/cases/C01.yaml")) == 0)
        #expect(woke.wait(timeout: .now() + 10) == .success)
        // A folder that appears is watched from then on.
        Thread {
            watcher.waitForChange()
            woke.signal()
        }.start()
        try FileManager.default.createDirectory(atPath: scratch.path("inputs/more"), withIntermediateDirectories: true)
        #expect(woke.wait(timeout: .now() + 10) == .success)
        Thread {
            watcher.waitForChange()
            woke.signal()
        }.start()
        try scratch.write("inputs/more/C02.yaml", "id: C02\n")
        #expect(woke.wait(timeout: .now() + 10) == .success)
    }
}
