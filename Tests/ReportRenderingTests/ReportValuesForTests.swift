import CaseModel
import CohortStatistics

@testable import ReportRendering

/// A small cohort of 23 with 4 deaths, 15 boys and 8 girls, for template tests.
enum ReportValuesForTests {
    static let cohort: Cohort = {
        let cases = (1...23).map { i in
            Case(
                id: "T\(i)", area: "A01", localReview: .none,
                child: .init(
                    sex: i <= 15 ? .male : .female, ethnicity: "White British", ageMonths: 3, premature: false,
                    feedingDifficulties: false, weightLoss: false),
                harm: .init(
                    outcome: i <= 4 ? .died : .seriouslyHarmed, injuries: [.headInjury], occasions: .single,
                    prognosis: i <= 4 ? nil : .unknown),
                maleCarer: .init(relationship: .birthFather, criminalConvictions: false, probation: .none),
                parents: .init(
                    currentDomesticAbuse: false, historicalDomesticAbuse: false, mentalHealth: false,
                    careLeaver: false, under22: false),
                agencyInvolvement: .universal,
                proceedings: .init(criminal: .noCharges, murderCharge: .none, findingsOfFact: .none),
                themes: ["alpha"], summary: "", learning: [])
        }
        return Cohort(
            review: Review(
                title: "Review", subtitle: nil, publisher: "Panel", published: ISODate(year: 2021, month: 9, day: 15),
                period: MonthRange(from: YearMonth(year: 2018, month: 6), to: YearMonth(year: 2020, month: 6)),
                initialShortlist: 74, regionsTotal: 9, familyContributions: 2),
            areas: [
                Area(code: "A01", type: .county, region: .london, familyNursePartnership: false, practitioners: 1, strategicPartners: 1)
            ],
            vocabulary: Vocabulary(
                ethnicities: ["White British"], themes: [Theme(code: "alpha", title: "Alpha"), Theme(code: "beta", title: "Beta")]),
            cases: cases)
    }()

    static let values = ReportValues(statistics: CohortStatistics(cohort), review: cohort.review)
}

extension ReportValues {
    mutating func override(_ name: String, _ value: TemplateValue) { values[name] = value }
}
