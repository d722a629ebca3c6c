import CaseLoading
import ChartLayout
import CohortStatistics
import Foundation
import SpreadsheetWriting
import Testing

@testable import ReportRendering

/// The tables workbook's model (issue 28): the report's tables in its order, from the
/// same values as the CSV files and statistics.json, withheld where they withhold.
@Suite struct ReportTablesTests {
    /// The reference build's workbook, built as a build makes it: the declared figures too.
    static func book(suppressBelow: Int?, learningRecorded: Bool = true) -> (Spreadsheet, [Figure], Disclosure?) {
        var cohort = ReferenceBuild.cohort
        cohort.learningRecorded = learningRecorded
        let prepared = PreparedBuild(
            cohort, templates: ReferenceBuild.templates, options: BuildOptions(draft: false, suppressBelow: suppressBelow))
        let figures = FigureRegistry.figures(
            prepared.statistics, review: cohort.review, numbers: prepared.numbers, diagrams: [:], disclosure: prepared.withholding,
            charts: prepared.charts, definitions: prepared.definitions)
        return (prepared.tables(figures), figures, prepared.withholding)
    }

    @Test func theSheetsFollowTheReportsOrderAndNumbers() throws {
        let (book, _, _) = Self.book(suppressBelow: nil)
        #expect(
            book.sheets.map(\.name) == [
                "Cover", "Contents", "Notes", "Headline", "Figure_1", "Figure_2", "Figure_3", "Figure_4", "Figure_5", "Figure_6",
                "Figure_8", "Figure_9", "Learning", "Figure_10", "Figure_11", "Figure_12",
            ])
        try book.check()
        let cover = book.sheets[0].lines.map(\.shown)
        #expect(cover.contains("Publication date: 15 September 2021"))
        #expect(cover.contains("Contact: panel.secretariat@example.gov.uk"))
        // The contents link every sheet after them, and nothing else.
        let links = book.sheets[1].table!.rows.map { $0[0] }
        #expect(links == book.sheets.dropFirst(2).map { Spreadsheet.Cell.link($0.name, sheet: $0.name) })
    }

    /// Each figure's sheet holds the rows of its CSV file, cell for cell, and its columns
    /// (a declared crosstab's shares of its rows or columns too).
    @Test(arguments: [nil, 3, 5])
    func eachFiguresSheetHoldsItsCSVRows(suppressBelow: Int?) throws {
        let (book, figures, _) = Self.book(suppressBelow: suppressBelow)
        for figure in figures {
            guard case .chart(let spec) = figure.content else { continue }
            let sheet = try #require(book.sheets.first { $0.name == ReportTables.sheetName(figure) })
            let csv = FigureData.csv(spec).split(separator: "\n").dropFirst().filter { !$0.hasPrefix("Note: ") }.map { String($0) + "\n" }
            let rows = sheet.table!.rows.map { row in CSVWriter.line([FigureData.csvCell(row[0].shown)] + row.dropFirst().map(\.shown)) }
            #expect(rows == csv, "\(figure.anchor)")
            let header = try #require(FigureData.csv(spec).split(separator: "\n").first)
            #expect(sheet.table!.header.count == header.split(separator: ",").count, "\(figure.anchor)")
        }
    }

    /// With --suppress-below 3, every withheld number is the text [c], no number from 1
    /// to 2 is in any table's number columns where a count is withheld, and the notes say what [c] means.
    @Test func withheldNumbersAreTextAndExplained() throws {
        let (book, figures, disclosure) = Self.book(suppressBelow: 3)
        let key = try #require(disclosure?.key)
        let notes = try #require(book.sheets.first { $0.name == "Notes" }?.table)
        let note = try #require(notes.rows.first { $0[1] == .text(key) })
        var withheld = 0
        for figure in figures {
            guard case .chart(let spec) = figure.content else { continue }
            let sheet = try #require(book.sheets.first { $0.name == ReportTables.sheetName(figure) })
            #expect(sheet.notes.contains(note[0].shown) == spec.hasSuppression, "\(figure.anchor)")
            let count = try #require(FigureTable(spec).columns.firstIndex { $0.csvName == "count" })
            for (category, row) in zip(spec.categories, sheet.table!.rows) {
                if category.suppressedSum {
                    withheld += 1
                    #expect(row[count...].prefix(2) == [.text("[c]"), .text("[c]")], "\(figure.anchor) \(category.label)")
                }
                for cell in row.dropFirst() {
                    if case .number(let n) = cell { #expect(!(1...2).contains(n) || !category.isSuppressed, "\(figure.anchor)") }
                }
            }
        }
        #expect(withheld > 5)
    }

    /// The Headline and Learning sheets hold what statistics.json publishes.
    @Test(arguments: [nil, 3])
    func headlineAndLearningHoldWhatStatisticsJSONPublishes(suppressBelow: Int?) throws {
        let (book, _, disclosure) = Self.book(suppressBelow: suppressBelow)
        let export = StatisticsExport(CohortStatistics(ReferenceBuild.cohort), disclosure: disclosure)
        func shown(_ c: StatisticsExport.Count) -> String { c.withheld ? "[c]" : String(c.value) }
        let headline = try #require(book.sheets.first { $0.name == "Headline" }?.table)
        #expect(headline.rows[0].map(\.shown) == ["Cases in the cohort", shown(export.cohort.cases), "[z]", "[z]"])
        let local = export.cohort.withLocalReview
        #expect(
            headline.rows[8].map(\.shown) == ["Cases with a local review", shown(local.count), shown(local.total), shown(local.percent)])
        let learning = try #require(book.sheets.first { $0.name == "Learning" }?.table)
        let published = CohortStatistics(ReferenceBuild.cohort).themes.publishableLearning
        #expect(learning.rows.count == export.themes.cases.categories.count)
        for (row, category) in zip(learning.rows, export.themes.cases.categories) {
            let points = published.first { $0.theme == category.key }?.points.count ?? 0
            #expect(row.map(\.shown) == [category.label, shown(category.share.count), shown(category.share.percent), String(points)])
        }
        #expect(learning.rows.contains { $0[3] != .number(0) })
    }

    /// A cohort whose source records no learning (a spreadsheet without learning.csv):
    /// its learning counts are [x], not a made-up zero, and the notes say why.
    @Test func learningThatCannotBeRecordedIsNotAvailableNotZero() throws {
        let (book, _, _) = Self.book(suppressBelow: nil, learningRecorded: false)
        let sheet = try #require(book.sheets.first { $0.name == "Learning" })
        #expect(sheet.table!.rows.allSatisfy { $0[3] == .text("[x]") })
        let notes = try #require(book.sheets.first { $0.name == "Notes" }?.table)
        let note = try #require(notes.rows.first { $0[1].shown.hasPrefix("[x]: not available") })
        #expect(sheet.notes.contains(note[0].shown))
        try book.check()
    }
}
