import Testing

@testable import ChartLayout

@Suite("Chart specs")
struct SpecTests {
    @Test("Chart labels print a count and its whole percent, rounded half up")
    func shares() {
        #expect(ChartShare.label(19, of: 23) == "19 (83%)")
        #expect(ChartShare.label(1, of: 8) == "1 (13%)")
    }

    @Test("The text alternative states every value and share")
    func textAlternative() {
        #expect(Fixtures.figure1.textAlternative() == "Of 23 babies: Seriously harmed 19 (83%), Died 4 (17%).")
        #expect(Fixtures.figure2.textAlternative() == "Of 23 babies: Male 15 (65%), Female 8 (35%).")
        #expect(
            Fixtures.injuryProfiles.textAlternative().hasPrefix(
                "Of 23 babies: Head injury only: Died 2 (9%), Seriously harmed 3 (13%); Fractures only: Died 0 (0%)"))
    }

    /// The report's own specs are checked against the figure registry in
    /// ReportRenderingTests; these fixtures exercise the layouts' edge cases.
    @Test("The hand-made fixtures pass the rules")
    func fixturesAreValid() throws {
        for spec in Fixtures.all { #expect(throws: Never.self) { try spec.validate() } }
    }

    static let broken: [(ChartSpec, ChartSpecError)] = {
        var sixParts = Fixtures.pie([1, 1, 1, 1, 1, 1])
        sixParts.total = 6
        var wrongSum = Fixtures.figure1
        wrongSum.total = 24
        var onePart = Fixtures.pie([3])
        onePart.total = 3
        var negative = Fixtures.figure2
        negative.categories[1].values = [-1]
        var empty = Fixtures.figure3
        empty.categories = []
        var blank = Fixtures.figure3
        blank.categories[2].label = "  "
        var oneSeries = Fixtures.injuryProfiles
        oneSeries.series = ["Died"]
        var mismatch = Fixtures.injuryProfiles
        mismatch.categories[0].values = [1]
        var tooMany = Fixtures.figure6
        tooMany.categories[0].values = [24]
        var duplicate = Fixtures.figure2
        duplicate.categories[1].label = "Male"
        var zeroTotal = Fixtures.figure2
        zeroTotal.total = 0
        return [
            (sixParts, .pieNeedsTwoToFiveParts(found: 6)),
            (onePart, .pieNeedsTwoToFiveParts(found: 1)),
            (wrongSum, .pieDoesNotSumToTotal(sum: 23, total: 24)),
            (negative, .negativeValue(label: "Female", value: -1)),
            (empty, .noCategories),
            (blank, .emptyLabel(index: 2)),
            (oneSeries, .invalidSeries(found: 1)),
            (mismatch, .valueCountMismatch(label: "Head injury only", expected: 2, found: 1)),
            (tooMany, .valueExceedsTotal(label: "Current domestic abuse", value: 24, total: 23)),
            (duplicate, .duplicateLabel("Male")),
            (zeroTotal, .nonPositiveTotal(0)),
        ]
    }()

    @Test(
        "A spec that breaks a rule throws that rule, from validate and from layout",
        arguments: SpecTests.broken.indices)
    func brokenRules(index: Int) {
        let (spec, expected) = Self.broken[index]
        #expect(throws: expected) { try spec.validate() }
        #expect(throws: expected) { try ChartLayoutEngine.layout(spec) }
    }
}
