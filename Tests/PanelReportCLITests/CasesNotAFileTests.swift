import Foundation
import Testing

/// A cases.xlsx or cases.csv that is not a regular file inside the inputs folder (a
/// link leading outside, a FIFO, a device) is named as such, exit 65, never taken
/// for "no cases found" (exit 66).
@Suite struct CasesNotAFileTests {
    let fm = FileManager.default

    /// The inputs without their cases/ folder, with `name` made by `make`.
    private func inputs(_ scratch: Scratch, _ name: String, _ make: (String) throws -> Void) throws -> String {
        let inputs = try scratch.copy("Inputs")
        try fm.removeItem(atPath: inputs + "/cases")
        try make(inputs + "/" + name)
        return inputs
    }

    @Test(arguments: ["cases.xlsx", "cases.csv"])
    func aLinkLeadingOutsideIsNamed(name: String) throws {
        let scratch = try Scratch()
        let inputs = try inputs(scratch, name) { try fm.createSymbolicLink(atPath: $0, withDestinationPath: "/etc/passwd") }
        let result = try CLI.run(["validate", "--inputs", inputs], timeout: 60)
        #expect(result.status == 65, "\(result)")
        #expect(!result.stderr.contains("root:"), "\(result)")
        #expect(
            result.lines.first?.hasPrefix(
                "\(inputs)/\(name): could not be read: it is a symbolic link that leads outside the inputs folder") == true,
            "\(result)")
    }

    @Test func aFIFOIsNamed() throws {
        let scratch = try Scratch()
        let inputs = try inputs(scratch, "cases.xlsx") { #expect(mkfifo($0, 0o600) == 0) }
        let result = try CLI.run(["validate", "--inputs", inputs], timeout: 60)
        #expect(result.status == 65, "\(result)")
        #expect(result.lines.first?.hasPrefix("\(inputs)/cases.xlsx: could not be read: ") == true, "\(result)")
        #expect(result.lines.first?.contains("not a regular file") == true, "\(result)")
    }

    @Test func aLinkToADeviceIsNamed() throws {
        let scratch = try Scratch()
        let inputs = try scratch.copy("Inputs")
        try fm.removeItem(atPath: inputs + "/cases")
        // A link to a device stays refused as a link that leads outside; a device node
        // inside the folder needs root, so the link stands for both here.
        try fm.createSymbolicLink(atPath: inputs + "/cases.xlsx", withDestinationPath: "/dev/zero")
        let result = try CLI.run(["validate", "--inputs", inputs], timeout: 60)
        #expect(result.status == 65, "\(result)")
        #expect(result.lines.first?.hasPrefix("\(inputs)/cases.xlsx: could not be read: ") == true, "\(result)")
    }
}
