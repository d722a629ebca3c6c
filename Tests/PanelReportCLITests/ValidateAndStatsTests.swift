import Foundation
import XCTest

/// `panel-report validate` and `panel-report stats` as a data manager uses them.
final class ValidateAndStatsTests: XCTestCase {
    func testValidateConfirmsTheReferenceCohort() throws {
        let result = try CLI.run(["validate"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "Inputs: valid. 23 cases in 19 areas, 26 files read.\n")
        XCTAssertEqual(result.stderr, "")
    }

    func testValidateReportsEveryProblemAtOnceThenExits65() throws {
        let inputs = try CLI.copyOfInputs(self)
        func edit(_ file: String, _ from: String, _ to: String) throws {
            let url = inputs.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            XCTAssertTrue(text.contains(from), "\(file) has no \(from)")
            try text.replacingOccurrences(of: from, with: to).write(to: url, atomically: true, encoding: .utf8)
        }
        try edit("cases/C02.yaml", "age_months:", "age_mnths:")
        try edit("cases/C05.yaml", "sex: male", "sex: boy")
        try edit("cases/C09.yaml", "id: C09", "id: C08")
        let result = try CLI.run(["validate", "--inputs", inputs.path])
        XCTAssertEqual(result.status, 65)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.contains("C02.yaml:") && $0.contains("age_mnths") }, result.stderr)
        XCTAssertTrue(lines.contains { $0.contains("C05.yaml:") && $0.contains(#""boy" is not a valid value; expected one of: male, female"#) }, result.stderr)
        XCTAssertTrue(lines.contains { $0.contains("C09.yaml:") && $0.contains("C08.yaml") }, result.stderr)
        XCTAssertEqual(lines.last, "panel-report: \(lines.count - 1) errors in \(inputs.path); nothing was written")
        XCTAssertEqual(result.stdout, "")
    }

    func testAfter200ProblemsItSaysHowManyMore() throws {
        let inputs = try CLI.copyOfInputs(self)
        let c01 = try String(contentsOf: inputs.appendingPathComponent("cases/C01.yaml"), encoding: .utf8)
        for i in 1...210 {
            try (c01.replacingOccurrences(of: "id: C01", with: "id: X\(i)") + "colour: blue\n")
                .write(to: inputs.appendingPathComponent("cases/X\(i).yaml"), atomically: true, encoding: .utf8)
        }
        let result = try CLI.run(["validate", "--inputs", inputs.path])
        XCTAssertEqual(result.status, 65)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 202, result.stderr)
        XCTAssertEqual(lines.filter { $0.contains("colour") }.count, 200)
        XCTAssertEqual(lines[200], "… and 10 more problems not shown")
        XCTAssertEqual(lines[201], "panel-report: 210 errors in \(inputs.path); nothing was written")
    }

    func testStatsPrintsAnAlignedTableOfTheHeadlineNumbers() throws {
        let result = try CLI.run(["stats"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Cases in the cohort ") && $0.hasSuffix(" 23") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("  Died ") && $0.hasSuffix(" 4  17% of 23") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Regions covered ") && $0.hasSuffix(" 8  89% of 9") }, result.stdout)
        // Numbers line up in one column.
        let ends = Set(lines.filter { $0.hasSuffix(" 23") && !$0.contains("%") }.map(\.count))
        XCTAssertEqual(ends.count, 1)
    }

    func testStatsAsJSONIsTheStatisticsFile() throws {
        let result = try CLI.run(["stats", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let out = try CLI.scratch(self).appendingPathComponent("Output")
        XCTAssertEqual(try CLI.run(["build", "--output", out.path]).status, 0)
        XCTAssertEqual(Data(result.stdout.utf8), try Data(contentsOf: out.appendingPathComponent("data/statistics.json")))
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let values = try XCTUnwrap(json["values"] as? [String: [String: Any]])
        XCTAssertEqual(values["outcome.died"]?["count"] as? Int, 4)
        XCTAssertEqual(values["outcome.died"]?["total"] as? Int, 23)
        XCTAssertEqual(values["boys-per-girl"]?["ratio"] as? Bool, true)
        XCTAssertEqual(values["modal-age"]?["text"] as? String, "3 months")
    }
}
