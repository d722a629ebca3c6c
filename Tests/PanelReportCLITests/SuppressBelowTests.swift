import Foundation
import Testing

/// `build --suppress-below N` and review.yaml's `disclosure: {suppress_below: N}`.
@Suite struct SuppressBelowTests {
    @Test(arguments: ["1", "101", "0", "-3"])
    func aThresholdOutOfRangeIsAUsageError(value: String) throws {
        let scratch = try Scratch()
        let run = try CLI.run(["build", "--output", scratch.path("out"), "--suppress-below=\(value)"], timeout: 120)
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("--suppress-below \(value): expected a whole number from 2 to 100"), "\(run)")
        #expect(try CLI.report(in: scratch.path("out")).isEmpty)
    }

    @Test func theOptionWinsOverReviewYAML() throws {
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        let review = inputs + "/review.yaml"
        try (String(contentsOfFile: review, encoding: .utf8) + "disclosure: {suppress_below: 3}\n").write(
            toFile: review, atomically: true, encoding: .utf8)
        for (name, arguments) in [("yaml3", []), ("flag5", ["--suppress-below", "5"]), ("plain5", ["--suppress-below", "5"])] {
            let run = try CLI.run(
                ["build", "--inputs", name == "plain5" ? "Inputs" : inputs, "--output", scratch.path(name)] + arguments, timeout: 120)
            #expect(run.status == 0, "\(run)")
        }
        let yaml3 = try CLI.report(in: scratch.path("yaml3")), flag5 = try CLI.report(in: scratch.path("flag5"))
        let plain5 = try CLI.report(in: scratch.path("plain5"))
        let json = { (files: [String: Data]) in String(decoding: files["data/statistics.json"]!, as: UTF8.self) }
        #expect(json(yaml3).contains("\"suppressBelow\" : 3"))
        #expect(json(flag5).contains("\"suppressBelow\" : 5"))
        // The flag's build is the build of the same threshold without the yaml key
        // (but for the manifest, which records the inputs' digests).
        #expect(flag5.filter { $0.key != "manifest.json" } == plain5.filter { $0.key != "manifest.json" })
    }

    /// A cohort smaller than the threshold can publish nothing: refused at once (exit
    /// 65) in words, counted as disclosure control's problem, with nothing written.
    @Test func aCohortSmallerThanTheThresholdIsRefusedInWords() throws {
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        let cases = try FileManager.default.contentsOfDirectory(atPath: inputs + "/cases").sorted()
        for file in cases.dropFirst(3) { try FileManager.default.removeItem(atPath: inputs + "/cases/" + file) }
        let run = try CLI.run(["build", "--inputs", inputs, "--output", scratch.path("out"), "--suppress-below", "5"], timeout: 120)
        #expect(run.status == 65, "\(run)")
        let lines = run.stderr.split(separator: "\n").map(String.init).filter { !$0.contains(": warning: ") }
        #expect(
            lines == [
                "--suppress-below 5: only 3 cases are in the cohort, fewer than 5: every count of them, their number too, would be withheld, "
                    + "and nothing could be published; lower --suppress-below",
                "panel-report: 1 problem of disclosure control; nothing was written",
            ], "\(run)")
        #expect(try CLI.report(in: scratch.path("out")).isEmpty)
    }

    /// Withholding small counts changes what is written: --if-changed must not take it for an unchanged report.
    @Test func ifChangedRebuildsWhenTheThresholdChanges() throws {
        let scratch = try Scratch()
        let output = scratch.path("Output")
        #expect(try CLI.run(["build", "--output", output], timeout: 120).status == 0)
        let again = try CLI.run(["build", "--if-changed", "--suppress-below", "5", "--output", output], timeout: 120)
        #expect(again.status == 0, "\(again)")
        #expect(!again.stderr.contains("unchanged"), "\(again)")
        #expect(String(decoding: try CLI.report(in: output)["data/statistics.json"]!, as: UTF8.self).contains("\"suppressBelow\" : 5"))
        let same = try CLI.run(["build", "--if-changed", "--suppress-below", "5", "--output", output], timeout: 120)
        #expect(same.stderr.contains("unchanged"), "\(same)")
    }
}
