import Foundation

/// Where the CLI speaks: results to stdout, diagnostics and progress to stderr.
enum Console {
    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// One line on stderr; control, bidi and zero-width characters that reach it
    /// from a path or a file are written as `U+XXXX`, never raw.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((Printable.text(line) + "\n").utf8))
    }
}
