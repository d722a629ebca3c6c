import CaseLoading
import CaseModel
import CaseValidation

/// Loads and validates the inputs, printing every diagnostic; the cohort only if valid.
enum CohortReading {
    /// At most this many diagnostics are printed; the rest are counted.
    static let printLimit = 200

    static func load(_ inputs: String) throws -> (cohort: Cohort, result: CohortLoadResult) {
        let fs = DiskFileSystem(inputs: inputs)
        guard fs.isDirectory(atPath: inputs) else {
            throw Failure(.missingInput, "\(inputs): no such folder; point --inputs at a folder with review.yaml, areas.yaml, vocabulary.yaml and cases/")
        }
        let result = CohortLoader.load(inputs: inputs, fileSystem: fs)
        let shown = result.diagnostics.prefix(printLimit)
        for diagnostic in shown { Console.error(diagnostic.description) }
        if result.diagnostics.count > shown.count {
            Console.error("… and \(result.diagnostics.count - shown.count) more problems not shown")
        }
        guard let cohort = result.cohort else {
            let errors = result.errors.count
            // A required file that is not there at all is a missing input (66), not bad data (65);
            // one that is there but refused (a link leading outside the inputs folder) is bad data.
            let missing = ["review.yaml", "areas.yaml", "vocabulary.yaml"].contains { name in
                !DiskFileSystem.exists(inputs + "/" + name)
            } || (!fs.isDirectory(atPath: inputs + "/cases") && !DiskFileSystem.isLink(inputs + "/cases")
                  && !DiskFileSystem.exists(inputs + "/cases.csv"))
            throw Failure(missing ? .missingInput : .badData,
                          "panel-report: \(errors) \(errors == 1 ? "error" : "errors") in \(inputs); nothing was written")
        }
        return (cohort, result)
    }
}
