import CaseValidation
import Testing

@testable import CaseLoading

/// cases.csv and learning.csv are decoded a row at a time as they are read; what a
/// broken file gives must be what reading it whole first gave.
@Suite struct CSVRowDecodingTests {
    private static let badValue = ("C01,A01,lcspr,male", "C01,A01,lcspr,man")
    private static let manLine =
        #"Inputs/cases.csv:row 2, column child.sex, case C01: "man" is not a valid value; expected one of: male, female"#

    private func load(cases: String? = nil, learning: String? = nil, extra: [UInt8] = []) -> CohortLoadResult {
        var fs = InMemoryFileSystem(textFiles: TestCohort.csvFiles)
        if let cases { fs.files["Inputs/cases.csv"] = Array(cases.utf8) + extra }
        if let learning { fs.files["Inputs/learning.csv"] = Array(learning.utf8) }
        return CohortLoader.load(inputs: "Inputs", fileSystem: fs)
    }

    private static var brokenRow: String {
        TestCohort.csv.replacingOccurrences(of: badValue.0, with: badValue.1)
    }

    @Test func aRowsProblemsAreKeptWhenTheFileReadsToItsEnd() {
        let result = load(cases: Self.brokenRow + "C03,A01\n")
        #expect(result.lines == [Self.manLine, "Inputs/cases.csv:row 4: the row has 2 cells but the header has 27 columns"])
        #expect(result.filesRead == 5 && result.casesRead == 3)
    }

    /// A file refused part-way gives the reader's problems, not those of the rows
    /// decoded before the refusal was found.
    @Test func aFileRefusedAfterItsRowsWereDecodedGivesOnlyTheReadersProblems() {
        let result = load(cases: Self.brokenRow + "C03,A01\nC04,\"open\n")
        #expect(result.cohort == nil)
        #expect(
            result.lines == [
                "Inputs/cases.csv:row 4: the row has 2 cells but the header has 27 columns",
                "Inputs/cases.csv:row 5, column area: a quoted cell is not closed before the end of the file",
            ])
        #expect(result.filesRead == 4 && result.casesRead == 0)
    }

    @Test func aByteThatIsNotUTF8AfterTheRowsGivesOnlyThat() {
        let text = Self.brokenRow + "C03,A01\nC04,x"
        let result = load(cases: text, extra: [0xE9])
        #expect(
            result.lines == [
                #"Inputs/cases.csv:row 5, column area: not UTF-8 text: byte 0xE9 ("é" in Windows-1252) at byte offset \#(text.utf8.count); saved as Windows-1252 or ISO 8859-1 (Latin-1)? save it as "CSV UTF-8 (Comma delimited)""#
            ])
        // Not text, so not read.
        #expect(result.filesRead == 3)
    }

    @Test func tooManyRowsAfterDecodedOnes() {
        var fs = InMemoryFileSystem(textFiles: TestCohort.csvFiles)
        fs.files["Inputs/cases.csv"] = Array((Self.brokenRow + "C03,A01\n" + TestCohort.csv.split(separator: "\n")[1] + "\n").utf8)
        let result = CohortLoader.load(inputs: "Inputs", fileSystem: fs, limits: LoadingLimits(maxCSVRows: 3))
        #expect(
            result.lines == [
                "Inputs/cases.csv:row 4: the row has 2 cells but the header has 27 columns",
                "Inputs/cases.csv:row 5: the file has more than 3 case rows; the file is refused",
            ])
    }

    /// learning.csv refused part-way: the cases' problems stand, its rows' do not.
    @Test func learningRefusedPartWay() {
        let result = load(cases: Self.brokenRow, learning: "case,theme,text,publishable\nC01,sharing,x,false\nC02,domestic-abuse,\"open\n")
        #expect(result.cohort == nil)
        #expect(
            result.lines == [
                Self.manLine,
                "Inputs/learning.csv:row 3, column text: a quoted cell is not closed before the end of the file",
            ])
    }

    /// With no case rows, learning.csv is still read for its own problems, and its rows are not decoded.
    @Test func noCaseRowsStillReadsLearningCSV() {
        let header = String(TestCohort.csv.split(separator: "\n")[0])
        let result = load(
            cases: header.replacingOccurrences(of: ",summary", with: ",sumary") + "\n",
            learning: "case,theme,text,publishable\nC01,sharing,x\nC09,sharing,x,false\n")
        #expect(
            result.lines == [
                "Inputs/cases.csv: no case found; add one row per case below the header",
                "Inputs/cases.csv:row 1: summary: the header has no such column; every case needs it",
                "Inputs/cases.csv:row 1, column sumary: unknown column; did you mean summary?; valid columns: "
                    + CaseCSVColumns.canonical.joined(separator: ", "),
                "Inputs/learning.csv:row 2: the row has 3 cells but the header has 4 columns",
            ])
        #expect(result.filesRead == 5)
    }

    /// Counting work, not time: the header's dotted paths are split once per file
    /// (27 case columns, 3 learning columns besides `case`), however many rows it has.
    @Test(arguments: [1, 300])
    func headerPathsAreSplitOncePerFile(copies: Int) {
        let lines = TestCohort.csv.split(separator: "\n")
        let rows = (0..<copies).map { n in lines[1].replacingOccurrences(of: "C01,", with: "X\(n),") }
        var files = TestCohort.csvFiles
        files["Inputs/cases.csv"] = ([String(lines[0])] + rows + [String(lines[2])]).joined(separator: "\n") + "\n"
        let counter = CSVTable.TreePlan.SplitCounter()
        let result = CSVTable.TreePlan.$splits.withValue(counter) { TestCohort.load(files) }
        #expect(result.casesRead == copies + 1)
        #expect(counter.count == 27 + 3)
    }
}

