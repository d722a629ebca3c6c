import Testing

@testable import BuildInputs
@testable import OutputFolder
@testable import PanelReportCLI
@testable import Platform
@testable import Preview

/// Times on the summary and --verbose lines, rounded without String(format:).
@Suite struct RunClockFormatTests {
    @Test(arguments: [(0.0, "0.00 s"), (0.031, "0.03 s"), (0.0349, "0.03 s"), (1.5, "1.50 s"), (12.345678, "12.35 s"), (100.0, "100.00 s")])
    func seconds(_ value: Double, _ shown: String) {
        #expect(RunClock.format(value) == shown)
    }

    @Test(arguments: [
        (0.0, "0.0 ms"), (0.0002, "0.2 ms"), (0.01234, "12.3 ms"), (0.0099, "9.9 ms"), (0.00996, "10.0 ms"), (2.5, "2500.0 ms"),
    ])
    func milliseconds(_ value: Double, _ shown: String) {
        #expect(RunClock.milliseconds(value) == shown)
    }
}
