/// Text from outside (paths, names) made safe to print on one terminal line:
/// control, bidi and zero-width characters are written as `U+XXXX`.
public enum Printable {
    public static func text(_ raw: String) -> String {
        var out = ""
        for scalar in raw.unicodeScalars {
            if isHidden(scalar) {
                out += "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0xFFFE, 0xFFFF: true
        default: false
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
