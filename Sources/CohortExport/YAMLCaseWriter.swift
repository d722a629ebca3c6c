import CaseModel

/// One YAML file per case, laid out like the contract's example.
///
/// Codes from the contract's fixed lists, numbers and booleans are written plain;
/// every other text (ids, area codes, labels, theme codes, learning points) is
/// double-quoted with escapes, so no text can be read as another type (`no`, `1e3`,
/// `null`) or break the structure. A summary with line breaks is a literal block
/// (`|`) when that reads back exactly, and double-quoted otherwise.
enum YAMLCaseWriter {
    static func files(_ cohort: Cohort) -> [CohortExport.File] {
        // Cases are read back in file-name order: keep the cohort's order.
        let plainNames = cohort.cases.map { "\($0.id).yaml" }
        let ordered = plainNames == plainNames.sorted()
        let width = String(cohort.cases.count).count
        return cohort.cases.enumerated().map { index, c in
            let number = String(repeating: "0", count: width - String(index + 1).count) + String(index + 1)
            let name = ordered ? plainNames[index] : "\(number)-\(c.id).yaml"
            return CohortExport.File(path: "cases/\(name)", bytes: Array(text(c).utf8))
        }
    }

    static func text(_ c: Case) -> String {
        var lines: [String] = [
            "id: \(quoted(c.id))",
            "area: \(quoted(c.area))",
            "local_review: \(c.localReview.rawValue)",
            "child:",
            "  sex: \(c.child.sex.rawValue)",
            "  ethnicity: \(quoted(c.child.ethnicity))",
            "  age_months: \(c.child.ageMonths)",
            "  premature: \(c.child.premature)",
            "  feeding_difficulties: \(c.child.feedingDifficulties)",
            "  weight_loss: \(c.child.weightLoss)",
            "harm:",
            "  outcome: \(c.harm.outcome.rawValue)",
            "  injuries: [\(c.harm.injuries.map(\.rawValue).joined(separator: ", "))]",
            "  occasions: \(c.harm.occasions.rawValue)",
        ]
        if let prognosis = c.harm.prognosis { lines.append("  prognosis: \(prognosis.rawValue)") }
        lines += [
            "male_carer:",
            "  relationship: \(c.maleCarer.relationship.rawValue)",
            "  criminal_convictions: \(c.maleCarer.criminalConvictions)",
            "  probation: \(c.maleCarer.probation.rawValue)",
            "parents:",
            "  current_domestic_abuse: \(c.parents.currentDomesticAbuse)",
            "  historical_domestic_abuse: \(c.parents.historicalDomesticAbuse)",
            "  mental_health: \(c.parents.mentalHealth)",
            "  care_leaver: \(c.parents.careLeaver)",
            "  under_22: \(c.parents.under22)",
            "agency_involvement: \(c.agencyInvolvement.rawValue)",
            "proceedings:",
            "  criminal: \(c.proceedings.criminal.rawValue)",
            "  murder_charge: \(c.proceedings.murderCharge.rawValue)",
            "  findings_of_fact: \(c.proceedings.findingsOfFact.rawValue)",
            "themes: [\(c.themes.map(quoted).joined(separator: ", "))]",
        ]
        if let block = literalBlock(c.summary, indent: "  ") {
            lines.append("summary: |")
            lines.append(block)
        } else {
            lines.append("summary: \(quoted(c.summary))")
        }
        if !c.learning.isEmpty {
            lines.append("learning:")
            for point in c.learning {
                lines.append("  - theme: \(quoted(point.theme))")
                lines.append("    text: \(quoted(point.text))")
                lines.append("    publishable: \(point.publishable)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar: `\` and `"` escaped, and every character that is
    /// not printable, or that YAML reads as a line break, written as an escape.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if needsEscape(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out +=
                        scalar.value <= 0xFFFF
                        ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                        : "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Characters YAML may not hold raw, or reads as a line break or byte-order mark.
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF
            || (0xD800...0xDFFF).contains(v) || v == 0xFFFE || v == 0xFFFF
    }

    /// The text as the lines of a literal block scalar, or `nil` when a literal block
    /// would not read back as exactly this text (then it is double-quoted instead).
    static func literalBlock(_ text: String, indent: String) -> String? {
        guard text.contains("\n"), !text.hasSuffix("\n"), !text.hasPrefix(" "), !text.hasPrefix("\t"),
            !text.unicodeScalars.contains(where: { needsEscape($0) && $0 != "\n" && $0 != "\t" })
        else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // A line of white space only, or one ending in it, would not survive intact.
        guard lines.allSatisfy({ $0.isEmpty || ($0.first?.isWhitespace == false && $0.last?.isWhitespace == false) }) else { return nil }
        return lines.map { $0.isEmpty ? "" : indent + $0 }.joined(separator: "\n")
    }
}
