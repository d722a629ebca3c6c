import CaseLoading
import CaseValidation
import Testing

/// Loading with a ``ParsedYAMLCache`` (as `panel-report preview` does after every
/// save) gives exactly what a fresh load of the same files gives.
@Suite struct ParsedYAMLCacheTests {
    static func cached(_ files: [String: String], _ cache: ParsedYAMLCache, limits: LoadingLimits = .standard) -> CohortLoadResult {
        CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(textFiles: files), limits: limits, parsed: cache)
    }

    static func expectSame(_ cached: CohortLoadResult, _ fresh: CohortLoadResult) {
        #expect(cached.cohort == fresh.cohort)
        #expect(cached.lines == fresh.lines)
        #expect(cached.filesRead == fresh.filesRead)
        #expect(cached.casesRead == fresh.casesRead)
    }

    @Test func aSequenceOfEditsLoadsAsFreshLoadsWould() {
        let cache = ParsedYAMLCache()
        let edited = TestCohort.yamlFiles("Inputs/cases/C01.yaml", replacing: "age_months: 3", with: "age_months: 4")
        let broken = TestCohort.yamlFiles("Inputs/cases/C02.yaml", replacing: "id: C02", with: "id: [C02")
        for files in [TestCohort.yamlFiles, TestCohort.yamlFiles, edited, broken, edited, TestCohort.yamlFiles] {
            Self.expectSame(Self.cached(files, cache), TestCohort.load(files))
        }
        // The edit is seen, not the tree parsed before it.
        #expect(Self.cached(edited, cache).cohort?.cases.first?.child.ageMonths == 4)
        #expect(Self.cached(broken, cache).cohort == nil)
        #expect(cache.count == 5)
    }

    @Test func theLimitsArePartOfWhatIsKept() {
        let cache = ParsedYAMLCache()
        var tight = LoadingLimits.standard
        tight.maxYAMLValues = 10
        let refused = Self.cached(TestCohort.yamlFiles, cache, limits: tight)
        Self.expectSame(refused, TestCohort.load(TestCohort.yamlFiles, limits: tight))
        #expect(refused.cohort == nil)
        Self.expectSame(Self.cached(TestCohort.yamlFiles, cache), TestCohort.load(TestCohort.yamlFiles))
        #expect(Self.cached(TestCohort.yamlFiles, cache).cohort != nil)
    }

    @Test func forgetsFilesThatAreGone() {
        let cache = ParsedYAMLCache()
        _ = Self.cached(TestCohort.yamlFiles, cache)
        #expect(cache.count == 5)
        cache.keep(paths: ["Inputs/review.yaml", "Inputs/areas.yaml"])
        #expect(cache.count == 2)
        Self.expectSame(Self.cached(TestCohort.yamlFiles, cache), TestCohort.load(TestCohort.yamlFiles))
    }
}
