import CaseModel

/// What happened to the babies: outcome, and for each outcome the injuries,
/// whether they happened more than once, and the prognosis.
public struct HarmStatistics: Hashable, Sendable {
    public let outcome: Tally
    public let died: OutcomeDetail
    public let seriouslyHarmed: OutcomeDetail
    /// Injury profiles (rows) by outcome: the annex's stacked bar.
    public let injuryProfiles: Tally

    init(_ cases: [Case]) {
        outcome = Tally.of(cases) { cases[$0].harm.outcome }
        died = OutcomeDetail(cases, at: cases.positions { cases[$0].harm.outcome == .died })
        seriouslyHarmed = OutcomeDetail(cases, at: cases.positions { cases[$0].harm.outcome == .seriouslyHarmed })
        injuryProfiles = InjuryProfile.tally(cases)
    }

    /// The detail for one outcome.
    public func detail(_ outcome: Outcome) -> OutcomeDetail { outcome == .died ? died : seriouslyHarmed }
}

/// The babies with one outcome.
public struct OutcomeDetail: Hashable, Sendable {
    public let cases: Int
    /// Babies with each injury (a baby may have several), as a share of this outcome.
    public let injuries: Tally
    /// Injury profiles, as a share of this outcome.
    public let injuryProfiles: Tally
    public let occasions: Tally
    /// Prognosis, over the babies who have one (none for babies who died).
    public let prognosis: Tally

    /// The cases at `positions`: those with this outcome.
    init(_ all: [Case], at positions: [Int]) {
        cases = positions.count
        var injured = [[String]](repeating: [], count: Injury.allCases.count)
        all.each(at: positions) { i in
            for (index, injury) in Injury.allCases.enumerated() where all[i].harm.injuries.contains(injury) {
                injured[index].append(all[i].id)
            }
        }
        injuries = Tally(
            total: positions.count,
            categories: Injury.allCases.indices.map { index in
                Category(
                    key: Injury.allCases[index].rawValue, label: Injury.allCases[index].label, caseIDs: injured[index],
                    total: positions.count)
            })
        injuryProfiles = InjuryProfile.tally(all, at: positions)
        occasions = Tally.of(all, at: positions) { all[$0].harm.occasions }
        prognosis = Tally.of(all, at: all.positions(at: positions) { all[$0].harm.prognosis != nil }) { all[$0].harm.prognosis! }
    }
}
