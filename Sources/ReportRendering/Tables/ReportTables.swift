import CaseModel
import ChartLayout
import CohortStatistics
import SpreadsheetWriting

/// The report's tables as one accessible workbook (``Spreadsheet``), written as
/// `data/tables.ods` and `data/tables.xlsx`: a cover, the contents, the notes, the
/// headline counts, then every chart figure's data table in figure order, each on its
/// own sheet named after its number (`Figure_3`), with the themes' learning points
/// after the themes figure.
///
/// Every number comes from the values the CSV files and `statistics.json` are
/// written from: a figure's table from its chart spec (as ``FigureData/csv(_:disclosureKey:)``),
/// the headline counts and the themes from ``StatisticsExport``. A withheld number is
/// the text `[c]` and its true value is nowhere in the workbook.
enum ReportTables {
    static let odsFile = "data/tables.ods"
    static let xlsxFile = "data/tables.xlsx"
    /// The sheets before the tables: the cover, the contents and the notes.
    static let frontSheets: Set<String> = ["Cover", "Contents", "Notes"]
    static let headlineSheet = "Headline"
    static let learningSheet = "Learning"

    /// The sheet that holds a figure's data (`Figure_3`).
    static func sheetName(_ figure: Figure) -> String { "Figure_\(figure.number)" }

    /// GSS shorthand: not applicable, not available, confidential.
    static let notApplicable = "[z]"
    static let notAvailable = "[x]"

    /// The workbook. `key`: what `[c]` means, when this build withholds anything.
    static func spreadsheet(
        review: Review, statistics: CohortStatistics, figures: [Figure], disclosure: Disclosure?, key: String?
    ) -> Spreadsheet {
        let export = StatisticsExport(statistics, disclosure: disclosure)
        var notes = Notes(key: key)
        var tables: [(sheet: Spreadsheet.Sheet, covers: String)] = []
        let source = FigureRegistry.sourceNote(review)
        tables.append(headline(export, source: source, notes: &notes))
        for figure in figures {
            guard case .chart(let spec) = figure.content else { continue }
            tables.append(figureTable(figure, spec, notes: &notes))
            if figure.id == "themes" { tables.append(learning(export, statistics: statistics, source: source, notes: &notes)) }
        }
        let notesSheet = notes.sheet()
        let contents = Spreadsheet.Sheet(
            name: "Contents", title: "Contents",
            lines: [.text("This worksheet contains one table. Select a sheet name to go to that sheet.")],
            table: Spreadsheet.Table(
                header: ["Sheet name", "Table title", "What it covers"],
                rows: [
                    [.link("Notes", sheet: "Notes"), .text("Notes"), .text("The notes the tables refer to, and the shorthand they use")]
                ]
                    + tables.map { [.link($0.sheet.name, sheet: $0.sheet.name), .text($0.sheet.heading), .text($0.covers)] }))
        return Spreadsheet(
            title: review.title, creator: review.publisher, date: isoDate(review.published),
            sheets: [cover(review, withholds: key != nil), contents, notesSheet] + tables.map(\.sheet))
    }

    /// The cover: what the tables are, when and by whom they were published, where
    /// the numbers come from and whom to contact.
    private static func cover(_ review: Review, withholds: Bool) -> Spreadsheet.Sheet {
        var lines: [Spreadsheet.Cell] = [
            .text(
                "These tables hold the numbers in the report \"\(review.title)\": the headline counts, the data behind each "
                    + "of its charts, and the themes with their learning points."),
            .text("Publication date: \(DateWords.long(review.published))"),
            .text("Period: notifications from \(DateWords.month(review.period.from)) to \(DateWords.month(review.period.to))"),
            .text(FigureRegistry.sourceNote(review)),
        ]
        if let contact = review.contact { lines.append(.text("Contact: \(contact)")) }
        lines.append(.text("The Contents sheet lists the tables; the Notes sheet explains the notes and shorthand they use."))
        if withholds {
            lines.append(.text("Some numbers are withheld to protect confidentiality and shown as [c]: see the Notes sheet."))
        }
        return Spreadsheet.Sheet(name: "Cover", title: review.title, lines: lines)
    }

    /// The notes, numbered in the order the tables first refer to them.
    struct Notes {
        let key: String?
        private(set) var used: [(reference: String, text: String)] = []

        init(key: String?) { self.key = key }

        /// `[note N]` for `text`, numbering it when first used.
        mutating func reference(_ text: String) -> String {
            if let index = used.firstIndex(where: { $0.text == text }) { return used[index].reference }
            let reference = "[note \(used.count + 1)]"
            used.append((reference, text))
            return reference
        }

        func sheet() -> Spreadsheet.Sheet {
            Spreadsheet.Sheet(
                name: "Notes", title: "Notes",
                lines: [.text("This worksheet contains one table. The tables refer to these notes in their titles as [note 1] and so on.")],
                table: Spreadsheet.Table(
                    header: ["Note number", "Note text"],
                    rows: used.map { [.text($0.reference), .text($0.text)] }
                        + [
                            [
                                .text(ReportTables.notApplicable),
                                .text("[z]: not applicable (a count that is not a share of anything has no percentage)."),
                            ]
                        ]))
        }
    }

    static let sharesNote = "Shares are percentages of the total the column's heading names, rounded to the nearest whole percent."
    static let severalNote = "A case can count in more than one row of this table, so the rows may add up to more than the total."

    /// `[note 3] [note 1]` as `[note 1] [note 3]`.
    private static func ordered(_ references: [String]) -> [String] {
        references.sorted { Int($0.filter(\.isNumber)) ?? 0 < Int($1.filter(\.isNumber)) ?? 0 }
    }

