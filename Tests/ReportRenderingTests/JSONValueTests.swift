import CaseModel
import CohortStatistics
import Foundation
import PropertyBased
import Testing
@testable import ReportRendering

/// The JSON files are written by ``JSONValue`` instead of Foundation's
/// `JSONEncoder`; the files must not change by a byte. `JSONEncoder`, set up as
/// panel-report used to write them, is the oracle: for each written type,
/// through its (synthesized) `Encodable` conformance, and for awkward values,
/// through `JSONValue`'s own.
@Suite struct JSONValueTests {
    static func oracle(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(value))
    }

    /// `value` written both ways, the same bytes.
    static func expectSameBytes(_ value: some Encodable & JSONRepresentable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let written = value.json.encoded()
        let expected = try oracle(value)
        #expect(written == expected, "\(firstDifference(written, expected))", sourceLocation: sourceLocation)
    }

    /// Where two writings part, with a little of each from there.
    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String {
        let at = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        func excerpt(_ bytes: [UInt8]) -> String { String(decoding: bytes[at...].prefix(80), as: UTF8.self) }
        return "byte \(at): written \(excerpt(a).debugDescription), JSONEncoder \(excerpt(b).debugDescription)"
    }

    // MARK: - The files panel-report writes

    @Test func theReferenceStatisticsAreWrittenAsJSONEncoderWroteThem() throws {
        let cohort = ReferenceBuild.cohort
        let statistics = CohortStatistics(cohort)
        let values = ReportValues(statistics: statistics, review: cohort.review)
        try Self.expectSameBytes(StatisticsFile(statistics: statistics, values: values))
    }

    @Test func withheldCountsAndTheDisclosureKeyAreWrittenAsJSONEncoderWroteThem() throws {
        let cohort = ReferenceBuild.cohort
        let statistics = CohortStatistics(cohort)
        let values = ReportValues(statistics: statistics, review: cohort.review)
        let file = StatisticsFile(statistics: statistics, values: values,
                                  disclosure: Disclosure(threshold: 5, values: values, statistics: statistics))
        #expect(String(decoding: file.json.encoded(), as: UTF8.self).contains("\"count\" : \"[c]\""))
        try Self.expectSameBytes(file)
    }

    @Test func aDraftsCasesAreWrittenAsJSONEncoderWroteThem() throws {
        var cohort = ReferenceBuild.cohort
        // Text a reviewer might type, in the fields a draft records.
        cohort.cases[0].summary = "Said \"no\" twice\\then left.\nSeen 1/2 times,\ttwice\r\u{0C}\u{08}\u{1F} — Zoë, 日本, 🐣, \u{2028}\u{7F}"
        cohort.cases[1].learning.append(LearningPoint(theme: cohort.vocabulary.themes[0].code, text: "</script> & \u{0}", publishable: false))
        let statistics = CohortStatistics(cohort)
        let values = ReportValues(statistics: statistics, review: cohort.review)
        let file = DraftRecordFile(built: ReferenceBuild.stamp.built, values: StatisticsFile.named(values),
                                   cases: cohort.cases.map { CaseRecord($0, vocabulary: cohort.vocabulary) })
        try Self.expectSameBytes(file)
    }

    @Test func theBuildWritesTheSameBytesAsJSONEncoderWithAFinalNewline() throws {
        let cohort = ReferenceBuild.cohort
        let statistics = CohortStatistics(cohort)
        let values = ReportValues(statistics: statistics, review: cohort.review)
        let expected = try Self.oracle(StatisticsFile(statistics: statistics, values: values)) + [UInt8(ascii: "\n")]
        #expect(ReferenceBuild.published["data/statistics.json"].map { [UInt8]($0) } == expected)
    }

    // MARK: - Awkward values

    /// Keys JSONEncoder sorts by their UTF-8 bytes: capitals before small letters,
    /// a shorter prefix first, digits as text, non-ASCII last.
    static let awkwardKeys = ["b", "B", "a", "", "a b", "a/b", "q\"", "back\\slash", "\u{1}", "\u{7F}", "é", "z", "Z10", "Z9", "_",
                              "😀", "\u{FF21}", "line\nbreak", "aa", "a\u{0}"]

    @Test func awkwardKeysAreSortedAndEscapedAsJSONEncoderDoes() throws {
        let object = JSONValue.object(Self.awkwardKeys.enumerated().map { ($0.element, .int($0.offset)) })
        #expect(object.encoded() == (try Self.oracle(object)))
        // A decomposed é (e and a combining accent) is another key, sorted by its own bytes.
        let decomposed = JSONValue.object(["e\u{301}", "f", "e"].map { ($0, .null) })
        #expect(decomposed.encoded() == (try Self.oracle(decomposed)))
    }

    @Test func everyControlCharacterAndOtherAwkwardTextIsEscapedAsJSONEncoderDoes() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))
        let strings: [JSONValue] = [.string(controls), "\"quoted\" \\ / // </script>", "é 日本語 🐣 \u{2028}\u{2029} \u{7F} \u{85}", "", " "]
        let value = JSONValue.array(strings)
        #expect(value.encoded() == (try Self.oracle(value)))
    }

    @Test func emptyContainersNumbersAndLiteralsAreWrittenAsJSONEncoderDoes() throws {
        let value: JSONValue = [
            "emptyArray": .array([]), "emptyObject": [:], "arrayOfEmpties": .array([[:], .array([]), .array([.array([])])]),
            "nested": ["deeper": ["deepest": .array([1, -1, 0])]],
            "numbers": .array([.int(Int.max), .int(Int.min), 42]), "flags": .array([true, false]), "nothing": .null,
            "absent": nil,
        ]
        #expect(value.encoded() == (try Self.oracle(value)))
        #expect(JSONValue.array([]).encoded() == Array("[\n\n]".utf8))
        #expect(JSONValue.string("top").encoded() == (try Self.oracle(JSONValue.string("top"))))
    }

    @Test func aFileEndsWithOneNewline() {
        let value: JSONValue = ["schema": 1]
        #expect(value.fileData() == Data("{\n  \"schema\" : 1\n}\n".utf8))
    }

    @Test func randomValuesAreWrittenAsJSONEncoderWritesThem() async {
        let pieces = ["a", "Z", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{1F}", " ", "é", "e\u{301}", "🐣", "\u{7F}", "1", "[c]"]
        // Each pick says what to put where: a container's members or elements come from the picks after it.
        await propertyCheck(count: 200, input: Gen.int(in: 0...(pieces.count * 4 - 1)).array(of: 0...40)) { picks in
            var rest = picks[...]
            func text() -> String {
                defer { rest = rest.dropFirst(3) }
                return rest.prefix(3).map { pieces[$0 % pieces.count] }.joined()
            }
            func value(depth: Int) -> JSONValue {
                guard let pick = rest.popFirst() else { return .null }
                switch pick % 6 {
                case 0 where depth < 4:
                    let count = pick % 4
                    var keys: Set<String> = []
                    var members: [(key: String, value: JSONValue)] = []
                    for index in 0..<count {
                        let key = text() + String(index)
                        // JSONEncoder keeps one of two keys Swift calls equal (é and e + accent).
                        if keys.insert(key).inserted { members.append((key, value(depth: depth + 1))) }
                    }
                    return .object(members)
                case 1 where depth < 4: return .array((0..<(pick % 4)).map { _ in value(depth: depth + 1) })
                case 2: return .int(pick * (pick % 2 == 0 ? 1 : -1_000_003))
                case 3: return .bool(pick % 2 == 0)
                case 4: return .string(text())
                default: return .null
                }
            }
            let generated = value(depth: 0)
            #expect(generated.encoded() == (try? Self.oracle(generated)))
        }
    }
}
