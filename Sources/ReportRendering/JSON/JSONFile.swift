import Foundation

/// How panel-report writes every JSON file (`statistics.json`, a draft's
/// `cases.json`, `manifest.json`): `JSONEncoder` with sorted keys, two-space
/// indentation and `/` unescaped, and a final newline, so that identical values
/// give identical bytes.
public enum JSONFile {
    public static func data(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // JSONEncoder refuses only a floating-point number that is not finite, and
        // panel-report writes no floating-point number (shares are whole percents).
        guard var data = try? encoder.encode(value) else {
            preconditionFailure("JSONEncoder refused a value with no floating-point number in it")
        }
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
