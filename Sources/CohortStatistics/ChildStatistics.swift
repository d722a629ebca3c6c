import CaseModel

/// The babies: sex, ethnicity, age at the injury, and features of their early weeks.
public struct ChildStatistics: Hashable, Sendable {
    public let sex: Tally
    /// Every label of the vocabulary, ordered by count (highest first), then by label.
    public let ethnicity: Tally
    /// Completed months 0 to 11, every month, zeros included; keys are "0"…"11".
    public let ageMonths: Tally
    /// The most common ages (more than one when tied), youngest first.
    public let modalAgeMonths: [Int]
    /// How many babies were at each modal age.
    public let modalAgeCount: Int
    public let premature: Share
    public let feedingDifficulties: Share
    public let weightLoss: Share
    /// Boys for every girl, as an exact ratio of counts (boys / girls).
    public let boysPerGirl: Share

    init(_ cases: [Case], vocabulary: Vocabulary) {
        let n = cases.count
        sex = Tally.of(cases) { cases[$0].child.sex }
        let byLabel = Tally.labelled(cases, vocabulary.ethnicities.map { ($0, $0) }) { [cases[$0].child.ethnicity] }
        ethnicity = Tally(
            total: n,
            categories: byLabel.categories.sorted {
                $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label
            })
        let byAge = Tally.grouped(cases) { cases[$0].child.ageMonths }
        ageMonths = Tally(
            total: n,
            categories: (0...11).map { month in
                Category(key: String(month), label: month == 1 ? "1 month" : "\(month) months", caseIDs: byAge[month] ?? [], total: n)
            })
        let highest = ageMonths.categories.map(\.count).max() ?? 0
        modalAgeCount = highest
        modalAgeMonths = highest == 0 ? [] : ageMonths.categories.filter { $0.count == highest }.map { Int($0.key)! }
        premature = Share(cases.counting { cases[$0].child.premature }, of: n)
        feedingDifficulties = Share(cases.counting { cases[$0].child.feedingDifficulties }, of: n)
        weightLoss = Share(cases.counting { cases[$0].child.weightLoss }, of: n)
        boysPerGirl = Share(sex[Sex.male].count, of: sex[Sex.female].count)
    }
}

/// The fathers and male carers.
public struct MaleCarerStatistics: Hashable, Sendable {
    public let relationship: Tally
    /// Men with criminal convictions, as a share of the cohort.
    public let criminalConvictions: Share
    /// Probation status of the men with convictions.
    public let probation: Tally

    init(_ cases: [Case]) {
        relationship = Tally.of(cases) { cases[$0].maleCarer.relationship }
        let convicted = cases.positions { cases[$0].maleCarer.criminalConvictions }
        criminalConvictions = Share(convicted.count, of: cases.count)
        probation = Tally.of(cases, at: convicted) { cases[$0].maleCarer.probation }
    }
}
