import CaseLoading
import CaseModel
import CaseValidation
import CohortExport
import Foundation
import Testing

@testable import ReportRendering

/// The reference cohort in each of its three forms — YAML files, the CSV pair, the
/// workbook — builds byte-identical published and draft reports.
@Suite struct CohortFormsTests {
    /// The shared files of Inputs/ plus the cases written in `form` by the converter.
    static func inputs(as form: CohortExport.Form, cohort: Cohort = ReferenceBuild.cohort) throws -> InMemoryFileSystem {
        var files: [String: [UInt8]] = [:]
        for name in ["review.yaml", "areas.yaml", "vocabulary.yaml"] {
            files["Inputs/\(name)"] = Array(ReferenceBuild.text("Inputs/\(name)").utf8)
        }
        for file in try CohortExport.files(cohort, as: form) { files["Inputs/\(file.path)"] = file.bytes }
        return InMemoryFileSystem(files: files)
    }

    static func build(_ cohort: Cohort, draft: Bool) throws -> [String: Data] {
        let files = try ReportBuilder.build(
            cohort, templates: ReferenceBuild.templates,
            options: BuildOptions(draft: draft, stamp: draft ? ReferenceBuild.stamp : nil)
        ).files
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.bytes) })
    }

    @Test(arguments: [CohortExport.Form.csv, .xlsx, .yaml])
    func everyFormBuildsTheSameReportBytes(_ form: CohortExport.Form) throws {
        let result = CohortLoader.load(inputs: "Inputs", fileSystem: try Self.inputs(as: form))
        #expect(result.diagnostics.map(\.description) == [])
        let cohort = try #require(result.cohort)
        #expect(cohort == ReferenceBuild.cohort)
        #expect(cohort.cases.flatMap(\.learning).count == ReferenceBuild.cohort.cases.flatMap(\.learning).count)
        for draft in [false, true] {
            let built = try Self.build(cohort, draft: draft)
            let reference = draft ? ReferenceBuild.draft : ReferenceBuild.published
            #expect(built.keys.sorted() == reference.keys.sorted())
            for (path, bytes) in reference { #expect(built[path] == bytes, "\(form) \(draft ? "draft" : "published"): \(path)") }
        }
    }

    @Test func aSpreadsheetCohortWithoutLearningSaysNoneAreRecorded() throws {
        var fs = try Self.inputs(as: .csv)
        fs.files["Inputs/learning.csv"] = nil
        let result = CohortLoader.load(inputs: "Inputs", fileSystem: fs)
        #expect(
            result.diagnostics.map(\.description) == [
                "Inputs/cases.csv: warning: no learning.csv beside it, so the cohort has no learning points and the report will say none are recorded; to add them, put learning.csv (columns case,theme,text,publishable) beside cases.csv"
            ])
        let cohort = try #require(result.cohort)
        for draft in [false, true] {
            let html = String(decoding: try #require(try Self.build(cohort, draft: draft)["report.html"]), as: UTF8.self)
            #expect(!html.contains("were marked for publication"))
            #expect(html.contains("No learning points are recorded for this cohort."))
        }
        // A header-only learning.csv records that there are none: then the usual sentence is true.
        fs.files["Inputs/learning.csv"] = Array("case,theme,text,publishable\n".utf8)
        let recorded = try #require(CohortLoader.load(inputs: "Inputs", fileSystem: fs).cohort)
        let html = String(decoding: try #require(try Self.build(recorded, draft: false)["report.html"]), as: UTF8.self)
        #expect(html.contains("No learning points for this theme were marked for publication."))
        #expect(!html.contains("No learning points are recorded for this cohort."))
    }

    @Test func aWorkbookWithoutALearningSheetSaysNoneAreRecorded() throws {
        var cohort = ReferenceBuild.cohort
        cohort.learningRecorded = false
        cohort.cases = cohort.cases.map {
            var c = $0
            c.learning = []
            return c
        }
        let result = CohortLoader.load(inputs: "Inputs", fileSystem: try Self.inputs(as: .xlsx, cohort: cohort))
        #expect(
            result.diagnostics.map(\.description) == [
                #"Inputs/cases.xlsx: warning: has no sheet named "learning", so the cohort has no learning points and the report will say none are recorded; to add them, add a sheet named learning (columns case,theme,text,publishable)"#
            ])
        let loaded = try #require(result.cohort)
        #expect(loaded == cohort)
        let html = String(decoding: try #require(try Self.build(loaded, draft: false)["report.html"]), as: UTF8.self)
        #expect(html.contains("No learning points are recorded for this cohort."))
    }
}
