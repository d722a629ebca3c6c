/// How a vocabulary label becomes part of a template placeholder name
/// (`White British` → `ethnicity.white-british`).
///
/// The one definition, used by validation (to refuse labels that would share a
/// name) and by the report (to name the counts), so the two cannot disagree.
public enum PlaceholderName {
    /// Lower case; letters and digits kept; every run of other characters one `-`;
    /// no `-` at either end. Empty when the label has no letter or digit.
    public static func slug(_ label: String) -> String {
        var out = ""
        for scalar in label.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty && !out.hasSuffix("-") {
                out.append("-")
            }
        }
        return out.hasSuffix("-") ? String(out.dropLast()) : out
    }

    /// Names under `ethnicity.` that the report gives to something other than a
    /// label's count, so no label may take them.
    public static let reservedEthnicityNames: Set<String> = ["largest"]
}
