import CaseLoading
import CaseValidation
import Testing

/// A required input that is not there is a different kind of problem from one
/// that is there but wrong: the CLI exits 66 for the first, 65 for the second,
/// from the diagnostics alone.
@Suite struct MissingInputTests {
    func result(_ files: [String: String]) -> CohortLoadResult {
        CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: files.mapValues { Array($0.utf8) }))
    }

    @Test(arguments: ["Inputs/review.yaml", "Inputs/areas.yaml", "Inputs/vocabulary.yaml"])
    func aRequiredFileThatIsNotThereIsMissing(file: String) {
        var files = TestCohort.yamlFiles
        files.removeValue(forKey: file)
        let loaded = result(files)
        #expect(loaded.cohort == nil)
        #expect(loaded.misses)
        #expect(loaded.errors.contains { $0.kind == .missingInput && $0.location.file == file })
    }

    @Test func noCasesAtAllIsMissing() {
        let loaded = result(TestCohort.yamlFiles.filter { !$0.key.hasPrefix("Inputs/cases/") })
        #expect(loaded.misses)
    }

    @Test func aBrokenFileIsInvalidNotMissing() {
        var files = TestCohort.yamlFiles
        files["Inputs/review.yaml"] = "title: [unclosed\n"
        let loaded = result(files)
        #expect(loaded.cohort == nil)
        #expect(!loaded.misses)
        #expect(loaded.errors.allSatisfy { $0.kind == .invalid })
    }
}
