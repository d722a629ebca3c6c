import Foundation
import Testing

@testable import ReportRendering

/// A baseline is read only when it says it is a statistics.json of the schema this version writes.
@Suite struct BaselineSchemaTests {
    private func read(_ json: String) -> String? {
        do {
            _ = try Baseline(json: Data(json.utf8), name: "old/statistics.json")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func schemaOneIsRead() throws {
        let baseline = try Baseline(json: Data(#"{"schema": 1, "values": {"sex.male": {"count": 15, "total": 23}}}"#.utf8), name: "b.json")
        #expect(baseline.values["sex.male"] == .count(15, of: 23))
    }

    @Test func missingSchemaIsRefused() {
        #expect(
            read(#"{"values": {"sex.male": {"count": 15, "total": 23}}}"#)
                == #"old/statistics.json: has no "schema"; expected a statistics.json written by panel-report, with "schema": 1"#)
    }

    @Test(arguments: [#"2"#, #""1""#, #"1.5"#, #"true"#, #"null"#])
    func unknownSchemaIsRefused(_ schema: String) {
        #expect(
            read(#"{"schema": \#(schema), "values": {}}"#)
                == #"old/statistics.json: "schema" is \#(schema), which this panel-report cannot read; expected "schema": 1 (rebuild the baseline with this version)"#
        )
    }

    /// A key of the baseline is unknown content: shown escaped and cut, like any input.
    @Test func keysAreEchoedShortAndEscaped() {
        let key = "\u{202E}" + String(repeating: "k", count: 20_000)
        #expect(
            read(#"{"schema": 1, "values": {"\#(key)": 5}}"#) == "old/statistics.json: the value \"<U+202E>"
                + String(repeating: "k", count: 59) + "…\" is not an object")
    }
}
