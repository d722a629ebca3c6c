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

    /// A ratio to one decimal place, rounded half up like every share: 15/8 → `1.9`.
    public static func oneDecimal(_ ratio: Share) -> String {
        // Tenths are a whole percent of a tenth: the one rounding rule, scaled.
        let tenths = Share(ratio.count, of: ratio.total * 10).wholePercent
        return "\(integer(tenths / 10)).\(tenths % 10)"
    }

    /// A ratio as a comparison that reads before "[boys] as [girls]": about a
    /// whole number k it is "twice as many", "three times as many"; just under
    /// it "nearly …", just over it "more than …"; about 1 "as many"; otherwise
    /// one decimal place ("1.4 times as many"). Both counts must be above 0.
    public static func times(_ ratio: Share) -> String {
        precondition(ratio.count > 0 && ratio.total > 0, "the template formatter refuses a ratio with a 0")
        let r = ratio.value
        let nearest = r.rounded()
        func words(_ k: Int) -> String {
            switch k {
            case 1: "as many"
            case 2: "twice as many"
            case 3: "three times as many"
            case 4: "four times as many"
            default: "\(integer(k)) times as many"
            }
        }
        if nearest >= 1 {
            let k = Int(nearest)
            if abs(r - nearest) < 0.05 { return words(k) }
            if r < nearest && nearest - r <= 0.25 { return "nearly " + words(k) }
            if r > nearest && r - nearest <= 0.25 && k > 1 { return "more than " + words(k) }
        }
        return "\(oneDecimal(ratio)) times as many"
    }
}
