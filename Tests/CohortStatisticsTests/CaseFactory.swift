import CaseModel

/// Builds small hand-made cohorts for tests: a plain case, changed where a test cares.
enum Factory {
    static let vocabulary = Vocabulary(
        ethnicities: ["White British", "Asian", "Mixed"],
        themes: [Theme(code: "alpha", title: "Alpha"), Theme(code: "beta", title: "Beta"), Theme(code: "gamma", title: "Gamma")])

    static func `case`(_ id: String, area: String = "A01", _ change: (inout Case) -> Void = { _ in }) -> Case {
        var c = Case(
            id: id, area: area, localReview: .none,
            child: .init(
                sex: .male, ethnicity: "White British", ageMonths: 3, premature: false,
                feedingDifficulties: false, weightLoss: false),
            harm: .init(outcome: .seriouslyHarmed, injuries: [.fracture], occasions: .single, prognosis: .impairmentUnlikely),
            maleCarer: .init(relationship: .birthFather, criminalConvictions: false, probation: .none),
            parents: .init(
                currentDomesticAbuse: false, historicalDomesticAbuse: false, mentalHealth: false,
                careLeaver: false, under22: false),
            agencyInvolvement: .universal,
            proceedings: .init(criminal: .noCharges, murderCharge: .none, findingsOfFact: .none),
            themes: [], summary: "Fictional.\n", learning: [])
        change(&c)
        return c
    }

    static func area(
        _ code: String, region: Region = .london, type: AreaType = .londonBorough,
        fnp: Bool = false, practitioners: Int = 1, partners: Int = 1
    ) -> Area {
        Area(
            code: code, type: type, region: region, familyNursePartnership: fnp,
            practitioners: practitioners, strategicPartners: partners)
    }

    static func cohort(_ cases: [Case], areas: [Area] = [area("A01")]) -> Cohort {
        Cohort(
            review: Review(
                title: "T", subtitle: nil, publisher: "P", published: ISODate(year: 2021, month: 9, day: 15),
                period: MonthRange(from: YearMonth(year: 2018, month: 6), to: YearMonth(year: 2020, month: 6)),
                initialShortlist: 10, regionsTotal: 9, familyContributions: 0),
            areas: areas, vocabulary: vocabulary, cases: cases)
    }
}
