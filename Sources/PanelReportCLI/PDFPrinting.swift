import CaseModel
import Foundation
import Platform

/// `build --pdf`: prints the built page to `report.pdf` with headless Chromium, as the
/// panel publishes its reports on GOV.UK.
///
/// Chromium prints the page exactly as a reader's browser would print it: A4 and the
/// print style sheet (`@page` in report.css), with the report's title and "Page 3 of 37"
/// in the bottom margin (CSS page-margin boxes, so no Python and no DevTools client are
/// needed at build time), a document outline (bookmarks) from the headings
/// (`--generate-pdf-document-outline`), tagged for assistive technology
/// (`--export-tagged-pdf`), its title from the page's `<title>` and its language from
/// `<html lang>`. `--no-pdf-header-footer` leaves out Chromium's own date and file URL.
///
/// Chromium stamps the PDF with the time it printed it (`/CreationDate`, `/ModDate`),
/// and nothing else differs between two prints of the same page; both dates are
/// rewritten to the report's publication date (same length, so the file's byte offsets
/// stay right). Identical input printed by the same Chromium gives identical bytes; a
/// different Chromium version may lay it out differently.
///
/// The PDF is printed before the report is moved into place, so a build that cannot
/// print writes nothing.
enum PDFPrinting {
    /// The install command for the message when Chromium is missing.
    static let install = "sudo apt-get install chromium"
    /// Longest a print may take before Chromium is stopped.
    static let timeout: TimeInterval = 180

    /// `files` with `report.pdf` added when `wanted`: the printed `report.html` of `files`.
    static func adding(
        to files: [(path: String, bytes: Data)], when wanted: Bool, chromium: String?,
        published: ISODate
    ) throws -> [(path: String, bytes: Data)] {
        guard wanted else { return files }
        let program = try locate(chromium)
        guard let html = files.first(where: { $0.path == "report.html" })?.bytes else {
            throw Failure(.ioError, "panel-report: the build made no report.html to print")
        }
        let pdf = try print(html, with: program)
        return (files + [("report.pdf", stamped(pdf, published: published))]).sorted { $0.path < $1.path }
    }

    /// `--chromium PATH` if given (it must be an executable file), else `chromium` on PATH.
    static func locate(_ given: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let manager = FileManager.default
        if let given {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: given, isDirectory: &isFolder), !isFolder.boolValue,
                manager.isExecutableFile(atPath: given)
            else {
                throw Failure(.unavailable, "panel-report: --chromium \(given): not an executable file; install Chromium with: \(install)")
            }
            return given
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/chromium"
            if manager.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure(
            .unavailable,
            "panel-report: --pdf prints the report with Chromium, and no 'chromium' is on PATH; install it with: \(install) (or name "
                + "it with --chromium PATH)")
    }

    /// Prints `html` (a self-contained page) with `program` in a scratch folder of its own.
    static func print(_ html: Data, with program: String) throws -> Data {
        let manager = FileManager.default
        let scratch = manager.temporaryDirectory.appendingPathComponent("panel-report-pdf-\(UUID().uuidString)")
        do {
            try manager.createDirectory(
                at: scratch, withIntermediateDirectories: false,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(.ioError, "panel-report: cannot make a scratch folder to print the PDF in: \(error.localizedDescription)")
        }
        defer { try? manager.removeItem(at: scratch) }
        let page = scratch.appendingPathComponent("report.html")
        let pdf = scratch.appendingPathComponent("report.pdf")
        let log = scratch.appendingPathComponent("chromium.log")
        do {
            try html.write(to: page)
            _ = manager.createFile(atPath: log.path, contents: nil)
        } catch {
            throw Failure(.ioError, "panel-report: cannot write the page to print: \(error.localizedDescription)")
        }

        var arguments = [
            "--headless=new", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--disable-sync", "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
            "--no-pdf-header-footer", "--generate-pdf-document-outline", "--export-tagged-pdf",
            "--print-to-pdf=\(pdf.path)", page.absoluteString,
        ]
        // Chromium will not run as root with its sandbox; the page runs no script and fetches nothing.
        if geteuid() == 0 { arguments.insert("--no-sandbox", at: 1) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        environment["HOME"] = scratch.path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let logHandle = try? FileHandle(forWritingTo: log)
        process.standardError = logHandle ?? FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(
                .unavailable, "panel-report: cannot run \(program): \(error.localizedDescription); install Chromium with: \(install)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw Failure(
                .unavailable, "panel-report: \(program) did not print the PDF within \(Int(timeout)) seconds; nothing was written")
        }
        try? logHandle?.close()
        guard process.terminationStatus == 0, let bytes = try? Data(contentsOf: pdf), bytes.starts(with: Array("%PDF-".utf8)) else {
            let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            let last = said.split(separator: "\n").filter { !$0.contains("dbus") }.suffix(3).joined(separator: " / ")
            throw Failure(
                .unavailable,
                "panel-report: \(program) could not print the PDF (exit \(process.terminationStatus))"
                    + (last.isEmpty ? "" : ": \(last)") + "; nothing was written")
        }
        return bytes
    }

    /// `pdf` with its creation and modification dates set to `published` (midnight UTC).
    /// Only a date of exactly Chromium's form is replaced, by one of the same length.
    static func stamped(_ pdf: Data, published: ISODate) -> Data {
        let date = String(format: "D:%04d%02d%02d000000+00'00'", published.year, published.month, published.day)
        var bytes = [UInt8](pdf)
        for key in ["/CreationDate (", "/ModDate ("] {
            let needle = Array(key.utf8)
            var index = 0
            while let found = firstIndex(of: needle, in: bytes, from: index) {
                let start = found + needle.count
                let end = start + date.utf8.count
                if end < bytes.count, bytes[end] == UInt8(ascii: ")"), isChromiumDate(bytes[start..<end]) {
                    bytes.replaceSubrange(start..<end, with: Array(date.utf8))
                }
                index = start
            }
        }
        return Data(bytes)
    }

    /// `D:YYYYMMDDHHmmSS+HH'mm'` (or `-`).
    private static func isChromiumDate(_ slice: ArraySlice<UInt8>) -> Bool {
        let form = Array("D:00000000000000+00'00'".utf8)
        guard slice.count == form.count else { return false }
        for (have, want) in zip(slice, form) {
            switch want {
            case UInt8(ascii: "0"): if !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(have) { return false }
            case UInt8(ascii: "+"): if have != UInt8(ascii: "+") && have != UInt8(ascii: "-") { return false }
            default: if have != want { return false }
            }
        }
        return true
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var i = start
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] && Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}
