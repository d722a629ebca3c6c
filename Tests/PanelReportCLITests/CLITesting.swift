import BuildInputs
import Foundation

@testable import ReportRendering

#if canImport(Glibc)
    import Glibc
#endif

/// A scratch folder for a Swift Testing test: removed when the value goes away
/// (keep it alive with `withExtendedLifetime` or by using it to the end).
final class Scratch: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("panel-report-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    /// A copy of the reference `Inputs/` (or `Templates/`) under this folder, to break on purpose.
    func copy(_ folder: String, as name: String? = nil) throws -> String {
        let target = path(name ?? folder)
        try FileManager.default.copyItem(atPath: CLI.repository.appendingPathComponent(folder).path, toPath: target)
        return target
    }

    func write(_ relative: String, _ text: String) throws {
        let url = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

/// What a build of the reference cohort writes, from the figure registry and the
/// reference chapters: never a count typed into a test.
enum ReferenceFiles {
    static let templates = try! TemplateReading.read(CLI.repository.appendingPathComponent("Templates").path)
    static let numbers = FigureNumbering.numbers(templates)

    /// Every report file a published build writes (not the hidden bookkeeping files):
    /// a figure each, built-in or declared, and a CSV file each but for the diagram.
    static var published: [String] {
        let figures = templates.figureIDs.map { id in (FigureRegistry.definition(id)?.isDiagram ?? false, numbers[id]!) }
        return
            (figures.map { "figures/figure-\($0.1).svg" }
            + figures.filter { !$0.0 }.map { "data/figure-\($0.1).csv" }
            + ["data/statistics.json", "data/tables.ods", "data/tables.xlsx", "manifest.json", "report.html"]).sorted()
    }
}

/// One finished run of a program.
struct ProgramRun: CustomStringConvertible {
    /// The exit status, or the signal number when `signalled`.
    var status: Int32
    var signalled: Bool
    var timedOut: Bool
    var stdout: String
    var stderr: String

    var description: String { "status \(status)\(signalled ? " (signal)" : "")\(timedOut ? ", timed out" : ""); stderr: \(stderr)" }
    var lines: [String] { stderr.split(separator: "\n").map(String.init) }
}

extension CLI {
    /// `panel-report` with a time limit: a run that blocks (reading a FIFO, /dev/zero)
    /// is killed and reported as timed out instead of hanging the tests.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL = repository,
        timeout: TimeInterval = 120
    ) throws -> ProgramRun {
        try program(binary.path, arguments, environment: environment, in: directory, timeout: timeout)
    }

    /// Any program, with a time limit; `SOURCE_DATE_EPOCH` is removed from its environment.
    static func program(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        in directory: URL = repository, timeout: TimeInterval = 120
    ) throws -> ProgramRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SOURCE_DATE_EPOCH")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        let finished = DispatchSemaphore(value: 0)
        let timedOut = TimedOut()
        DispatchQueue.global().async {
            if finished.wait(timeout: .now() + timeout) == .timedOut {
                timedOut.set()
                kill(pid, SIGKILL)
            }
        }
        let errBox = DataBox()
        let reading = DispatchGroup()
        reading.enter()
        DispatchQueue.global().async {
            errBox.set(err.fileHandleForReading.readDataToEndOfFile())
            reading.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        reading.wait()
        process.waitUntilExit()
        finished.signal()
        return ProgramRun(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut.value, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errBox.value, as: UTF8.self))
    }

    /// The full path of a program on PATH, if it is installed.
    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Every file under a folder by relative path, leaving out panel-report's own
    /// dot files: what a reader of the report sees.
    static func report(in folder: String) throws -> [String: Data] {
        guard FileManager.default.fileExists(atPath: folder) else { return [:] }
        return try files(under: URL(fileURLWithPath: folder)).filter { !$0.key.hasPrefix(".") }
    }
}

private final class TimedOut: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    func set() {
        lock.lock()
        flag = true
        lock.unlock()
    }
    var value: Bool {
        lock.lock()
        defer { lock.unlock() }
        return flag
    }
}

private final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) {
        lock.lock()
        data = value
        lock.unlock()
    }
    var value: Data {
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}
