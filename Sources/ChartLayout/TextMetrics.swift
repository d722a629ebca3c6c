import CaseModel

/// The weight of a run of text, as far as width estimation and drawing care.
public enum FontWeight: String, Equatable, Sendable {
    /// Regular (400).
    case regular
    /// Bold (700).
    case bold
}

/// Estimates how wide a string is when set in Arial / Liberation Sans, without a font file.
///
/// The advance widths were read from Liberation Sans 2.x (metric-compatible with Arial),
/// in thousandths of an em, for printable ASCII plus a few common punctuation marks.
/// Kerning is ignored, which can only make estimates slightly wider than the real text,
/// the safe side for collision checks.
public enum TextMetrics {
    /// The font-family list the drawing stage should ask for, so the estimates hold.
    public static let fontFamily = "Arial, 'Liberation Sans', Helvetica, sans-serif"
    /// Height above the baseline of the tallest glyphs, in ems (hhea ascent 1854/2048).
    public static let ascent = 0.905
    /// Depth below the baseline of the lowest glyphs, in ems (hhea descent 434/2048).
    public static let descent = 0.212
    /// Distance between baselines of wrapped lines, in ems.
    public static let lineHeight = 1.2
    /// Advance used for characters missing from the table, in thousandths of an em.
    public static let defaultAdvance = 556
    /// Advance used for bold characters missing from the table, in thousandths of an em.
    public static let defaultBoldAdvance = 611

    // MARK: - Tables (U+0020 … U+007E)

    private static let regularASCII: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]

    private static let boldASCII: [Int] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ]

    /// Typographic quotes, dashes, bullet, ellipsis and no-break space.
    private static let extras: [UInt32: (regular: Int, bold: Int)] = [
        0x2018: (222, 278), 0x2019: (222, 278), 0x201C: (333, 500), 0x201D: (333, 500),
        0x2013: (556, 556), 0x2014: (1000, 1000), 0x2022: (350, 350), 0x2026: (1000, 1000),
        0x00A0: (278, 278),
    ]

    // MARK: - Measuring

    /// The advance width of one scalar, in thousandths of an em.
    public static func advance(of scalar: Unicode.Scalar, weight: FontWeight = .regular) -> Int {
        let value = scalar.value
        if value >= 0x20, value <= 0x7E {
            let index = Int(value - 0x20)
            return weight == .bold ? boldASCII[index] : regularASCII[index]
        }
        if let pair = extras[value] {
            return weight == .bold ? pair.bold : pair.regular
        }
        // Combining marks take no advance of their own.
        if value >= 0x0300, value <= 0x036F { return 0 }
        return weight == .bold ? defaultBoldAdvance : defaultAdvance
    }

    /// The estimated width of `text` in pixels at `fontSize` pixels.
    public static func width(_ text: String, fontSize: Double, weight: FontWeight = .regular) -> Double {
        var units = 0
        for scalar in text.unicodeScalars {
            units += advance(of: scalar, weight: weight)
        }
        return Double(units) * fontSize / 1000
    }

    /// The height of a block of `lineCount` lines, from the top of the first line's ascent
    /// to the bottom of the last line's descent.
    public static func blockHeight(lineCount: Int, fontSize: Double) -> Double {
        guard lineCount > 0 else { return 0 }
        return (Double(lineCount - 1) * lineHeight + ascent + descent) * fontSize
    }

    // MARK: - Wrapping

    /// Breaks `text` into lines no wider than `maxWidth`, greedily at spaces.
    ///
    /// Runs of whitespace collapse to one space, so joining the lines with single spaces
    /// gives back the normalised text. A single word wider than `maxWidth` is split between
    /// characters (there is no hyphenation). Whitespace-only text gives no lines.
    public static func wrap(
        _ text: String, maxWidth: Double, fontSize: Double, weight: FontWeight = .regular
    ) -> [String] {
        let words = Self.words(text)
        var lines: [String] = []
        var current = ""
        for word in words {
            let candidate = current.isEmpty ? word : current + " " + word
            if width(candidate, fontSize: fontSize, weight: weight) <= maxWidth {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = ""
            // The word alone may still be too wide: split it between characters.
            for character in word {
                let next = current + String(character)
                if !current.isEmpty, width(next, fontSize: fontSize, weight: weight) > maxWidth {
                    lines.append(current)
                    current = String(character)
                } else {
                    current = next
                }
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The text's words: what lies between runs of white space.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// The width of the widest line.
    public static func width(ofLines lines: [String], fontSize: Double, weight: FontWeight = .regular) -> Double {
        lines.map { width($0, fontSize: fontSize, weight: weight) }.max() ?? 0
    }
}
