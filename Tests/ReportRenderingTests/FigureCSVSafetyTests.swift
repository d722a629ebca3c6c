import CaseLoading
import CaseValidation
import ChartLayout
import Foundation
import Testing

@testable import ReportRendering

/// `data/figure-N.csv` is opened in spreadsheets: no text cell may start a formula.
@Suite struct FigureCSVSafetyTests {
    static let hostile = [
        "=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"click\")",
        "\t=1+1", "\r=1+1",
    ]
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    private func spec(_ labels: [String], kind: ChartKind = .horizontalBar, series: [String] = []) -> ChartSpec {
        ChartSpec(
            kind: kind, id: "figure-3", title: "Ethnicity of the babies", subtitle: "Number of babies",
            categories: labels.enumerated().map { index, label in
                ChartCategory(label: label, values: Array(repeating: index + 1, count: max(1, series.count)))
            },
            series: series, unit: "babies", total: 100, sourceNote: "Source: a test")
    }

    /// Reads the CSV back as a spreadsheet would and returns its rows of cells.
    private func cells(_ csv: String) throws -> (header: [String], rows: [[String]]) {
        let (table, problems) = CSVReader.read(csv, file: "figure-3.csv")
        #expect(problems.isEmpty)
        let read = try #require(table)
        return (read.header, read.rows.map(\.cells))
    }

    @Test func formulaLikeLabelsAreInertAndRecoverable() throws {
        let csv = FigureData.csv(spec(Self.hostile + ["Asian"]))
        let (header, rows) = try cells(csv)
        #expect(header == ["category", "count", "percent"])
        #expect(rows.count == Self.hostile.count + 1)
        for (row, label) in zip(rows, Self.hostile) {
            let cell = try #require(row.first)
            #expect(!Self.formulaStarts.contains(try #require(cell.first)), "cell \(cell.debugDescription) could start a formula")
            #expect(cell == "'" + label)
            #expect(String(cell.dropFirst()) == label)
        }
        // Counts and percentages stay plain numbers; an ordinary label is written as it is.
        #expect(rows.map { $0[1] } == (1...Self.hostile.count + 1).map(String.init))
        #expect(rows.map { $0[2] } == (1...Self.hostile.count + 1).map(String.init))
        #expect(csv.contains("\nAsian,8,8\n"))
        #expect(csv.contains("\n\"'=1+1\",1,1\n"))
        #expect(csv.contains("\n\"'-2+3\",3,3\n"))
    }

    /// Every text cell of every CSV goes through the same rule, series headers included.
    @Test func seriesHeadersAndStackedLabelsAreInertToo() throws {
        let csv = FigureData.csv(spec(["=1+1", "Fractures only"], kind: .stackedHorizontalBar, series: ["Died", "Seriously harmed"]))
        let (header, rows) = try cells(csv)
        #expect(header == ["category", "died", "seriously-harmed", "count", "percent"])
        #expect(rows == [["'=1+1", "1", "1", "2", "2"], ["Fractures only", "2", "2", "4", "4"]])
        #expect(FigureData.csvCell("-1") == "\"'-1\"")
        #expect(FigureData.csvCell("a, b") == "\"a, b\"")
        #expect(FigureData.csvCell("plain") == "plain")
    }

    /// Quotes inside a quoted cell are doubled, every one, even where an accent
    /// follows one (a single character to Swift, a quote byte to a spreadsheet).
    @Test func everyQuoteInAQuotedCellIsDoubled() {
        #expect(FigureData.csvCell("the \"other\" carer, aged 20") == "\"the \"\"other\"\" carer, aged 20\"")
        #expect(FigureData.csvCell("\"\u{301}, é") == "\"\"\"\u{301}, é\"")
        #expect(FigureData.csvCell("=\"x\"") == "\"'=\"\"x\"\"\"")
        #expect(FigureData.csvCell("naïve \"café\"") == "\"naïve \"\"café\"\"\"")
    }

    /// End to end: vocabulary labels and a theme title that look like formulas pass
    /// validation (they are legitimate text), and the build's figure CSVs keep them inert.
    @Test func formulaLikeVocabularyIsInertInTheBuiltFiles() throws {
        var files: [String: [UInt8]] = [:]
        let inputs = ReferenceBuild.root.appendingPathComponent("Inputs")
        for case let url as URL in FileManager.default.enumerator(at: inputs, includingPropertiesForKeys: nil)!
        where url.pathExtension == "yaml" {
            files["Inputs/" + String(url.path.dropFirst(inputs.path.count + 1))] = [UInt8](try Data(contentsOf: url))
        }
        let vocabulary = String(decoding: try #require(files["Inputs/vocabulary.yaml"]), as: UTF8.self)
        let hostile =
            vocabulary
            .replacingOccurrences(of: "  - Asian\n", with: "  - Asian\n  - \"=1+1\"\n  - \"@SUM(A1)\"\n  - \"-2+3\"\n")
            .replacingOccurrences(of: #"title: "Domestic abuse, current and past""#, with: #"title: '=HYPERLINK("http://x","click")'"#)
        #expect(hostile != vocabulary)
        files["Inputs/vocabulary.yaml"] = Array(hostile.utf8)
        let result = CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: files))
        #expect(result.diagnostics.filter(\.isError).map(\.description) == [])
        let cohort = try #require(result.cohort)
        let built = try ReportBuilder.build(
            cohort, templates: ReferenceBuild.templates,
            options: BuildOptions(draft: false))
        let byPath = Dictionary(uniqueKeysWithValues: built.files.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
        let ethnicity = try cells(try #require(byPath["data/figure-3.csv"])).rows.map { $0[0] }
        #expect(Set(ethnicity).isSuperset(of: ["'=1+1", "'@SUM(A1)", "'-2+3", "Asian"]))
        let themes = try cells(try #require(byPath["data/figure-9.csv"])).rows.map { $0[0] }
        #expect(themes.contains(#"'=HYPERLINK("http://x","click")"#))
        for cell in ethnicity + themes {
            #expect(!Self.formulaStarts.contains(try #require(cell.first)))
        }
    }
}
