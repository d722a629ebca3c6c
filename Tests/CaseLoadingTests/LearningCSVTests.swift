import CaseLoading
import CaseModel
import CaseValidation
import Testing

/// learning.csv beside cases.csv: the same CSV rules, located errors, and a join on the case id.
@Suite struct LearningCSVTests {
    private func load(learning: String) -> CohortLoadResult {
        var files = TestCohort.csvFiles
        files["Inputs/learning.csv"] = learning
        return TestCohort.load(files)
    }

    @Test func pointsJoinTheirCasesInRowOrderAndPublishableDefaultsToFalse() throws {
        let result = load(
            learning: """
                theme,case,text,publishable
                domestic-abuse,C02,"Second, with a comma.",
                information-sharing,C01,First for C01.,yes
                domestic-abuse,C01,Second for C01.,FALSE

                """)
        #expect(result.lines == [])
        let cohort = try #require(result.cohort)
        #expect(
            cohort.cases[0].learning == [
                LearningPoint(theme: "information-sharing", text: "First for C01.", publishable: true),
                LearningPoint(theme: "domestic-abuse", text: "Second for C01.", publishable: false),
            ])
        #expect(cohort.cases[1].learning == [LearningPoint(theme: "domestic-abuse", text: "Second, with a comma.", publishable: false)])
    }

    @Test func aHeaderOnlyFileRecordsThatThereAreNone() throws {
        let result = load(learning: "case,theme,text,publishable\n")
        #expect(result.lines == [])
        let cohort = try #require(result.cohort)
        #expect(cohort.learningRecorded)
        #expect(cohort.cases.allSatisfy { $0.learning.isEmpty })
    }

    @Test func everyProblemIsLocatedByRowAndColumnOfLearningCSV() {
        let result = load(
            learning: """
                case,theme,text,publishable
                C01,information-sharing,Fine.,false
                C01,sharing,Unknown theme.,false
                C99,domestic-abuse,No such case.,false
                ,domestic-abuse,No case at all.,
                C02,domestic-abuse,,maybe

                """)
        #expect(result.cohort == nil)
        #expect(
            result.lines == [
                #"Inputs/learning.csv:row 3, column theme: "sharing" is not declared in vocabulary.yaml; expected one of: information-sharing, domestic-abuse"#,
                #"Inputs/learning.csv:row 4, column case: "C99" is not the id of any case in Inputs/cases.csv; expected an id from its id column"#,
                "Inputs/learning.csv:row 5, column case: required field is missing; expected the id of a case in Inputs/cases.csv",
                "Inputs/learning.csv:row 6, column text: required field is missing; expected text",
                #"Inputs/learning.csv:row 6, column publishable: "maybe" is not a valid value; expected one of: true, false, yes, no"#,
            ])
    }

    @Test func theHeaderIsCheckedLikeCasesCSV() {
        let result = load(learning: "case,theme,txt,publishable,theme\nC01,domestic-abuse,x,false,y\n")
        #expect(
            result.lines == [
                "Inputs/learning.csv:row 1: text: the header has no such column; every learning point needs it",
                "Inputs/learning.csv:row 1, column txt: unknown column; did you mean text?; valid columns: case, theme, text, publishable",
                "Inputs/learning.csv:row 1, column theme: the column appears more than once (columns 2 and 5); keep one",
            ])
    }

    @Test func quotingProblemsAreTheCSVReadersOwn() {
        let result = load(learning: "case,theme,text,publishable\nC01,domestic-abuse,\"open,false\n")
        #expect(result.lines == ["Inputs/learning.csv:row 2, column text: a quoted cell is not closed before the end of the file"])
    }

    @Test func learningCSVWithoutCasesCSVIsAnErrorNotIgnored() {
        var files = TestCohort.yamlFiles
        files["Inputs/learning.csv"] = TestCohort.learningCSV
        #expect(
            TestCohort.load(files).lines == [
                "Inputs/learning.csv: learning.csv goes with cases.csv, which is not here, so its learning points would be lost; YAML case files keep them under learning: in each case: move them there and remove learning.csv"
            ])
    }

    @Test func tooManyLearningRowsAreRefused() {
        let rows = String(repeating: "C01,domestic-abuse,x,false\n", count: 4)
        var files = TestCohort.csvFiles
        files["Inputs/learning.csv"] = "case,theme,text,publishable\n" + rows
        let result = TestCohort.load(files, limits: LoadingLimits(maxLearningRows: 3))
        #expect(result.cohort == nil)
        #expect(result.lines == ["Inputs/learning.csv:row 5: the file has more than 3 learning-point rows; the file is refused"])
    }
}

/// A spreadsheet export saved in another encoding is placed as a spreadsheet shows it.
@Suite struct CSVEncodingTests {
    @Test func windows1252IsLocatedByRowAndColumnAndNamed() {
        var fs = InMemoryFileSystem(textFiles: TestCohort.csvFiles)
        // "Invented, with a comma…" becomes "Invented – with …" with a Windows-1252 en dash (0x96).
        let text = TestCohort.csv.replacingOccurrences(of: "Invented, with", with: "Invented \u{1} with")
        fs.files["Inputs/cases.csv"] = Array(text.utf8).map { $0 == 1 ? 0x96 : $0 }
        let result = CohortLoader.load(inputs: "Inputs", fileSystem: fs)
        #expect(result.cohort == nil)
        let offset = Array(text.utf8).firstIndex(of: 1)!
        #expect(
            result.lines == [
                #"Inputs/cases.csv:row 3, column summary: not UTF-8 text: byte 0x96 ("–" in Windows-1252) at byte offset \#(offset); saved as Windows-1252? save it as "CSV UTF-8 (Comma delimited)""#
            ])
    }

    @Test func latin1InTheHeaderNamesTheColumnByNumber() {
        let bytes = Array("id,caf\u{1}\nC01,x\n".utf8).map { $0 == 1 ? 0xE9 : $0 }
        guard case .failure(let problem) = CSVReader.text(bytes, file: "t.csv") else {
            Issue.record("read as UTF-8")
            return
        }
        #expect(
            problem.description
                == #"t.csv:row 1, column 2: not UTF-8 text: byte 0xE9 ("é" in Windows-1252) at byte offset 6; saved as Windows-1252 or ISO 8859-1 (Latin-1)? save it as "CSV UTF-8 (Comma delimited)""#
        )
    }

    @Test func utf16IsNamed() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x69, 0x00, 0x64, 0x00]
        guard case .failure(let problem) = CSVReader.text(bytes, file: "t.csv") else {
            Issue.record("read as UTF-8")
            return
        }
        #expect(
            problem.description
                == #"t.csv: not UTF-8 text: the file is saved as UTF-16 ("Unicode Text"); save it as "CSV UTF-8 (Comma delimited)""#)
    }

    @Test func aQuotedLineBreakDoesNotCountAsARow() {
        let bytes = Array("id,summary\nC01,\"two\nlines \u{1}\"\n".utf8).map { $0 == 1 ? 0x92 : $0 }
        guard case .failure(let problem) = CSVReader.text(bytes, file: "t.csv") else {
            Issue.record("read as UTF-8")
            return
        }
        #expect(problem.location == SourceLocation(file: "t.csv", position: .csvCell(row: 2, column: "summary")))
    }
}
