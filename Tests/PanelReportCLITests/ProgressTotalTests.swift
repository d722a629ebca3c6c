import BuildInputs
import CaseLoading
import CaseValidation
import Foundation
import Testing

@testable import PanelReportCLI

/// The progress line's total ("12 of 26 files read") is counted before reading
/// starts, and is what reading then reads: it never jumps during a build.
@Suite struct ProgressTotalTests {
    private func check(_ inputs: String) {
        let fs = DiskFileSystem(inputs: inputs)
        let read = CohortLoader.load(inputs: inputs, fileSystem: fs).filesRead
        #expect(CohortReading.filesToRead(inputs, fs) == read, "\(inputs)")
    }

    @Test func theTotalIsWhatIsReadInEveryForm() throws {
        let scratch = try Scratch()
        // The YAML case files, with a file the loader leaves alone and one in capitals.
        let yaml = try scratch.copy("Inputs")
        try scratch.write("Inputs/cases/notes.txt", "not a case")
        try FileManager.default.moveItem(atPath: yaml + "/cases/C01.yaml", toPath: yaml + "/cases/C01.YAML")
        check(yaml)
        // cases.csv with learning.csv beside it.
        check(CLI.repository.appendingPathComponent("Tests/Fixtures/SecondCohort/Inputs").path)
        // cases.csv alone, and the workbook.
        let csv = try scratch.copy("Tests/Fixtures/SecondCohort/Inputs", as: "CSV")
        try FileManager.default.removeItem(atPath: csv + "/learning.csv")
        check(csv)
        let workbook = try scratch.copy("Inputs", as: "Workbook")
        try FileManager.default.removeItem(atPath: workbook + "/cases")
        // Its bytes are read whatever they hold (the loader then refuses these).
        try scratch.write("Workbook/cases.xlsx", "not a workbook")
        check(workbook)
        withExtendedLifetime(scratch) {}
    }
}
