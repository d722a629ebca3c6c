import Foundation
import Testing

/// `panel-report validate` and `panel-report stats` as a data manager uses them.
@Suite final class ValidateAndStatsTests {
    /// Scratch folders, removed when the test ends.
    let folders = ScratchFolders()

    @Test func validateConfirmsTheReferenceCohort() throws {
        let result = try CLI.run(["validate"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Inputs: valid. 23 cases in 19 areas, 26 files read.\n")
        #expect(result.stderr == "")
    }

    @Test func validateReportsEveryProblemAtOnceThenExits65() throws {
        let inputs = try CLI.copyOfInputs(folders)
        func edit(_ file: String, _ from: String, _ to: String) throws {
            let url = inputs.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains(from), "\("\(file) has no \(from)")")
            try text.replacingOccurrences(of: from, with: to).write(to: url, atomically: true, encoding: .utf8)
        }
        try edit("cases/C02.yaml", "age_months:", "age_mnths:")
        try edit("cases/C05.yaml", "sex: male", "sex: boy")
        try edit("cases/C09.yaml", "id: C09", "id: C08")
        let result = try CLI.run(["validate", "--inputs", inputs.path])
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("C02.yaml:") && $0.contains("age_mnths") }, "\(result.stderr)")
        #expect(
            lines.contains { $0.contains("C05.yaml:") && $0.contains(#""boy" is not a valid value; expected one of: male, female"#) },
            "\(result.stderr)")
        #expect(lines.contains { $0.contains("C09.yaml:") && $0.contains("C08.yaml") }, "\(result.stderr)")
        #expect(lines.last == "panel-report: \(lines.count - 1) errors in \(inputs.path); nothing was written")
        #expect(result.stdout == "")
    }

    @Test func after200ProblemsItSaysHowManyMore() throws {
        let inputs = try CLI.copyOfInputs(folders)
        let c01 = try String(contentsOf: inputs.appendingPathComponent("cases/C01.yaml"), encoding: .utf8)
        for i in 1...210 {
            try (c01.replacingOccurrences(of: "id: C01", with: "id: X\(i)") + "colour: blue\n")
                .write(to: inputs.appendingPathComponent("cases/X\(i).yaml"), atomically: true, encoding: .utf8)
        }
        let result = try CLI.run(["validate", "--inputs", inputs.path])
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 202, "\(result.stderr)")
        #expect(lines.filter { $0.contains("colour") }.count == 200)
        #expect(lines[200] == "… and 10 more problems not shown")
        #expect(lines[201] == "panel-report: 210 errors in \(inputs.path); nothing was written")
    }

    @Test func statsPrintsAnAlignedTableOfTheHeadlineNumbers() throws {
        let result = try CLI.run(["stats"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Cases in the cohort ") && $0.hasSuffix(" 23") })
        #expect(lines.contains { $0.hasPrefix("  Died ") && $0.hasSuffix(" 4  17% of 23") }, "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("Regions covered ") && $0.hasSuffix(" 8  89% of 9") }, "\(result.stdout)")
        // Numbers line up in one column.
        let ends = Set(lines.filter { $0.hasSuffix(" 23") && !$0.contains("%") }.map(\.count))
        #expect(ends.count == 1)
    }

    @Test func statsAsJSONIsTheStatisticsFile() throws {
        let result = try CLI.run(["stats", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let out = try CLI.scratch(folders).appendingPathComponent("Output")
        #expect(try CLI.run(["build", "--output", out.path]).status == 0)
        #expect(try Data(result.stdout.utf8) == Data(contentsOf: out.appendingPathComponent("data/statistics.json")))
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let values = try #require(json["values"] as? [String: [String: Any]])
        #expect(values["outcome.died"]?["count"] as? Int == 4)
        #expect(values["outcome.died"]?["total"] as? Int == 23)
        #expect(values["boys-per-girl"]?["ratio"] as? Bool == true)
        #expect(values["modal-age"]?["text"] as? String == "3 months")
    }
}
