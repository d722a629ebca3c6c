/// Turns file bytes into text, refusing anything that is not UTF-8.
public enum UTF8Text {
    /// The text of `bytes` without a leading byte-order mark, or a diagnostic naming the
    /// line and byte offset of the first byte that is not UTF-8.
    public static func decode(_ bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let offset = firstInvalidOffset(body) {
            let line = bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let byte = "0x" + String(bytes[offset], radix: 16, uppercase: true)
            return .failure(
                .error(
                    at: SourceLocation(file: file, position: .line(line)),
                    "not valid UTF-8 text: byte \(byte) at byte offset \(offset); save the file as UTF-8"))
        }
        return .success(String(decoding: body, as: UTF8.self))
    }

    /// The offset (in the whole array) of the first byte that does not start a valid
    /// UTF-8 sequence, or `nil` if all are valid. Overlong forms and surrogates are invalid.
    static func firstInvalidOffset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            if bytes[i] < 0x80 {
                i += 1
                continue
            }
            let length = sequenceLength(bytes, at: i, end: end)
            if length == 0 { return i }
            i += length
        }
        return nil
    }

    /// The length of the valid UTF-8 sequence that starts at `i` (1 to 4 bytes) and
    /// ends before `end`, or 0 when the bytes there are not one.
    @inline(__always)
    static func sequenceLength<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at i: Int, end: Int) -> Int
    where Bytes.Index == Int {
        let b = bytes[i]
        if b < 0x80 { return 1 }
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch b {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return 0
        }
        for k in 1..<length {
            let at = i + k
            guard at < end else { return 0 }
            let c = bytes[at]
            let lo: UInt8 = k == 1 ? low : 0x80, hi: UInt8 = k == 1 ? high : 0xBF
            if c < lo || c > hi { return 0 }
        }
        return length
    }
}
