import CaseLoading
import CaseModel
import CaseValidation
import Foundation

/// The fictional reference cohort in `Inputs/`, loaded through the real loader.
enum ReferenceCohort {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every file under a folder of the repository, keyed by its path relative to the root.
    static func files(under folder: String, renaming: [String: String] = [:]) -> InMemoryFileSystem {
        var files: [String: [UInt8]] = [:]
        let base = root.appendingPathComponent(folder)
        let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let relative = String(url.path.dropFirst(root.path.count + 1))
            files[relative] = [UInt8](try! Data(contentsOf: url))
        }
        return InMemoryFileSystem(files: files)
    }

    static let yaml: CohortLoadResult = CohortLoader.load(inputs: "Inputs", fileSystem: files(under: "Inputs"))

    /// The same cohort from its CSV export and learning points (test fixtures), beside
    /// the same review, areas and vocabulary.
    static let csv: CohortLoadResult = {
        var fs = files(under: "Inputs")
        fs.files = fs.files.filter { !$0.key.hasPrefix("Inputs/cases/") }
        for (name, fixture) in [("cases.csv", "reference-cohort.csv"), ("learning.csv", "reference-learning.csv")] {
            fs.files["Inputs/\(name)"] = [UInt8](
                try! Data(
                    contentsOf: root.appendingPathComponent(
                        "Tests/CaseLoadingTests/Fixtures/\(fixture)")))
        }
        return CohortLoader.load(inputs: "Inputs", fileSystem: fs)
    }()
}
