import CaseModel
import ChartLayout
import CohortStatistics
import DisclosureControl

/// Statistical disclosure control: which published counts are withheld (`[c]`).
///
/// Every count the build publishes, in the page, the figures, the CSV files and
/// statistics.json, is modelled with its definition (``PublishedCounts``,
/// ``LinearModel``): the relations between them follow from what they count, not
/// from a list of groups. Counts from 1 to `threshold - 1` are withheld, and then
/// enough others that each withheld count could take more than one value and could
/// be `threshold` or more, as an integer program over everything published finds
/// (``Protection``; the method and its sources are in `docs/statistics.md`). The
/// build then audits the result with a solver of its own and refuses to publish
/// a report in which any withheld count is not protected (``problems``).
///
/// **Derived numbers.** A share is withheld when its count or its total is (a
/// percentage and a total give the count back). `boys-per-girl` is withheld when
/// either `sex.male` or `sex.female` is (the ratio and the number of cases give both).
public struct Disclosure: Sendable {
    /// What a withheld number is printed as.
    public static let symbol = ChartShare.suppressedSymbol

    /// Counts from 1 to `threshold - 1` are withheld.
    public let threshold: Int
    /// Names withheld because they are small.
    public let primary: Set<String>
    /// Every withheld name: the small ones and those withheld to protect them.
    public let suppressed: Set<String>
    /// For each withheld count, the values it could take given everything published (what the audit found).
    public let ranges: [String: Protection.Range]
    /// What stops a published build: a withheld count left unprotected, or counts the model cannot take.
    public let problems: [String]
    /// The total each named count is a share of (from ``ReportValues/totalNames``).
    let totalNames: [String: String]

    /// What is withheld below `threshold` from a build's values and statistics.
    /// `secondary: false` withholds the small counts only (for the attacker's test,
    /// which must show that it finds what that leaves open).
    public init(threshold: Int, values: ReportValues, statistics: CohortStatistics, cohort: Cohort, secondary: Bool = true) {
        self.threshold = threshold
        totalNames = values.totalNames
        let counts = PublishedCounts(values: values, statistics: statistics)
        var problems = counts.mismatches(cohort).map { "disclosure control cannot be trusted: \($0)" }
        var primary = Set(counts.unmodelled.filter { (1..<max(1, threshold)).contains($0.value) }.map(\.name))
        var suppressed = primary
        var ranges: [String: Protection.Range] = [:]
        // A population smaller than the threshold has its size withheld and every
        // count of it. Too few areas: nothing of the areas is published, which
        // protects them. Too few cases: nothing could be published, which is said
        // at once, rather than after minutes of solving a model that cannot succeed.
        let tooSmall = counts.modelled.filter { count in
            count.definitions.count == 1 && count.definitions[0].conditions.isEmpty && (1..<max(1, threshold)).contains(count.value)
        }
        let unprotectable = Set(tooSmall.map { $0.definitions[0].population })
        // (Each population once, though several names may count all of it.)
        if let population = tooSmall.first(where: { $0.definitions[0].population == .cases }) {
            problems.append(
                "only \(population.value) cases are in the cohort, fewer than \(threshold): every count of them, their number too, "
                    + "would be withheld, and nothing could be published; lower --suppress-below")
        }
        let (modelled, withheldWhole) = (
            counts.modelled.filter { !unprotectable.contains($0.definitions[0].population) },
            counts.modelled.filter { unprotectable.contains($0.definitions[0].population) && $0.value > 0 }
        )
        primary.formUnion(withheldWhole.filter { $0.value < threshold }.map(\.name))
        suppressed.formUnion(withheldWhole.map(\.name))
        let modelledNames = Set(modelled.map(\.name))
        do {
            guard !modelled.isEmpty else { throw LinearModel.Problem.nothingToModel }
            let model = try LinearModel(
                counts: modelled,
                fields: [.cases: CodedFields.cases(vocabulary: cohort.vocabulary, areas: cohort.areas), .areas: CodedFields.area],
                rules: CodedFields.rules,
                atLeast: counts.atLeast.filter { modelledNames.contains($0.larger) && modelledNames.contains($0.smaller) })
            let protection = Protection(model: model, threshold: threshold, secondary: secondary)
            for cell in protection.primary { primary.formUnion(model.cells[cell].names) }
            for cell in protection.withheld { suppressed.formUnion(model.cells[cell].names) }
            // The audit: everything withheld, solved afresh.
            let audit = secondary ? Protection.audit(model: model, withheld: protection.withheld) : protection.ranges
            for (cell, range) in audit.sorted(by: { $0.key < $1.key }) {
                for name in model.cells[cell].names { ranges[name] = range }
                if secondary && !range.protects(threshold: threshold) {
                    problems.append(
                        "\(model.cells[cell].names.joined(separator: " = ")) is withheld, but the published numbers show it is "
                            + "\(range) (it must be able to be \(threshold) or more, and more than one value); "
                            + "no other count could be withheld to protect it: publish fewer counts that include it, or lower --suppress-below"
                    )
                }
            }
        } catch LinearModel.Problem.nothingToModel {
            // Every count is withheld already, with a problem saying why.
        } catch {
            problems.append("disclosure control cannot model the published counts: \(error)")
            // Nothing is known to protect anything: withhold every count there is.
            suppressed.formUnion(counts.modelled.filter { $0.value > 0 }.map(\.name))
        }
        self.primary = primary
        self.suppressed = suppressed
        self.ranges = ranges
        self.problems = problems
    }

    /// Whether the count `name` is withheld.
    public func isSuppressed(_ name: String) -> Bool {
        if name == "boys-per-girl" { return isSuppressed("sex.male") || isSuppressed("sex.female") }
        return suppressed.contains(name)
    }

    /// Whether the total that `name` is a share of is withheld.
    public func isTotalSuppressed(_ name: String) -> Bool {
        totalNames[name].map(isSuppressed) ?? false
    }

    /// Whether the share (percentage) of `name` is withheld: when its count or its total is.
    public func isShareSuppressed(_ name: String) -> Bool { isSuppressed(name) || isTotalSuppressed(name) }

    /// The order to publish categories in when their usual order is by count
    /// (largest first): the published ones in that order, then the withheld ones
    /// by label, since their place in a count order would rank them. Positions into `names`.
    public func withheldLast(_ names: [String], labels: [String]) -> [Int] {
        let published = names.indices.filter { !isSuppressed(names[$0]) }
        let withheld = names.indices.filter { isSuppressed(names[$0]) }.sorted { (labels[$0], $0) < (labels[$1], $1) }
        return published + withheld
    }

    /// Whether the build withholds anything at all.
    public var suppressesAnything: Bool { !suppressed.isEmpty }

    /// The key to `[c]`, printed wherever it is used.
    public var key: String {
        "[c]: withheld to protect the confidentiality of the children and families, because it is fewer than \(threshold) or would let "
            + "such a number be worked out from the numbers shown. Zero is shown."
    }

    /// The key in a draft, which shows the true values and marks the withheld ones.
    public var draftKey: String {
        "A number marked \"([c] when published)\", or \"([c])\" in a table, is shown here as it is, and the published report prints [c] instead. "
            + key
    }

    // Names of numbers that only statistics.json publishes.
    static func pairName(_ first: String, _ second: String) -> String { "theme-pair.\(first).\(second)" }
    static func themeAgencyName(_ theme: String, _ agency: String) -> String { "theme-agency.\(theme).\(agency)" }
    static let unknownOccasions = "data-quality.unknown-occasions"
    static let unknownPrognosis = "data-quality.unknown-prognosis"
    static let withoutThemes = "data-quality.without-themes"
}
