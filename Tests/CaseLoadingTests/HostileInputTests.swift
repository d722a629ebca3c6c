import CaseLoading
import CaseValidation
import Testing

/// Hostile or absurd input is refused quickly with a diagnostic, never a crash or a hang.
@Suite struct HostileInputTests {
    private func withCase(_ text: String) -> [String: String] {
        TestCohort.yamlFiles.merging(["Inputs/cases/C01.yaml": text]) { $1 }
    }

    @Test func billionLaughsIsRefused() {
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for level in 1...9 {
            let previous = level == 1 ? "a" : "a\(level - 1)"
            bomb += "a\(level): &a\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        let result = TestCohort.load(withCase(bomb))
        #expect(result.cohort == nil)
        #expect(result.lines.contains(
            "Inputs/cases/C01.yaml:6:10: the document expands to more than 100000 values (through YAML aliases or sheer size); the file is refused"))
    }

    @Test func aliasBombAsAMappingKeyIsRefused() {
        var bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
        for level in 1...8 {
            let previous = level == 1 ? "a" : "a\(level - 1)"
            bomb += "a\(level): &a\(level) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ",") + "]\n"
        }
        bomb += "? *a8\n: 1\n"
        let result = TestCohort.load(withCase(bomb))
        #expect(result.cohort == nil)
        #expect(result.lines.contains { $0.hasPrefix("Inputs/cases/C01.yaml:5:") && $0.hasSuffix("the file is refused") })
    }

    /// Refused at the first bracket past our bound, as the moderate case is: the
    /// events are read one at a time, so nothing past it is scanned.
    @Test func deepFlowNestingIsRefused() {
        let deep = "id: " + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000) + "\n"
        #expect(TestCohort.load(withCase(deep)).lines.contains(
            "Inputs/cases/C01.yaml:1:68: lists and mappings are nested more than 64 levels deep; the file is refused"))
    }

    @Test func moderateFlowNestingIsRefusedByOurOwnBound() {
        let deep = "id: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n"
        #expect(TestCohort.load(withCase(deep)).lines.contains(
            "Inputs/cases/C01.yaml:1:68: lists and mappings are nested more than 64 levels deep; the file is refused"))
    }

    @Test func deepBlockNestingIsRefused() {
        var deep = ""
        for level in 0..<100 { deep += String(repeating: " ", count: level) + "k\(level):\n" }
        let result = TestCohort.load(withCase(deep))
        #expect(result.lines.contains(
            "Inputs/cases/C01.yaml:65:65: lists and mappings are nested more than 64 levels deep; the file is refused"))
    }

    @Test func oversizedFileIsRefusedBeforeReading() {
        var fs = InMemoryFileSystem(textFiles: TestCohort.yamlFiles)
        fs.files["Inputs/cases/C01.yaml"] = [UInt8](repeating: 0x61, count: 10 * 1024 * 1024 + 1)
        let result = CohortLoader.load(inputs: "Inputs", fileSystem: fs)
        #expect(result.cohort == nil)
        #expect(result.lines == [
            "Inputs/cases/C01.yaml: the file is too large (10485761 bytes; the limit is 10485760 bytes) and is refused",
        ])
    }

    @Test func tooManyCSVColumnsIsRefused() {
        var files = TestCohort.base
        files["Inputs/cases.csv"] = Array(repeating: "x", count: 1_001).joined(separator: ",") + "\n"
        #expect(TestCohort.load(files).lines == ["Inputs/cases.csv:row 1: the row has more than 1000 cells; the file is refused"])
    }

    @Test func hugeCSVCellIsRefused() {
        var files = TestCohort.base
        files["Inputs/cases.csv"] = "id,summary\nC1,\"" + String(repeating: "y", count: 1024 * 1024 + 1) + "\"\n"
        #expect(TestCohort.load(files).lines == ["Inputs/cases.csv:row 2, column summary: the cell is larger than 1048576 bytes; the file is refused"])
    }

    @Test func tooManyCSVRowsIsRefused() {
        var files = TestCohort.csvFiles
        files["Inputs/cases.csv"]! += String(repeating: "x\n", count: 10)
        let limits = LoadingLimits(maxCSVRows: 5)
        let result = TestCohort.load(files, limits: limits)
        #expect(result.cohort == nil)
        #expect(result.lines.last == "Inputs/cases.csv:row 7: the file has more than 5 case rows; the file is refused")
    }

    @Test func tooManyCaseFilesIsRefused() {
        var files = TestCohort.yamlFiles
        for n in 3...6 { files["Inputs/cases/C0\(n).yaml"] = "id: C0\(n)\n" }
        #expect(TestCohort.load(files, limits: LoadingLimits(maxCaseFiles: 5)).lines == [
            "Inputs/cases: holds 6 case files; the limit is 5 and the folder is refused",
        ])
    }

    @Test func undefinedAliasIsADiagnostic() {
        #expect(TestCohort.load(withCase("id: *nothing\n")).lines == [
            "Inputs/cases/C01.yaml:1:5: the alias *nothing refers to no anchor &nothing defined before it",
        ])
    }
}
