import ChartLayout
import CohortStatistics

/// Statistical disclosure control: which published counts are withheld (`[c]`).
///
/// **Primary suppression.** Every count from 1 to `threshold - 1` is withheld.
/// Zero is published: it says that nobody in the cohort has the feature, which
/// discloses nothing about any one baby or family.
///
/// **Secondary suppression.** A *group* is a total and cells that add up to it
/// (each exclusive family of counts, such as `sex.…` adding up to `cases`; each
/// injury profile split by outcome; `local-reviews` = `local-review.scr` +
/// `local-review.lcspr`; `cases` = `local-review.none` + `local-reviews`; each
/// theme's cases by agency involvement, in statistics.json; the babies with unknown
/// occasions, died plus seriously harmed). Wherever a group has exactly one
/// withheld number, it could be worked out from the others (a cell as the total
/// minus the other cells, a total as the sum of its cells), so one more is
/// withheld: the smallest other cell that is not zero (the earliest of equals),
/// or, when every other cell is zero, the total. This is repeated over all groups
/// until no group has exactly one withheld number, since a number withheld for one
/// group may be a cell or the total of another. Since zero is published, a
/// withheld count is known to be at least 1: withheld cells that add up to no more
/// than their number (three `[c]`s making up 3) would each be 1, so such a group
/// gets one more withheld as well.
///
/// **Aliases.** Some names publish the same number twice (`convictions` is
/// `parents.father-convictions`; `modal-age-count` is the count of the most common
/// `age.N`; statistics.json's unknown prognoses are `harmed.prognosis.unknown`):
/// they share one cell, so withholding one withholds the other. Ages tied as the
/// most common (`modal-age` names them all) are withheld together.
///
/// **Derived numbers.** A share is withheld when its count or its total is (a
/// percentage and a total give the count back). `boys-per-girl` is withheld when
/// either `sex.male` or `sex.female` is (the ratio and the number of cases give both).
public struct Disclosure: Sendable {
    /// What a withheld number is printed as.
    public static let symbol = ChartShare.suppressedSymbol

    /// Counts from 1 to `threshold - 1` are withheld.
    public let threshold: Int
    /// Every cell's count, by name (a value name, or a name for a number only statistics.json publishes).
    public let counts: [String: Int]
    /// The groups whose cells add up to their total.
    public let groups: [Group]
    /// Names that publish another cell's number, and that cell.
    public let aliases: [String: String]
    /// Cells withheld because they are small.
    public let primary: Set<String>
    /// Every withheld cell: the small ones and those withheld to protect them.
    public let suppressed: Set<String>
    /// The total each named count is a share of (from ``ReportValues/totalNames``).
    let totalNames: [String: String]

    /// A total and the cells that add up to it.
    public struct Group: Sendable, Hashable {
        public var total: String
        public var cells: [String]
    }

    /// The cells and groups of a build's values and statistics, withheld below `threshold`.
    public init(threshold: Int, values: ReportValues, statistics: CohortStatistics) {
        var counts: [String: Int] = [:]
        for (name, value) in values.values {
            if case .count(let n, _) = value { counts[name] = n }
        }
        var groups: [Group] = []
        for prefix in values.families.keys.sorted() {
            guard let family = values.families[prefix], family.exclusive, let total = family.totalName else { continue }
            groups.append(Group(total: total, cells: family.members.map(\.name)))
        }
        groups.append(Group(total: "local-reviews", cells: ["local-review.scr", "local-review.lcspr"]))
        groups.append(Group(total: "cases", cells: ["local-review.none", "local-reviews"]))
        for profile in statistics.harm.injuryProfiles.categories {
            groups.append(Group(total: "profile.\(profile.key)", cells: ["died.profile.\(profile.key)", "harmed.profile.\(profile.key)"]))
        }
        // Numbers that only statistics.json publishes.
        for pair in statistics.themes.coOccurrence {
            counts[Self.pairName(pair.first, pair.second)] = pair.cases.count
        }
        for theme in statistics.themes.byAgencyInvolvement {
            var cells: [String] = []
            for category in theme.cases.categories {
                let name = Self.themeAgencyName(theme.theme, category.key)
                counts[name] = category.count
                cells.append(name)
            }
            groups.append(Group(total: "theme.\(theme.theme)", cells: cells))
        }
        counts[Self.unknownOccasions] = statistics.dataQuality.unknownOccasions.count
        groups.append(Group(total: Self.unknownOccasions, cells: ["died.occasions.unknown", "harmed.occasions.unknown"]))
        counts[Self.withoutThemes] = statistics.dataQuality.withoutThemes.count
        var aliases = [
            "convictions": "parents.father-convictions",
            Self.unknownPrognosis: "harmed.prognosis.unknown",
        ]
        if let modal = statistics.child.modalAgeMonths.first { aliases["modal-age-count"] = "age.\(modal)" }
        // The report names every most common age, so their counts are known to be equal.
        let modalAges = statistics.child.modalAgeMonths.map { "age.\($0)" }
        self.init(
            threshold: threshold, counts: counts, groups: groups, aliases: aliases,
            equal: modalAges.count > 1 ? [modalAges] : [], totalNames: values.totalNames)
    }

    /// Withholds cells of `counts` below `threshold`, then enough others that no group gives one back.
    /// `equal`: sets of cells the report shows to be equal (the ages tied as most
    /// common), withheld all together if one is.
    public init(
        threshold: Int, counts: [String: Int], groups: [Group], aliases: [String: String] = [:],
        equal: [[String]] = [], totalNames: [String: String] = [:]
    ) {
        func cell(_ name: String) -> String { aliases[name] ?? name }
        self.threshold = threshold
        self.counts = counts
        self.aliases = aliases
        self.totalNames = totalNames
        self.groups = groups.map { Group(total: cell($0.total), cells: $0.cells.map(cell)) }
            .filter { group in counts[group.total] != nil && group.cells.allSatisfy { counts[$0] != nil } }
        let primary = Set(counts.filter { aliases[$0.key] == nil && (1..<max(1, threshold)).contains($0.value) }.keys)
        var suppressed = primary
        var changed = true
        while changed {
            changed = false
            for cells in equal where cells.contains(where: suppressed.contains) {
                for cell in cells where suppressed.insert(cell).inserted { changed = true }
            }
            for group in self.groups {
                let withheld = ([group.total] + group.cells).filter(suppressed.contains)
                // A withheld count is never 0, so withheld cells whose sum (the published
                // total minus the published cells) equals their number must each be 1.
                let cells = group.cells.filter(suppressed.contains)
                let allOnes =
                    !suppressed.contains(group.total) && !cells.isEmpty
                    && cells.reduce(0) { $0 + counts[$1]! } == cells.count
                guard withheld.count == 1 || allOnes else { continue }
                let next = group.cells.enumerated()
                    .filter { !suppressed.contains($0.element) && counts[$0.element]! > 0 }
                    .min { (counts[$0.element]!, $0.offset) < (counts[$1.element]!, $1.offset) }?.element
                if suppressed.insert(next ?? group.total).inserted { changed = true }
            }
        }
        self.primary = primary
        self.suppressed = suppressed
    }

    /// The cell a name publishes (itself, or the cell it is an alias of).
    public func cell(_ name: String) -> String { aliases[name] ?? name }

    /// Whether the count `name` is withheld.
    public func isSuppressed(_ name: String) -> Bool {
        if name == "boys-per-girl" { return isSuppressed("sex.male") || isSuppressed("sex.female") }
        return suppressed.contains(cell(name))
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
