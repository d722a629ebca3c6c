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
            throw Failure(
                .missingInput,
                "\(inputs): no such folder; point --inputs at a folder with review.yaml, areas.yaml, vocabulary.yaml and cases/")
        }
        let result: CohortLoadResult
        if let clock {
            result = CohortLoader.load(
                inputs: inputs, fileSystem: CountingFileSystem(disk: fs, expected: filesToRead(inputs, fs), clock: clock))
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

    /// How many files loading `inputs` reads, counted before it starts, so that the
    /// progress line's total stays put: review.yaml, areas.yaml, vocabulary.yaml, and
    /// the cases in whichever form is there (each case file the loader would read,
    /// cases.csv with learning.csv, or cases.xlsx).
    static func filesToRead(_ inputs: String, _ fs: DiskFileSystem) -> Int {
        func isFile(_ name: String) -> Bool { ((try? fs.fileSize(atPath: inputs + "/" + name)) ?? nil) != nil }
        var count = 3
        if let names = (try? fs.entries(inDirectory: inputs + "/cases", atMost: LoadingLimits.standard.maxCaseFiles + 1)) ?? nil {
            count +=
                names.filter { name in
                    let lower = name.lowercased()
                    return !name.hasPrefix(".") && (lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")) && isFile("cases/" + name)
                }.count
        }
        if isFile("cases.csv") { count += isFile("learning.csv") ? 2 : 1 }
        if isFile("cases.xlsx") { count += 1 }
        return count
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
    /// `disclosure`: how many of the problems are disclosure control's refusals
    /// (`--suppress-below N: …`), which are not the templates' and are counted apart.
    static func summary(inputs: String, result: CohortLoadResult?, templateProblems: Int, disclosure: Int = 0) -> String {
        var parts: [String] = []
        if let result, result.cohort == nil {
            let errors = result.errors.count
            parts.append("\(errors) \(errors == 1 ? "error" : "errors") in \(inputs)")
        }
        if templateProblems > disclosure {
            let n = templateProblems - disclosure
            parts.append("\(n) template \(n == 1 ? "problem" : "problems")")
        }
        if disclosure > 0 {
            parts.append("\(disclosure) \(disclosure == 1 ? "problem" : "problems") of disclosure control")
        }
        return "panel-report: \(parts.joined(separator: " and ")); nothing was written"
    }
}
