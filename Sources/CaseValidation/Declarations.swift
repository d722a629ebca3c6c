import CaseModel

/// The codes and labels that cases may refer to, as far as they could be read.
///
/// A `nil` list means its file could not be read at all; references are then not
/// checked, so that one broken file does not bury the run in follow-on errors.
struct Declarations {
    var areaCodes: Declared?
    var ethnicities: Declared?
    var themeCodes: Declared?

    init(areaCodes: [String]?, ethnicities: [String]?, themeCodes: [String]?) {
        self.areaCodes = areaCodes.map(Declared.init)
        self.ethnicities = ethnicities.map(Declared.init)
        self.themeCodes = themeCodes.map(Declared.init)
    }
}

/// Declared values in file order, with a set to look them up in constant time
/// (a cohort of 10,000 cases may refer to a vocabulary of thousands of labels).
struct Declared {
    let values: [String]
    let members: Set<String>

    init(_ values: [String]) {
        self.values = values
        self.members = Set(values)
    }

    func contains(_ value: String) -> Bool { members.contains(value) }

    /// How many declared values a message lists before saying how many more there are.
    static let listedInMessages = 20

    /// "A01, A02", or the first 20 (each cut as an excerpt) and "… and 980 more".
    var listing: String {
        let shown = values.prefix(Self.listedInMessages).map(\.excerptForDiagnostic).joined(separator: ", ")
        let rest = values.count - Self.listedInMessages
        return rest > 0 ? "\(shown), … and \(rest) more" : shown
    }
}
