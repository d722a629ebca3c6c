import CaseLoading
import CaseModel
import CaseValidation

/// Writes a validated cohort's cases in one of the three forms of the contract, for
/// a secretariat moving its cohort from one form to another once:
/// `cases/*.yaml`, `cases.csv` with `learning.csv`, or the workbook `cases.xlsx`.
///
/// Only the cases (and their learning points) are written; `review.yaml`,
/// `areas.yaml` and `vocabulary.yaml` are the same in every form and are copied as
/// they are by the caller. Everything is produced in memory; nothing here touches
/// the disk. Reading what is written gives back the same cohort: cases in the same
/// order, every field and learning point as it was (the tests and `convert` check it).
public enum CohortExport {
    public enum Form: String, CaseIterable, Sendable {
        case yaml, csv, xlsx

        /// The files or folder this form puts beside review.yaml, relative to the inputs folder.
        public var caseFiles: [String] {
            switch self {
            case .yaml: ["cases"]
            case .csv: ["cases.csv", "learning.csv"]
            case .xlsx: ["cases.xlsx"]
            }
        }
    }

    /// One file to write, relative to the inputs folder (`cases/C01.yaml`).
    public struct File: Hashable, Sendable {
        public var path: String
        public var bytes: [UInt8]
        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// Why a cohort cannot be written in a form without losing or changing something.
    public struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
    }

    /// The files that hold the cohort's cases in `form`.
    ///
    /// - Throws: ``Refusal`` when the form cannot hold a value exactly (a list item
    ///   containing `;` in the spreadsheet forms, a cell longer than a spreadsheet
    ///   cell may be).
    public static func files(_ cohort: Cohort, as form: Form) throws -> [File] {
        switch form {
        case .yaml:
            return YAMLCaseWriter.files(cohort)
        case .csv:
            let table = try CaseTable(cohort)
            var files = [File(path: "cases.csv", bytes: csv(table.casesHeader, table.cases))]
            if cohort.learningRecorded {
                files.append(File(path: "learning.csv", bytes: csv(table.learningHeader, table.learning)))
            }
            return files
        case .xlsx:
            let table = try CaseTable(cohort)
            let fields = CodedFields.cases(vocabulary: cohort.vocabulary, areas: cohort.areas)
            let help = WorkbookHelp(fields, themes: fields.first { $0.name == "themes" }?.values ?? [])
            return [File(path: "cases.xlsx", bytes: try WorkbookWriter.workbook(table, learning: cohort.learningRecorded, help: help))]
        }
    }

    /// A CSV file of the table, each cell exactly as it is (see ``CSVWriter/cell(_:formulaSafe:)``).
    private static func csv(_ header: [String], _ rows: [[SheetValue]]) -> [UInt8] {
        var text = CSVWriter.line(header.map { CSVWriter.cell($0, formulaSafe: false) })
        for row in rows { text += CSVWriter.line(row.map { CSVWriter.cell($0.csvText, formulaSafe: false) }) }
        return Array(text.utf8)
    }
}

/// A cell of the spreadsheet forms: text, a whole number or a boolean.
enum SheetValue: Hashable {
    case text(String)
    case number(Int)
    case boolean(Bool)
    case empty

    /// As a CSV cell holds it.
    var csvText: String {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .empty: ""
        }
    }
}

/// The cohort as the rows of `cases.csv` and `learning.csv` (or the two sheets).
struct CaseTable {
    let casesHeader = CaseCSVColumns.canonical
    let learningHeader = LearningCSVColumns.canonical
    var cases: [[SheetValue]] = []
    var learning: [[SheetValue]] = []

    /// The most characters a spreadsheet cell holds (Excel's limit).
    static let maxCellCharacters = 32_767

    init(_ cohort: Cohort) throws {
        for c in cohort.cases {
            let row: [String: SheetValue] = [
                "id": .text(c.id), "area": .text(c.area), "local_review": .text(c.localReview.rawValue),
                "child.sex": .text(c.child.sex.rawValue), "child.ethnicity": .text(c.child.ethnicity),
                "child.age_months": .number(c.child.ageMonths), "child.premature": .boolean(c.child.premature),
                "child.feeding_difficulties": .boolean(c.child.feedingDifficulties), "child.weight_loss": .boolean(c.child.weightLoss),
                "harm.outcome": .text(c.harm.outcome.rawValue),
                "harm.injuries": try Self.list(c.harm.injuries.map(\.rawValue), field: "harm.injuries", id: c.id),
                "harm.occasions": .text(c.harm.occasions.rawValue),
                "harm.prognosis": c.harm.prognosis.map { .text($0.rawValue) } ?? .empty,
                "male_carer.relationship": .text(c.maleCarer.relationship.rawValue),
                "male_carer.criminal_convictions": .boolean(c.maleCarer.criminalConvictions),
                "male_carer.probation": .text(c.maleCarer.probation.rawValue),
                "parents.current_domestic_abuse": .boolean(c.parents.currentDomesticAbuse),
                "parents.historical_domestic_abuse": .boolean(c.parents.historicalDomesticAbuse),
                "parents.mental_health": .boolean(c.parents.mentalHealth), "parents.care_leaver": .boolean(c.parents.careLeaver),
                "parents.under_22": .boolean(c.parents.under22),
                "agency_involvement": .text(c.agencyInvolvement.rawValue),
                "proceedings.criminal": .text(c.proceedings.criminal.rawValue),
                "proceedings.murder_charge": .text(c.proceedings.murderCharge.rawValue),
                "proceedings.findings_of_fact": .text(c.proceedings.findingsOfFact.rawValue),
                "themes": try Self.list(c.themes, field: "themes", id: c.id),
                "summary": .text(c.summary),
            ]
            let cells = casesHeader.map { row[$0] ?? .empty }
            try Self.checkLength(cells, header: casesHeader, id: c.id)
            cases.append(cells)
            for point in c.learning {
                let cells: [SheetValue] = [.text(c.id), .text(point.theme), .text(point.text), .boolean(point.publishable)]
                try Self.checkLength(cells, header: learningHeader, id: c.id)
                learning.append(cells)
            }
        }
    }

    /// A list as one cell, `a;b`; refused when an item holds `;` itself.
    private static func list(_ items: [String], field: String, id: String) throws -> SheetValue {
        if let bad = items.first(where: { $0.contains(";") }) {
            throw CohortExport.Refusal(
                "case \(id): \(field): \(bad.quotedForDiagnostic) contains \";\", which separates the items of a list in a spreadsheet "
                    + "cell; rename it in vocabulary.yaml before converting"
            )
        }
        return items.isEmpty ? .empty : .text(items.joined(separator: ";"))
    }

    private static func checkLength(_ cells: [SheetValue], header: [String], id: String) throws {
        for (cell, name) in zip(cells, header) {
            if case .text(let text) = cell, text.count > maxCellCharacters {
                throw CohortExport.Refusal(
                    "case \(id): \(name): the text has \(text.count) characters, more than the \(maxCellCharacters) a spreadsheet cell "
                        + "can hold; shorten it or keep the cohort as YAML files"
                )
            }
        }
    }
}
