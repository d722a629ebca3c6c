import CaseModel

/// Criminal and care proceedings after the injury.
public struct ProceedingsStatistics: Hashable, Sendable {
    public let criminal: Tally
    /// Murder charges over the whole cohort.
    public let murderCharge: Tally
    /// Murder charges among the cases whose trial is ongoing.
    public let murderChargeInOngoingTrials: Tally
    /// Findings of fact in care proceedings.
    public let findingsOfFact: Tally

    init(_ cases: [Case]) {
        criminal = Tally.of(cases) { cases[$0].proceedings.criminal }
        murderCharge = Tally.of(cases) { cases[$0].proceedings.murderCharge }
        murderChargeInOngoingTrials = Tally.of(cases, at: cases.positions { cases[$0].proceedings.criminal == .trialOngoing }) {
            cases[$0].proceedings.murderCharge
        }
        findingsOfFact = Tally.of(cases) { cases[$0].proceedings.findingsOfFact }
    }
}

/// Things a reviewer should know about the data: gaps, not findings.
public struct DataQuality: Hashable, Sendable {
    /// Seriously harmed babies whose prognosis is not known.
    public let unknownPrognosis: [String]
    /// Babies for whom it is not known whether injuries happened more than once.
    public let unknownOccasions: [String]
    /// Cases tagged with no theme.
    public let withoutThemes: [String]

    init(_ cases: [Case]) {
        unknownPrognosis = cases.positions { cases[$0].harm.prognosis == .unknown }.map { cases[$0].id }
        unknownOccasions = cases.positions { cases[$0].harm.occasions == .unknown }.map { cases[$0].id }
        withoutThemes = cases.positions { cases[$0].themes.isEmpty }.map { cases[$0].id }
    }

}
