extension String {
    /// The text in double quotes for a diagnostic: control characters shown as
    /// `\u{7}`, and very long text shortened, so a message stays one readable line.
    public var quotedForDiagnostic: String {
        let limit = 60
        var out = "\""
        var count = 0
        for scalar in unicodeScalars {
            if count == limit {
                out += "…"
                break
            }
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.isControlCharacter {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            count += 1
        }
        return out + "\""
    }
}

extension Unicode.Scalar {
    /// C0 controls, DEL and C1 controls: characters that never belong in a case summary
    /// (tab and line feed are judged by the caller).
    public var isControlCharacter: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }
}

extension Unicode.Scalar {
    /// `U+0007`: how a character is named in diagnostics.
    public var codePointName: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
