import ArgumentParser
import Platform

extension ParsableCommand {
    /// Runs `body` with the log options applied and a clock started, turning a
    /// ``Failure`` (or any unexpected error) into lines on stderr and an exit code:
    /// never a stack trace. A failure's last line is the run's summary (in JSON
    /// it carries the exit code, the outcome and the seconds taken).
    func reportingFailures(_ log: LogOptions, progress: Bool = true, _ body: (RunClock) throws -> Void) throws {
        log.apply()
        let clock = RunClock(progress: progress)
        do {
            try body(clock)
            clock.finish()
        } catch let failure as Failure {
            clock.finish()
            for (index, line) in failure.lines.dropLast().enumerated() {
                Console.error(line, code: failure.kind.rawValue, file: failure.file(at: index))
            }
            if let last = failure.lines.last {
                Console.summary(
                    last, outcome: failure.outcome, code: failure.kind.rawValue, seconds: clock.seconds,
                    file: failure.file(at: failure.lines.count - 1))
            }
            throw ExitCode(failure.kind.rawValue)
        } catch let exit as ExitCode {
            clock.finish()
            throw exit
        } catch {
            // Not mapped to a data or disk code: that would send the user to look for a
            // problem that is not there.
            clock.finish()
            Console.summary(
                "panel-report: internal error: \(error); this is a fault in panel-report, please report it with the command you ran",
                outcome: "refused", code: Failure.Kind.internalError.rawValue, seconds: clock.seconds)
            throw ExitCode(Failure.Kind.internalError.rawValue)
        }
    }
}
