import CaseLoading
import CaseModel

/// Decodes `areas.yaml`: a list of areas with unique codes.
struct AreasDecoder {
    let context: DecodeContext
    private var read: ValueReader { ValueReader(log: context.log) }

    init(context: DecodeContext) { self.context = context }

    static let keys = ["code", "type", "region", "family_nurse_partnership", "practitioners", "strategic_partners"]

    /// What could be read: the areas (only when all are valid) and every readable code
    /// with where it is written, so cases can still be checked against a partly broken file.
    struct Result {
        var areas: [Area]?
        var codes: [(code: String, location: SourceLocation, field: String)]
    }

    func decode(_ root: LocatedValue) -> Result {
        let errorsBefore = context.log.errorCount
        var codes: [(code: String, location: SourceLocation, field: String)] = []
        guard case .sequence(let items) = root.kind else {
            context.log.error(
                at: root.location, field: nil, "expected a list of areas (each starting with \"- code:\"); found \(root.kindDescription)")
            return Result(areas: nil, codes: [])
        }
        var areas: [Area] = []
        var codeLocations: [String: SourceLocation] = [:]
        for (index, item) in items.enumerated() {
            let path = "areas[\(index + 1)]"
            guard let f = Fields(item, path: path, allowed: Self.keys, context: context) else { continue }
            let code = f.required("code", expected: "text") { value, field -> String? in
                guard let code = read.text(value, field) else { return nil }
                if let first = codeLocations[code] {
                    context.log.error(
                        at: value.location, field: field,
                        "\(code.quotedForDiagnostic) is already declared at \(first); each area is declared once")
                    return nil
                }
                codes.append((code, value.location, field.description))
                codeLocations[code] = value.location
                return code
            }
            let type: AreaType? = f.required("type", expected: "one of: \(AreaType.validValues)") { read.code($0, $1) }
            let region: Region? = f.required("region", expected: "one of: \(Region.validValues)") { read.code($0, $1) }
            let fnp = f.required("family_nurse_partnership", expected: ValueReader.booleanWords) { read.bool($0, $1) }
            let counts = ["practitioners", "strategic_partners"].map { key in
                f.required(key, expected: ValueReader.describe(ValueReader.countRange)) { read.int($0, $1, in: ValueReader.countRange) }
            }
            if let code, let type, let region, let fnp, let practitioners = counts[0], let partners = counts[1] {
                areas.append(
                    Area(
                        code: code, type: type, region: region, familyNursePartnership: fnp,
                        practitioners: practitioners, strategicPartners: partners))
            }
        }
        return Result(areas: context.log.errorCount == errorsBefore ? areas : nil, codes: codes)
    }
}