    /// The title line under a table's title: where its notes are.
    private static func notesLine(_ references: [String]) -> Spreadsheet.Cell {
        .text(
            references.isEmpty
                ? "This worksheet contains one table. Notes and shorthand are explained on the Notes sheet."
                : "This worksheet contains one table. It refers to \(references.joined(separator: " and ")), on the Notes sheet.")
    }

    /// A published count: the number, or `[c]`.
    private static func cell(_ count: StatisticsExport.Count) -> Spreadsheet.Cell {
        count.withheld ? .text(Disclosure.symbol) : .number(count.value)
    }

    private static func headline(_ e: StatisticsExport, source: String, notes: inout Notes) -> (Spreadsheet.Sheet, String) {
        var references = [notes.reference(sharesNote)]
        let z = Spreadsheet.Cell.text(notApplicable)
        func count(_ measure: String, _ c: StatisticsExport.Count) -> [Spreadsheet.Cell] { [.text(measure), cell(c), z, z] }
        func share(_ measure: String, _ s: StatisticsExport.PublishedShare) -> [Spreadsheet.Cell] {
            [.text(measure), cell(s.count), cell(s.total), cell(s.percent)]
        }
        let rows = [
            count("Cases in the cohort", e.cohort.cases),
            count("Cases initially shortlisted", e.cohort.initialShortlist),
            count("Local areas", e.areas.areas),
            share("Regions covered", e.areas.regionsCovered),
            share("Areas with a Family Nurse Partnership", e.areas.familyNursePartnership),
            count("Practitioners who took part", e.areas.practitioners),
            count("Strategic partners who took part", e.areas.strategicPartners),
            count("Family members who contributed", e.cohort.familyContributions),
            share("Cases with a local review", e.cohort.withLocalReview),
        ]
        if rows.joined().contains(.text(Disclosure.symbol)), let key = notes.key { references.append(notes.reference(key)) }
        let sheet = Spreadsheet.Sheet(
            name: headlineSheet, title: "Headline counts", notes: ordered(references),
            lines: [notesLine(ordered(references)), .text(source)],
            table: Spreadsheet.Table(header: ["Measure", "Number", "Out of", "Share (%)"], rows: rows))
        return (sheet, "The cohort, the areas and the people who took part")
    }

    /// A figure's data: its ``FigureTable``, as its CSV file has it, with numbers stored as
    /// numbers (a share as its whole percent, its heading saying so) and `[c]` as text.
    private static func figureTable(_ figure: Figure, _ spec: ChartSpec, notes: inout Notes) -> (Spreadsheet.Sheet, String) {
        var references = [notes.reference(sharesNote)]
        // Sets in any combination overlap, as the features of the parents and the themes do.
        if figure.id == "parent-features" || figure.id == "themes" || !spec.sets.isEmpty {
            references.append(notes.reference(severalNote))
        }
        let table = FigureTable(spec, categoryHeading: figure.definition.categoryHeading)
        if table.withholds, let key = notes.key { references.append(notes.reference(key)) }
        let header = table.columns.map { $0.kind == .percent ? "\($0.heading) (%)" : $0.heading }
        let rows = table.rows.map { row in
            row.map { cell -> Spreadsheet.Cell in
                switch cell {
                case .text(let words): .text(words)
                case .count(let n): .number(n)
                case .percent(let share): .number(share.wholePercent)
                case .withheld: .text(Disclosure.symbol)
                }
            }
        }
        let sheet = Spreadsheet.Sheet(
            name: sheetName(figure), title: "Figure \(figure.number): \(spec.title)", notes: ordered(references),
            lines: [notesLine(ordered(references)), .text(spec.subtitle), .text(spec.sourceNote)],
            table: Spreadsheet.Table(header: header, rows: rows))
        return (sheet, spec.subtitle)
    }

    /// Each theme, in the vocabulary's order (as `statistics.json` lists them): the cases it featured in, its share,
    /// and how many learning points were published for it.
    private static func learning(
        _ e: StatisticsExport, statistics: CohortStatistics, source: String, notes: inout Notes
    ) -> (
        Spreadsheet.Sheet, String
    ) {
        var references = [notes.reference(sharesNote), notes.reference(severalNote)]
        let points = Dictionary(
            statistics.themes.publishableLearning.map { ($0.theme, $0.points.count) }, uniquingKeysWith: { first, _ in first })
        let rows = e.themes.cases.categories.map { category -> [Spreadsheet.Cell] in
            [
                .text(category.label), cell(category.share.count), cell(category.share.percent),
                statistics.themes.learningRecorded ? .number(points[category.key] ?? 0) : .text(notAvailable),
            ]
        }
        if rows.joined().contains(.text(Disclosure.symbol)), let key = notes.key { references.append(notes.reference(key)) }
        if !statistics.themes.learningRecorded {
            references.append(notes.reference("[x]: not available; this cohort's summaries record no learning points."))
        }
        let total = e.themes.cases.total
        let sheet = Spreadsheet.Sheet(
            name: learningSheet, title: "Themes and their published learning points", notes: ordered(references),
            lines: [notesLine(ordered(references)), .text(source)],
            table: Spreadsheet.Table(
                header: [
                    "Theme", "Cases", "Share of \(total.withheld ? Disclosure.symbol : String(total.value)) (%)",
                    "Learning points published",
                ],
                rows: rows))
        return (sheet, "For each theme, the cases in which it featured and the learning points published")
    }

    /// `YYYY-MM-DD`.
    static func isoDate(_ d: ISODate) -> String {
        func padded(_ n: Int, _ width: Int) -> String {
            let text = String(n)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(padded(d.year, 4))-\(padded(d.month, 2))-\(padded(d.day, 2))"
    }
}
