import Foundation

extension CohortStatistics {
    /// The statistics as JSON: keys sorted, integers as integers, two-space
    /// indentation and a final newline, so identical cohorts give identical bytes.
    /// Carries counts and shares only: no case id, area code or unpublished text.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
