import CaseModel
import PropertyBased
import Testing

@testable import CohortStatistics

/// For any valid cohort: the single-choice tallies partition it, and every share is count / size.
@Suite struct StatisticsPropertyTests {
    /// Builds a valid random case from a seed (the generator drives the seeds, so
    /// a failure shrinks to a short list of small seeds).
    static func randomCase(_ index: Int, seed: Int) -> Case {
        var rng = SplitMix(seed: UInt64(truncatingIfNeeded: seed))
        func pick<T: CaseIterable>(_: T.Type) -> T { Array(T.allCases)[rng.below(T.allCases.count)] }
        let outcome = pick(Outcome.self)
        let convicted = rng.below(2) == 0
        let injuries = Array(Injury.allCases.filter { _ in rng.below(2) == 0 })
        return Factory.case("K\(index)", area: ["A01", "A02"][rng.below(2)]) { c in
            c.child.sex = pick(Sex.self)
            c.child.ethnicity = Factory.vocabulary.ethnicities[rng.below(3)]
            c.child.ageMonths = rng.below(12)
            c.localReview = pick(LocalReview.self)
            c.harm = .init(
                outcome: outcome, injuries: injuries.isEmpty ? [.bruising] : injuries,
                occasions: pick(Occasions.self), prognosis: outcome == .died ? nil : pick(Prognosis.self))
            c.maleCarer = .init(
                relationship: pick(Relationship.self), criminalConvictions: convicted,
                probation: convicted ? pick(Probation.self) : .none)
            c.agencyInvolvement = pick(AgencyInvolvement.self)
            c.proceedings = .init(
                criminal: pick(CriminalProceedings.self),
                murderCharge: outcome == .died ? pick(MurderCharge.self) : .none,
                findingsOfFact: pick(FindingsOfFact.self))
            c.themes = Factory.vocabulary.themes.map(\.code).filter { _ in rng.below(2) == 0 }
        }
    }

    @Test func singleChoiceTalliesPartitionTheCohort() async {
        await propertyCheck(input: Gen.int(in: 0...Int.max).array(of: 1...40)) { seeds in
            let cases = seeds.enumerated().map { Self.randomCase($0.offset, seed: $0.element) }
            let s = CohortStatistics(Factory.cohort(cases, areas: [Factory.area("A01"), Factory.area("A02", region: .northWest)]))
            let n = cases.count
            let singleChoice: [Tally] = [
                s.harm.outcome, s.child.sex, s.child.ethnicity, s.child.ageMonths, s.maleCarer.relationship,
                s.agencyInvolvement, s.proceedings.criminal, s.proceedings.murderCharge, s.proceedings.findingsOfFact,
                s.cohort.localReviews, s.harm.injuryProfiles,
            ]
            for tally in singleChoice {
                #expect(tally.countedSum == n)
                #expect(tally.total == n)
                // Each case is counted exactly once.
                #expect(Set(tally.categories.flatMap(\.caseIDs)).count == n)
            }
            #expect(s.harm.died.cases + s.harm.seriouslyHarmed.cases == n)
            #expect(s.harm.seriouslyHarmed.prognosis.countedSum == s.harm.seriouslyHarmed.cases)
            #expect(s.harm.died.occasions.countedSum == s.harm.died.cases)
            #expect(s.maleCarer.probation.countedSum == s.maleCarer.criminalConvictions.count)
            // Every share is the count of matching cases over the cohort, recounted
            // here straight from the cases, independently of the module.
            let recounts: [(Tally, (Case, String) -> Bool)] = [
                (s.harm.outcome, { $0.harm.outcome.rawValue == $1 }),
                (s.child.sex, { $0.child.sex.rawValue == $1 }),
                (s.child.ethnicity, { $0.child.ethnicity == $1 }),
                (s.child.ageMonths, { String($0.child.ageMonths) == $1 }),
                (s.maleCarer.relationship, { $0.maleCarer.relationship.rawValue == $1 }),
                (s.agencyInvolvement, { $0.agencyInvolvement.rawValue == $1 }),
                (s.proceedings.criminal, { $0.proceedings.criminal.rawValue == $1 }),
                (s.proceedings.murderCharge, { $0.proceedings.murderCharge.rawValue == $1 }),
                (s.proceedings.findingsOfFact, { $0.proceedings.findingsOfFact.rawValue == $1 }),
                (s.cohort.localReviews, { $0.localReview.rawValue == $1 }),
                (s.themes.cases, { $0.themes.contains($1) }),
                (
                    s.parents,
                    { c, key in
                        switch key {
                        case "current-domestic-abuse": c.parents.currentDomesticAbuse
                        case "historical-domestic-abuse": c.parents.historicalDomesticAbuse
                        case "mental-health": c.parents.mentalHealth
                        case "care-leaver": c.parents.careLeaver
                        case "under-22": c.parents.under22
                        default: c.maleCarer.criminalConvictions
                        }
                    }
                ),
            ]
            for (tally, matches) in recounts {
                for category in tally.categories {
                    let expected = cases.filter { matches($0, category.key) }
                    #expect(category.share == Share(expected.count, of: n), "\(category.key)")
                    #expect(category.share.wholePercent == (200 * expected.count + n) / (2 * n))
                    #expect(category.caseIDs == expected.map(\.id))
                }
            }
        }
    }
}

/// A small deterministic generator (SplitMix64), so a seed names a case exactly.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
