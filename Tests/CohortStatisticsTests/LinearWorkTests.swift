import CaseModel
import Testing

@testable import CohortStatistics

/// Counting work, not time: the tallies read each case a fixed number of times,
/// however many categories there are, so ten times the cases is ten times the work.
@Suite struct LinearWorkTests {
    /// A counter the tally's closures bump each time they look at a case.
    final class Reads: @unchecked Sendable { var count = 0 }

    static func cases(_ n: Int) -> [Case] {
        (0..<n).map { i in
            Factory.case("C\(i)") {
                $0.child.ethnicity = "E\(i % 500)"
                $0.themes = ["t\(i % 7)", "t\((i + 3) % 7)"]
                $0.agencyInvolvement = AgencyInvolvement.allCases[i % AgencyInvolvement.allCases.count]
            }
        }
    }

    @Test(arguments: [100, 1_000])
    func aFieldIsReadOncePerCaseWhateverTheNumberOfCodes(n: Int) {
        let reads = Reads()
        let cases = Self.cases(n)
        let tally = Tally.of(cases) { (i: Int) -> AgencyInvolvement in
            reads.count += 1
            return cases[i].agencyInvolvement
        }
        #expect(reads.count == n)
        #expect(tally.countedSum == n)
    }

    /// Labels from a vocabulary can be many (500 here): still one read per case.
    @Test func manyLabelsCostOneReadPerCase() {
        var reads = [Int]()
        for n in [200, 2_000] {
            let counter = Reads()
            let cases = Self.cases(n)
            let tally = Tally.labelled(cases, (0..<500).map { ("E\($0)", "E\($0)") }) { (i: Int) -> [String] in
                counter.count += 1
                return [cases[i].child.ethnicity]
            }
            #expect(tally.countedSum == n)
            reads.append(counter.count)
        }
        #expect(reads == [200, 2_000])
    }

    @Test func featuresAreReadOncePerCaseAndFeature() {
        let counter = Reads()
        let cases = Self.cases(1_000)
        let features: [(key: String, label: String, has: (Int) -> Bool)] = (0..<6).map { k in
            (
                "f\(k)", "F\(k)",
                { (i: Int) in
                    counter.count += 1
                    return cases[i].id.hasSuffix(String(k))
                }
            )
        }
        _ = Tally.features(cases, features)
        #expect(counter.count == 6_000)
    }

    /// The themes' pairs and per-theme tallies agree with counting each case by hand.
    @Test func themePairsAndAgenciesComeFromOnePass() {
        let themes = (0..<7).map { Theme(code: "t\($0)", title: "T\($0)") }
        var cohort = Factory.cohort(Self.cases(700))
        cohort.vocabulary = Vocabulary(ethnicities: (0..<500).map { "E\($0)" }, themes: themes)
        let s = ThemeStatistics(cohort)
        for pair in s.coOccurrence {
            let expected = cohort.cases.filter { $0.themes.contains(pair.first) && $0.themes.contains(pair.second) }.count
            #expect(pair.cases.count == expected, "\(pair.first)+\(pair.second)")
        }
        for entry in s.byAgencyInvolvement {
            #expect(entry.cases.countedSum == cohort.cases.filter { $0.themes.contains(entry.theme) }.count)
        }
    }

    /// Subsets (babies who died, men with convictions, ongoing trials) are counted
    /// by position, not copied out: the same tallies as counting a copied subset,
    /// with each field read once per case of the subset.
    @Test func subsetsCountedByPositionAreTheSubsetsTallies() {
        let all = (0..<300).map { i in
            Factory.case("C\(i)") {
                $0.harm.outcome = i % 3 == 0 ? .died : .seriouslyHarmed
                $0.harm.injuries = [[.headInjury], [.fracture, .bruising], [.bruising, .headInjury], [.rupturedFrenulum]][i % 4]
                $0.harm.occasions = Occasions.allCases[i % Occasions.allCases.count]
                $0.agencyInvolvement = AgencyInvolvement.allCases[i % AgencyInvolvement.allCases.count]
            }
        }
        let positions = all.positions { all[$0].harm.outcome == .died }
        let copied = all.filter { $0.harm.outcome == .died }
        #expect(positions.count == 100)
        #expect(OutcomeDetail(all, at: positions) == OutcomeDetail(copied, at: Array(copied.indices)))
        #expect(InjuryProfile.tally(all, at: positions) == InjuryProfile.tally(copied))
        let reads = Reads()
        let tally = Tally.of(all, at: positions) { (i: Int) -> AgencyInvolvement in
            reads.count += 1
            return all[i].agencyInvolvement
        }
        #expect(reads.count == 100)
        #expect(tally == Tally.of(copied) { copied[$0].agencyInvolvement })
        #expect(tally.total == 100)
    }
}
