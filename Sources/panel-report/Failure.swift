import ArgumentParser

/// A run that stops: a readable message for stderr and a sysexits code.
struct Failure: Error {
    enum Kind: Int32 {
        case usage = 64
        case badData = 65
        case missingInput = 66
        /// EX_UNAVAILABLE: a program the run needs (Chromium, for --pdf) is missing or failed.
        case unavailable = 69
        case cannotCreateOutput = 73
        case ioError = 74
    }

    let kind: Kind
    let lines: [String]

    init(_ kind: Kind, _ lines: String...) {
        self.kind = kind
        self.lines = lines
    }

    init(_ kind: Kind, lines: [String]) {
        self.kind = kind
        self.lines = lines
    }
}

extension ParsableCommand {
    /// Runs `body`, turning a ``Failure`` (or any unexpected error) into lines on
    /// stderr and an exit code: never a stack trace.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as Failure {
            for line in failure.lines { Console.error(line) }
            throw ExitCode(failure.kind.rawValue)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.error("panel-report: \(error)")
            throw ExitCode(Failure.Kind.ioError.rawValue)
        }
    }
}