/// Case rows are decoded a batch at a time, each full batch on other threads while
/// the next is read: across several batches, problems come in row order, every
/// row is counted, and a file refused after some batches gives only its refusal.
@Suite struct CSVBatchPipelineTests {
    /// `count` copies of C01's row with fresh ids; rows in `broken` have an unknown sex.
    private static func cases(_ count: Int, broken: Set<Int>) -> String {
        let lines = TestCohort.csv.split(separator: "\n", omittingEmptySubsequences: false)
        var out = [String(lines[0])]
        for n in 1...count {
            var row = String(lines[1]).replacingOccurrences(of: "C01,", with: "K\(n),")
            if broken.contains(n) { row = row.replacingOccurrences(of: ",male,", with: ",boy,") }
            out.append(row)
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func load(_ csv: String) -> CohortLoadResult {
        var files = TestCohort.base
        files["Inputs/cases.csv"] = csv
        return TestCohort.load(files, limits: LoadingLimits(maxFileBytes: 10 * 1024 * 1024))
    }

    @Test func problemsAcrossBatchesComeInRowOrder() {
        let broken: Set<Int> = [1, 4_096, 4_097, 8_192, 8_193, 12_000]
        let result = Self.load(Self.cases(12_000, broken: broken))
        #expect(result.casesRead == 12_000)
        let sexProblems = result.lines.filter { $0.contains("child.sex") }
        #expect(
            sexProblems
                == broken.sorted().map {
                    "Inputs/cases.csv:row \($0 + 1), column child.sex, case K\($0): \"boy\" is not a valid value; expected one of: male, female"
                })
    }

    @Test func aFileRefusedAfterSeveralBatchesGivesOnlyItsRefusal() {
        let csv = Self.cases(9_000, broken: [10, 5_000]) + "K9001,\"unclosed\n"
        #expect(
            Self.load(csv).lines.filter { !$0.contains("warning") } == [
                "Inputs/cases.csv:row 9002, column area: a quoted cell is not closed before the end of the file"
            ])
    }
}
