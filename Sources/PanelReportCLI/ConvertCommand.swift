import ArgumentParser
import BuildInputs
import CaseLoading
import CaseModel
import CaseValidation
import CohortExport
import Foundation
import Platform

/// `panel-report convert`: moves a cohort from one form to another once — YAML
/// case files, the CSV pair (`cases.csv` + `learning.csv`) or the workbook
/// (`cases.xlsx`) — into a new inputs folder that builds the same report.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Write the cohort in another form (yaml, csv or xlsx) into a new inputs folder.",
        discussion: """
            The inputs are validated first; review.yaml, areas.yaml and vocabulary.yaml are \
            copied as they are. The converted cohort is read back in memory and compared with \
            the original before anything is written, so a build from the new folder gives the \
            same report. The output folder must not exist yet, or be empty.
            """)

    enum Form: String, ExpressibleByArgument, CaseIterable {
        case yaml, csv, xlsx
    }

    @OptionGroup var input: InputOptions

    @Option(help: "The form to write: yaml (cases/*.yaml), csv (cases.csv and learning.csv) or xlsx (cases.xlsx).")
    var to: Form

    @Option(help: ArgumentHelp("The new inputs folder; it must not exist yet, or be empty.", valueName: "dir"))
    var output: String

    @OptionGroup var log: LogOptions

    func run() throws {
        try reportingFailures(log) { _ in
            let form = CohortExport.Form(rawValue: to.rawValue) ?? .yaml
            let (cohort, _) = try CohortReading.load(input.inputs)
            let fm = FileManager.default
            if let existing = try? Directory.names(output, atMost: 1), !existing.isEmpty {
                throw Failure(
                    .cannotCreateOutput,
                    "\(output): the folder is not empty; convert writes a new inputs folder: name one that does not exist yet")
            }
            if fm.fileExists(atPath: output), !DiskFileSystem(inputs: output).isDirectory(atPath: output) {
                throw Failure(.cannotCreateOutput, "\(output): is a file; name a new folder for the converted inputs")
            }

            var files: [CohortExport.File] = []
            for name in ["review.yaml", "areas.yaml", "vocabulary.yaml"] {
                files.append(
                    CohortExport.File(
                        path: name, bytes: try DiskFileSystem(inputs: input.inputs).contents(atPath: input.inputs + "/" + name)))
            }
            do {
                files += try CohortExport.files(cohort, as: form)
            } catch let refusal as CohortExport.Refusal {
                throw Failure(.badData, "\(input.inputs): cannot convert to \(form.rawValue): \(refusal.message); nothing was written")
            }

            // Read the new folder back, in memory, before writing a byte of it.
            var expected = cohort
            if form == .yaml, !cohort.learningRecorded {
                Console.error(
                    "\(input.inputs): warning: the cohort records no learning points (no learning.csv or learning sheet); the YAML case files will "
                        + "have none, and the report will say that none were marked for publication")
                expected.learningRecorded = true
            }
            let memory = InMemoryFileSystem(files: Dictionary(uniqueKeysWithValues: files.map { ("converted/" + $0.path, $0.bytes) }))
            let reread = CohortLoader.load(inputs: "converted", fileSystem: memory)
            guard reread.cohort == expected else {
                let problems = reread.diagnostics.prefix(5).map(\.description)
                throw Failure(
                    .badData,
                    lines: [
                        "panel-report: the cohort converted to \(form.rawValue) would not read back the same; nothing was "
                            + "written"
                    ] + problems)
            }

            do {
                try fm.createDirectory(atPath: output, withIntermediateDirectories: true)
                for file in files {
                    let url = URL(fileURLWithPath: output).appendingPathComponent(file.path)
                    try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(file.bytes).write(to: url, options: .withoutOverwriting)
                }
            } catch {
                throw Failure(.cannotCreateOutput, "\(output): cannot write the converted inputs (\(error.localizedDescription))")
            }
            let written = form.caseFiles.filter { name in files.contains { $0.path == name || $0.path.hasPrefix(name + "/") } }
            Console.error(
                "wrote \(output) (\(cohort.cases.count) cases as \(written.joined(separator: " and "))); build from it with --inputs \(output)"
            )
        }
    }
}
