import ArgumentParser
import Foundation
import Glibc
import Platform
import Preview
import Synchronization

/// `panel-report-preview`, the program that serves the preview: `panel-report
/// preview` replaces itself with it, so the server has the same process, arguments,
/// environment, output and exit code as the command the user ran.
enum PreviewProgram {
    static let name = "panel-report-preview"

    /// Where it should be: beside the running program (symbolic links followed).
    static var path: String {
        let running = (try? System.readLink("/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: running).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Runs it in this process's place with this command line; returns only by throwing.
    static func start() throws -> Never {
        let program = path
        let arguments = [program] + CommandLine.arguments.dropFirst()
        let error = System.exec(program, arguments: arguments)
        throw Failure(
            .unavailable,
            "panel-report: preview is served by the program \(name), which could not be started from \(Printable.text(program)) "
                + "(\(error)); 'swift build' builds it beside panel-report (scripts/report builds both with -c release)")
    }
}
