import ArgumentParser
import CaseLoading
import CaseModel
import Foundation
import Platform
import ReportRendering
import Synchronization

/// How long a run and each of its stages took; the stage names the progress line.
final class RunClock: @unchecked Sendable {
    private let start = Date()
    /// The stage under way and those done, behind a lock: the progress line reads them from a timer's thread.
    private struct Stages {
        var stage = ""
        var stageStart = Date()
        var done: [(String, Double)] = []
        var detail = ""
    }
    private let stages = Mutex(Stages())
    private var timer: DispatchSourceTimer?
    private var finished = false

    /// Shows a progress line once the run has taken a second, on a terminal only.
    init(progress: Bool) {
        guard progress, System.isTerminal(2) else { return }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 1, repeating: 0.25)
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            let (name, detail) = self.stages.withLock { ($0.stage, $0.detail) }
            let seconds = Date().timeIntervalSince(self.start)
            Console.progress("panel-report: \(name)… " + (detail.isEmpty ? "" : detail + ", ") + "\(String(format: "%.1f", seconds)) s")
        }
        timer.resume()
        self.timer = timer
    }

    deinit { timer?.cancel() }

    var seconds: Double { Date().timeIntervalSince(start) }

    /// Ends the stage before (if any) and starts `name`.
    func begin(_ name: String) {
        stages.withLock { stages in
            let now = Date()
            if !stages.stage.isEmpty { stages.done.append((stages.stage, now.timeIntervalSince(stages.stageStart))) }
            stages.stage = name
            stages.detail = ""
            stages.stageStart = now
        }
    }

    /// How far the stage has gone ("120 of 3003 files read"), for the progress line.
    func detail(_ text: String) {
        stages.withLock { $0.detail = text }
    }

    /// Stops the progress line and prints the stage timings (with `--verbose`).
    func finish() {
        guard !finished else { return }
        finished = true
        timer?.cancel()
        timer = nil
        Console.endProgress()
        begin("")
        let done = stages.withLock { $0.done }
        guard !done.isEmpty else { return }
        Console.debug(
            "panel-report: timings: " + done.map { "\($0.0) \(Self.milliseconds($0.1))" }.joined(separator: ", ")
                + "; total \(Self.milliseconds(seconds))")
    }

    /// A stage's time in milliseconds ("12.3 ms"): a small build's stages take a few each.
    static func milliseconds(_ seconds: Double) -> String { fixed(seconds * 1000, places: 1) + " ms" }

    static func format(_ seconds: Double) -> String { fixed(seconds, places: 2) + " s" }

    /// A time rounded to one or two decimal places ("0.03", "12.5"), without
    /// Foundation's String(format:) and its locale: the summary line of every run
    /// was a noticeable part of a small build's time.
    static func fixed(_ value: Double, places: Int) -> String {
        let scale = places == 1 ? 10 : 100
        let scaled = (value * Double(scale)).rounded()
        guard scaled.isFinite, abs(scaled) < 1e15 else { return "\(value)" }
        let units = Int(scaled)
        let fraction = String(abs(units) % scale)
        return (units < 0 ? "-" : "") + "\(abs(units) / scale)." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
