import Foundation
import Testing

@testable import ReportRendering

/// Only `panel-report preview` asks for its reload script; every written report stays script-free.
@Suite struct PreviewScriptTests {
    static func page(draft: Bool, previewScript: String?) throws -> ReportStructureTests.Page {
        let cohort = ReferenceBuild.cohort
        let files = try ReportBuilder.build(
            cohort, templates: ReferenceBuild.templates,
            options: BuildOptions(
                draft: draft, stamp: draft ? ReferenceBuild.stamp : nil,
                previewScript: previewScript)
        ).files
        return try ReportStructureTests.Page(try #require(files.first { $0.path == "report.html" }).bytes)
    }

    @Test(arguments: [false, true])
    func thePreviewPageLoadsOneSameOriginScriptAndAllowsOnlyThat(draft: Bool) throws {
        let page = try Self.page(draft: draft, previewScript: "/__preview/reload.js?build=7")
        let scripts = page.all("script")
        #expect(scripts.count == 1)
        #expect(scripts.first?.attributes["src"] == "/__preview/reload.js?build=7")
        #expect(page.html.contains("<script src=\"/__preview/reload.js?build=7\"></script></body>"))
        let csp = try #require(page.all("meta").first { $0.attributes["http-equiv"] == "Content-Security-Policy" })
        #expect(csp.attributes["content"] == ReportHTMLWriter.contentSecurityPolicy + "; script-src 'self'; connect-src 'self'")
        // No inline script is allowed: no 'unsafe-inline' for scripts, no nonce, no hash.
        #expect(csp.attributes["content"]?.contains("script-src 'self';") == true)
    }

    @Test(arguments: [false, true])
    func withoutItThePageIsTheWrittenReportByteForByte(draft: Bool) throws {
        let page = try Self.page(draft: draft, previewScript: nil)
        let written = try #require((draft ? ReferenceBuild.draft : ReferenceBuild.published)["report.html"])
        #expect(page.html == String(decoding: written, as: UTF8.self))
        #expect(page.all("script").isEmpty)
        #expect(!page.html.contains("script-src"))
    }
}
