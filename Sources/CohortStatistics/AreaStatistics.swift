import CaseModel

/// The areas taking part, counted over the areas with at least one case.
public struct AreaStatistics: Hashable, Sendable {
    /// Areas with at least one case.
    public let areas: Int
    /// Regions with at least one such area, out of `review.regions_total`.
    public let regionsCovered: Share
    /// Areas per region (zeros included), in the contract's order.
    public let regions: Tally
    /// Areas per type of authority.
    public let areaTypes: Tally
    /// Areas where a Family Nurse Partnership service operates.
    public let familyNursePartnership: Share
    /// Multi-agency practitioners who met the reviewers.
    public let practitioners: Int
    /// Senior strategic partners who met the reviewers.
    public let strategicPartners: Int
    /// Declared areas that no case refers to (a warning at validation).
    public let unusedAreaCodes: [String]

    init(_ cohort: Cohort) {
        let cases = cohort.cases
        let used = Set(cases.indices.map { cases[$0].area })
        let active = cohort.areas.filter { used.contains($0.code) }
        // Area tallies count areas, not cases: an area's "case id" here is its code.
        func tally<Code: ContractCode>(_ field: (Area) -> Code) -> Tally {
            Tally(
                total: active.count,
                categories: Code.allCases.map { code in
                    Category(
                        key: code.rawValue, label: code.label,
                        caseIDs: active.filter { field($0) == code }.map(\.code), total: active.count)
                })
        }
        areas = active.count
        regions = tally { $0.region }
        areaTypes = tally { $0.type }
        regionsCovered = Share(regions.categories.filter { $0.count > 0 }.count, of: cohort.review.regionsTotal)
        familyNursePartnership = Share(active.filter(\.familyNursePartnership).count, of: active.count)
        practitioners = active.reduce(0) { $0 + $1.practitioners }
        strategicPartners = active.reduce(0) { $0 + $1.strategicPartners }
        unusedAreaCodes = cohort.areas.map(\.code).filter { !used.contains($0) }
    }

}
