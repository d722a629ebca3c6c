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
        outcome = Tally.of(cases) { $0.harm.outcome }
        died = OutcomeDetail(cases.filter { $0.harm.outcome == .died })
        seriouslyHarmed = OutcomeDetail(cases.filter { $0.harm.outcome == .seriouslyHarmed })
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

    init(_ cases: [Case]) {
        self.cases = cases.count
        injuries = Tally.features(cases, Injury.allCases.map { injury in
            (injury.rawValue, injury.label, { (c: Case) in c.harm.injuries.contains(injury) })
        })
        injuryProfiles = InjuryProfile.tally(cases)
        occasions = Tally.of(cases) { $0.harm.occasions }
        let withPrognosis = cases.filter { $0.harm.prognosis != nil }
        prognosis = Tally.of(withPrognosis) { $0.harm.prognosis! }
    }
}
