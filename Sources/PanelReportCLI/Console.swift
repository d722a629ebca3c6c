import ArgumentParser
import CaseLoading
import CaseModel
import Foundation
import Platform
import ReportRendering
import Synchronization

/// Where the CLI speaks: results to stdout; every message to stderr through
/// ``log(_:)``, the one function that writes there, so `--quiet` and
/// `--log-format json` hold for every line (diagnostics, warnings, progress,
/// the summary and usage errors alike).
enum Console {
    struct Settings: Sendable {
        var quiet = false
        var verbose = false
        var json = false
    }

    enum Level: String, Sendable {
        case error, warning
        /// The summary of a run that went well, and notes: left out with `--quiet`.
        case info
        /// Stage timings: only with `--verbose`.
        case debug
    }

    /// One message, with where it points when it points at a file.
    struct Entry: Sendable {
        var level: Level
        var message: String
        var file: String? = nil
        var line: Int? = nil
        var column: Int? = nil
        var field: String? = nil
        /// The exit status, on the lines that decide it (a failure and the summary).
        var code: Int32? = nil
        /// What the run did, on its summary line: built, unchanged, refused, valid, intact, damaged.
        var outcome: String? = nil
        /// Seconds the run took, on its summary line.
        var seconds: Double? = nil
        /// The human line, when it is not simply the message (a diagnostic prints its place first).
        var text: String? = nil
    }

    /// The settings and the progress line, behind one lock: the progress line is
    /// drawn from a timer's thread.
    private struct State {
        var settings = Settings()
        var progressShown = false
        var progressOver = false
    }

    private static let state = Mutex(State())

    static func configure(_ new: Settings) { state.withLock { $0.settings = new } }

    static var current: Settings { state.withLock { $0.settings } }

    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Every message on stderr goes through here, so --quiet and --log-format hold for all of them.
    static func log(_ entry: Entry) {
        state.withLock { state in
            switch entry.level {
            case .info where state.settings.quiet: return
            case .debug where !state.settings.verbose: return
            default: break
            }
            var bytes = Data()
            if state.progressShown {
                bytes.append(contentsOf: Array("\r\u{1B}[K".utf8))
                state.progressShown = false
            }
            bytes.append(contentsOf: Array(((state.settings.json ? json(entry) : Printable.text(entry.text ?? entry.message)) + "\n").utf8))
            emit(bytes)
        }
    }

    /// Text that is not a log line (the help asked for by running no command), as it is.
    static func raw(_ text: String) {
        state.withLock { _ in emit(Data(text.utf8)) }
    }

    /// A progress line that the next one overwrites: only on a terminal, only in
    /// human format, never with `--quiet`.
    static func progress(_ line: String) {
        state.withLock { state in
            guard !state.progressOver, !state.settings.quiet, !state.settings.json, System.isTerminal(2) else { return }
            emit(Data(("\r\u{1B}[K" + Printable.text(line)).utf8))
            state.progressShown = true
        }
    }

    /// Clears a progress line, if one is shown, for good: a timer tick already
    /// under way when the run ended draws nothing after its summary.
    static func endProgress() {
        state.withLock { state in
            state.progressOver = true
            guard state.progressShown else { return }
            emit(Data("\r\u{1B}[K".utf8))
            state.progressShown = false
        }
    }

    /// The one place that writes to stderr; called with the lock held.
    private static func emit(_ bytes: Data) {
        FileHandle.standardError.write(bytes)
    }

    // MARK: Kinds of line

    static func error(_ line: String, code: Int32? = nil, file: String? = nil) {
        log(Entry(level: .error, message: line, file: file, code: code))
    }

    static func warning(_ line: String) { log(Entry(level: .warning, message: line)) }

    /// A warning about one file (a damaged release's), which a JSON line names as its `file`.
    static func warning(_ line: String, file: String?) { log(Entry(level: .warning, message: line, file: file)) }

    static func info(_ line: String) { log(Entry(level: .info, message: line)) }

    /// A line for --verbose only; not even put together otherwise.
    static func debug(_ line: @autoclosure () -> String) {
        guard current.verbose else { return }
        log(Entry(level: .debug, message: line()))
    }

    /// A run's last line: what happened, its counts and the time it took.
    static func summary(_ line: String, outcome: String, code: Int32, seconds: Double, file: String? = nil) {
        log(Entry(level: code == 0 ? .info : .error, message: line, file: file, code: code, outcome: outcome, seconds: seconds))
    }

    static func diagnostic(_ d: Diagnostic) {
        var entry = Entry(
            level: d.isError ? .error : .warning, message: d.message.escapedForMessage, file: d.location.file,
            field: d.field, text: d.description)
        switch d.location.position {
        case .file: break
        case .line(let line): entry.line = line
        case .lineColumn(let line, let column): (entry.line, entry.column) = (line, column)
        case .csvRow(let row): entry.line = row
        case .csvCell(let row, let column):
            entry.line = row
            if entry.field == nil { entry.field = column }
        case .sheet: break
        case .sheetRow(_, let row, _): entry.line = row
        case .sheetCell(_, _, let column):
            // The row is in the cell reference (F7); the field is the column's name.
            if entry.field == nil { entry.field = column }
        }
        log(entry)
    }

    static func problem(_ p: TemplateProblem) {
        log(Entry(level: p.isWarning ? .warning : .error, message: p.message, file: p.file, line: p.line, text: p.description))
    }

    /// `{"code":…,"column":…,"field":…,"file":…,"level":…,"line":…,"message":…}`, keys
    /// sorted, every key present (null when it does not apply).
    static func json(_ entry: Entry) -> String {
        var object: [String: Any] = [
            "level": entry.level.rawValue,
            "message": Printable.text(entry.message),
            "file": entry.file.map { Printable.text($0) as Any } ?? NSNull(),
            "line": entry.line.map { $0 as Any } ?? NSNull(),
            "column": entry.column.map { $0 as Any } ?? NSNull(),
            "field": entry.field.map { Printable.text($0) as Any } ?? NSNull(),
            "code": entry.code.map { Int($0) as Any } ?? NSNull(),
        ]
        if let outcome = entry.outcome { object["outcome"] = outcome }
        if let seconds = entry.seconds { object["seconds"] = (seconds * 1000).rounded() / 1000 }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return #"{"level":"error","message":"panel-report: a log line could not be written as JSON"}"#
        }
        return String(decoding: data, as: UTF8.self)
    }
}
