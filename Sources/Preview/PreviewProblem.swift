import Foundation
import Platform
import XMLWriter

/// One problem as the preview shows it: where, what, and the line it is about.
public struct PreviewProblem: Equatable {
    /// `Inputs/cases/C07.yaml:12:14`, `Templates/chapters/03-data.md:8`, or a file or folder alone.
    public var place: String
    public var message: String
    public var isWarning: Bool
    /// The 1-based line the problem is on, and its text as the file holds it now.
    var line: Int?
    var source: String?
    /// The 1-based column (in characters) it points at, if it has one.
    var column: Int?

    /// The offending line of `bytes` (1-based), without its line break, cut to
    /// 400 characters and with control and invisible characters written as U+XXXX.
    static func sourceLine(_ line: Int, of bytes: [UInt8]) -> String? {
        guard line >= 1 else { return nil }
        var current = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if current == line { return shown(bytes[start..<index]) }
            current += 1
            start = index + 1
        }
        return current == line && start <= bytes.count ? shown(bytes[start...]) : nil
    }

    private static func shown(_ bytes: ArraySlice<UInt8>) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        let limit = 400
        if text.count > limit { text = String(text.prefix(limit)) + "…" }
        return Printable.text(text)
    }
}
