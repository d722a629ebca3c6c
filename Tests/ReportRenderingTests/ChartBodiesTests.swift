import CohortStatistics
import Testing

@testable import ReportRendering

/// A build draws each chart once: the charts that order the template values'
/// families are the figures' own, unless a chapter gives a figure words of its own.
@Suite struct ChartBodiesTests {
    let statistics = CohortStatistics(ReferenceBuild.cohort)

    @Test func aFigureWithoutWordsOfItsOwnIsTheChartAlreadyBuilt() throws {
        var charts = FigureRegistry.chartBodies(statistics, review: ReferenceBuild.cohort.review)
        #expect(Set(charts.keys) == Set(FigureRegistry.all.filter { !$0.isDiagram }.map(\.id)))
        // Marked, to tell it from one built again.
        charts["sex"]?.spec.title = "Built once"
        charts["age"]?.spec.title = "Built once"
        let numbers = Dictionary(uniqueKeysWithValues: FigureRegistry.all.enumerated().map { ($1.id, $0 + 1) })
        let figures = FigureRegistry.figures(
            statistics, review: ReferenceBuild.cohort.review, numbers: numbers, diagrams: [:],
            words: ["age": FigureWords(title: "Their ages")], charts: charts)
        #expect(figures.first { $0.id == "sex" }?.title == "Built once")
        // Words of its own: built in them.
        #expect(figures.first { $0.id == "age" }?.title == "Their ages")
    }

    @Test func theValuesTakeTheirFamiliesOrderFromTheChartsGiven() throws {
        var charts = FigureRegistry.chartBodies(statistics, review: ReferenceBuild.cohort.review)
        let shown = try #require(charts["sex"]?.valueNames)
        charts["sex"]?.valueNames = shown.reversed()
        let values = ReportValues(statistics: statistics, review: ReferenceBuild.cohort.review, charts: charts)
        #expect(values.families["sex"]?.members.map(\.name) == shown.reversed())
        // The public form builds the charts itself, in the figures' order.
        #expect(ReportValues(statistics: statistics, review: ReferenceBuild.cohort.review).families["sex"]?.members.map(\.name) == shown)
    }
}
