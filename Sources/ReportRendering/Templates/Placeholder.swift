import CaseModel

/// A parsed `{{ name | format: arg, arg }}` placeholder.
struct Placeholder: Hashable {
    var name: String
    var format: String?
    var arguments: [String]

    /// Letters, digits and `-._:`.
    static func isValidName(_ name: String) -> Bool {
        name.allSatisfy { $0.isLetter || $0.isNumber || "-._:".contains($0) }
    }

    /// Parses the text between `{{` and `}}`; nil with a reason when malformed.
    static func parse(_ inner: String) -> Result<Placeholder, TemplateProblem.Reason> {
        let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        let name = parts[0].trimmingWhitespace()
        guard !name.isEmpty, isValidName(name) else {
            return .failure(.malformed("{{\(inner)}}"))
        }
        guard parts.count == 2 else { return .success(Placeholder(name: name, format: nil, arguments: [])) }
        let formatPart = parts[1].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let format = formatPart[0].trimmingWhitespace()
        let arguments =
            formatPart.count == 2
            ? formatPart[1].split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
            : []
        guard !format.isEmpty, !arguments.contains(where: \.isEmpty) else { return .failure(.malformed("{{\(inner)}}")) }
        return .success(Placeholder(name: name, format: format, arguments: arguments))
    }
}
