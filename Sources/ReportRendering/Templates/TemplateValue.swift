import CohortStatistics

/// A value a template placeholder can name.
public enum TemplateValue: Hashable, Sendable {
    /// A count, and the total it is a share of (nil when a share makes no sense).
    case count(Int, of: Int?)
    /// A ratio of two counts, printed in words ("nearly twice").
    case ratio(Share)
    /// Text from the inputs (a title, a date in words).
    case text(String)
}

/// Formats numbers the GOV.UK way: numerals, thousands separators, `%` with no space.
public enum NumberFormat {
    /// `1234` → `1,234`; negative numbers keep their sign.
    public static func integer(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// A share as a whole percent, half up: `17%`.
    public static func percent(_ share: Share) -> String { "\(integer(share.wholePercent))%" }

    /// A ratio in words: about a whole number k it reads "k times" (twice, three
    /// times), just under it "nearly …", just over it "more than …"; otherwise
    /// to one decimal place ("1.4 times").
    public static func times(_ ratio: Share) -> String {
        guard ratio.total > 0 else { return "no comparison possible" }
        let r = ratio.value
        let nearest = r.rounded()
        func words(_ k: Int) -> String {
            switch k {
            case 1: "as many"
            case 2: "twice"
            case 3: "three times"
            case 4: "four times"
            default: "\(integer(k)) times"
            }
        }
        if nearest >= 1 {
            let k = Int(nearest)
            if abs(r - nearest) < 0.05 { return k == 1 ? "as many" : words(k) }
            if r < nearest && nearest - r <= 0.25 { return "nearly " + words(k) }
            if r > nearest && r - nearest <= 0.25 && k > 1 { return "more than " + words(k) }
        }
        let tenths = (ratio.count * 20 + ratio.total) / (2 * ratio.total)
        return "\(tenths / 10).\(tenths % 10) times"
    }
}
