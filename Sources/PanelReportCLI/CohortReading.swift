import BuildInputs
import CaseLoading
import CaseModel
import CaseValidation
import Foundation
import Platform
import ReportRendering
import Synchronization

/// Loads and validates the inputs, printing every diagnostic; the cohort only if valid.
enum CohortReading {
    /// At most this many diagnostics are printed; the rest are counted.
    static let printLimit = 200

    /// The inputs as loaded, every diagnostic printed. Throws only when the folder itself is missing.
    /// With a clock, the progress line counts the files read ("120 of 3003 files read").
    static func loadPrinting(_ inputs: String, clock: RunClock? = nil) throws -> CohortLoadResult {
        let fs = DiskFileSystem(inputs: inputs)
        guard fs.isDirectory(atPath: inputs) else {
            throw Failure(.missingInput, "\(inputs): no such folder; point --inputs at a folder with review.yaml, areas.yaml, vocabulary.yaml and cases/")
        }
        let result: CohortLoadResult
        if let clock {
            let caseFiles = ((try? fs.entries(inDirectory: inputs + "/cases", atMost: LoadingLimits.standard.maxCaseFiles + 1)) ?? nil)?
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.count ?? 1
            result = CohortLoader.load(inputs: inputs, fileSystem: CountingFileSystem(disk: fs, expected: 3 + caseFiles, clock: clock))
        } else {
            result = CohortLoader.load(inputs: inputs, fileSystem: fs)
        }
        let shown = result.diagnostics.prefix(printLimit)
        for diagnostic in shown { Console.diagnostic(diagnostic) }
        if result.diagnostics.count > shown.count {
            Console.error("… and \(result.diagnostics.count - shown.count) more problems not shown")
        }
        return result
    }

    /// The valid cohort, or a failure after every diagnostic is printed (for `stats`, which needs no templates).
    static func load(_ inputs: String, clock: RunClock? = nil) throws -> (cohort: Cohort, result: CohortLoadResult) {
        let result = try loadPrinting(inputs, clock: clock)
        guard let cohort = result.cohort else {
            throw Failure(result.misses ? .missingInput : .badData, summary(inputs: inputs, result: result, templateProblems: 0))
        }
        return (cohort, result)
    }

    /// "panel-report: 3 errors in Inputs and 1 template problem; nothing was written".
    static func summary(inputs: String, result: CohortLoadResult?, templateProblems: Int) -> String {
        var parts: [String] = []
        if let result, result.cohort == nil {
            let errors = result.errors.count
            parts.append("\(errors) \(errors == 1 ? "error" : "errors") in \(inputs)")
        }
        if templateProblems > 0 {
            parts.append("\(templateProblems) template \(templateProblems == 1 ? "problem" : "problems")")
        }
        return "panel-report: \(parts.joined(separator: " and ")); nothing was written"
    }
}

/// What `validate` and `build` check before anything is written: the inputs and
/// the templates, every problem of both printed in one run.
enum Preparation {
    struct Ready {
        var cohort: Cohort
        var result: CohortLoadResult
        var templates: TemplateFiles
        /// Template warnings printed (only when the templates were checked here).
        var templateWarnings: Int
    }

    /// With `buildChecksTemplates`, a valid cohort's templates are left for the
    /// build to check (it finds exactly the same problems, without rendering twice).
    static func run(inputs: String, templates folder: String, buildChecksTemplates: Bool, clock: RunClock? = nil) throws -> Ready {
        let result = try CohortReading.loadPrinting(inputs, clock: clock)
        var templates: TemplateFiles?
        var templateFailure: Failure?
        do {
            templates = try TemplateReading.read(folder)
        } catch let failure as Failure {
            templateFailure = failure
            for line in failure.lines { Console.error(line) }
        }
        var found: [TemplateProblem] = []
        if let templates, result.cohort == nil || !buildChecksTemplates {
            found = ReportBuilder.check(result.cohort, templates: templates)
            for problem in found { Console.problem(problem) }
        }
        let problems = found.filter { !$0.isWarning }
        if let cohort = result.cohort, let templates, problems.isEmpty {
            return Ready(cohort: cohort, result: result, templates: templates, templateWarnings: found.count)
        }
        let missing = result.misses || templateFailure?.kind == .missingInput
        throw Failure(missing ? .missingInput : .badData,
                      CohortReading.summary(inputs: inputs, result: result, templateProblems: problems.count + (templateFailure == nil ? 0 : 1)))
    }
}

/// The disk as the loader sees it, counting the files read for the progress line.
struct CountingFileSystem: InputFileSystem {
    let disk: DiskFileSystem
    /// How many files the loader is expected to read (review, areas, vocabulary and the cases).
    let expected: Int
    let clock: RunClock
    private let counter = Counter()

    init(disk: DiskFileSystem, expected: Int, clock: RunClock) {
        self.disk = disk
        self.expected = expected
        self.clock = clock
    }

    /// Counted from the loader's worker threads: behind a lock.
    final class Counter: Sendable {
        private let value = Mutex(0)
        func next() -> Int {
            value.withLock { value in
                value += 1
                return value
            }
        }
    }

    func entries(inDirectory path: String) throws -> [String]? { try disk.entries(inDirectory: path) }
    func entries(inDirectory path: String, atMost: Int) throws -> [String]? { try disk.entries(inDirectory: path, atMost: atMost) }
    func read(atPath path: String, maxBytes: Int) throws -> InputFileRead { try counted { try disk.read(atPath: path, maxBytes: maxBytes) } }
    func fileSize(atPath path: String) throws -> Int? { try disk.fileSize(atPath: path) }
    func isDirectory(atPath path: String) -> Bool { disk.isDirectory(atPath: path) }
    func contents(atPath path: String) throws -> [UInt8] { try counted { try disk.contents(atPath: path) } }
    func contents(atPath path: String, maxBytes: Int) throws -> [UInt8] { try counted { try disk.contents(atPath: path, maxBytes: maxBytes) } }

    private func counted<T>(_ read: () throws -> T) rethrows -> T {
        defer {
            let count = counter.next()
            clock.detail("\(count) of \(max(expected, count)) files read")
        }
        return try read()
    }
}
