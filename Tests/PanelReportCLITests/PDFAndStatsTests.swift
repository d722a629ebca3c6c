import CaseModel
import Foundation
import Testing

@testable import BuildInputs
@testable import OutputFolder
@testable import PanelReportCLI
@testable import Platform
@testable import Preview

/// `build --pdf` (issue 14): the report printed by headless Chromium, and what
/// happens without Chromium. Needs `chromium`, which scripts/setup --checks installs.
@Suite(.serialized) struct PDFBuildTests {
    @Test func withoutChromiumTheBuildStopsWithExit69AndTheInstallCommandAndWritesNothing() throws {
        let scratch = try Scratch()
        let empty = scratch.path("no-programs")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let onPath = try CLI.run(["build", "--pdf", "--output", scratch.path("out")], environment: ["PATH": empty], timeout: 120)
        #expect(onPath.status == 69, "\(onPath)")
        #expect(onPath.stderr.contains("no 'chromium' is on PATH; install it with: sudo apt-get install chromium"), "\(onPath)")
        let named = try CLI.run(
            ["build", "--pdf", "--chromium", scratch.path("missing/chromium"), "--output", scratch.path("out")], timeout: 120)
        #expect(named.status == 69, "\(named)")
        #expect(named.stderr.contains("not an executable file; install Chromium with: sudo apt-get install chromium"), "\(named)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out/report.html")))
    }

    @Test func thePDFIsA4TaggedWithAnOutlineTitleAndLanguageAndTheSameBytesTwice() throws {
        let scratch = try Scratch()
        for name in ["one", "two"] {
            let run = try CLI.run(["build", "--pdf", "--output", scratch.path(name)], timeout: 300)
            #expect(run.status == 0, "\(run)")
        }
        let one = try Data(contentsOf: URL(fileURLWithPath: scratch.path("one/report.pdf")))
        let two = try Data(contentsOf: URL(fileURLWithPath: scratch.path("two/report.pdf")))
        #expect(one.starts(with: Array("%PDF-".utf8)))
        // Identical input, identical bytes: Chromium's print time is replaced by the publication date.
        #expect(one == two)
        let text = String(decoding: one, as: UTF8.self)
        #expect(text.contains("/Title (The role of fathers and male carers in non-accidental injury to babies)"))
        #expect(text.contains("/Lang (en-GB)"))
        #expect(text.contains("/Outlines"))
        #expect(text.contains("/StructTreeRoot"))
        #expect(text.contains("/MediaBox [0 0 594.95996 841.91998]"))
        #expect(text.contains("/CreationDate (D:20210915000000+00'00')"))
        // No link into the folder it was printed from.
        #expect(!text.contains("file://"))
        // The report's record lists the PDF; a build without --pdf takes it away with the old report.
        let record = try String(contentsOfFile: scratch.path("one/.panel-report-output"), encoding: .utf8)
        #expect(record.contains("report.pdf"))
        let again = try CLI.run(["build", "--output", scratch.path("one")], timeout: 120)
        #expect(again.status == 0, "\(again)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("one/report.pdf")))
    }

    @Test func onlyChromiumsOwnDateFormIsRestamped() {
        let published = ISODate(year: 2021, month: 9, day: 15)
        let pdf = Data(
            "/CreationDate (D:20261129181511+00'00')\n/ModDate (D:20261129181511-05'30')\n/Other (D:20261129181511+00'00')\n/ModDate (D:2026)"
                .utf8)
        let stamped = String(decoding: PDFPrinting.stamped(pdf, published: published), as: UTF8.self)
        #expect(
            stamped
                == "/CreationDate (D:20210915000000+00'00')\n/ModDate (D:20210915000000+00'00')\n/Other (D:20261129181511+00'00')\n/ModDate (D:2026)"
        )
        #expect(PDFPrinting.stamped(pdf, published: published).count == pdf.count)
    }
}

@Suite struct StatsAlignmentTests {
    @Test func thePercentagesLineUpInOneColumnAndNoLineEndsInSpaces() throws {
        let run = try CLI.run(["stats"], timeout: 120)
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let shares = lines.filter { $0.contains("% of ") }
        #expect(shares.count > 20)
        // The column of percentages ends at one place on every line: "  9% of 23" under " 17% of 23".
        let ends = Set(shares.map { $0.distance(from: $0.startIndex, to: $0.firstIndex(of: "%")!) })
        #expect(ends.count == 1, "\(shares)")
        #expect(lines.allSatisfy { $0.last != " " })
    }
}
