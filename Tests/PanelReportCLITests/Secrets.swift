import Foundation

/// What the published report must never show, read straight from the YAML files
/// (not through the loader, so a loader bug cannot hide a leak).
struct Secrets {
    var ids: [String] = []
    var areas: [String] = []
    var summaries: [String] = []
    var unpublished: [String] = []

    static func ofReferenceCohort() throws -> Secrets {
        var s = Secrets()
        let inputs = CLI.repository.appendingPathComponent("Inputs")
        for line in try String(contentsOf: inputs.appendingPathComponent("areas.yaml"), encoding: .utf8).split(separator: "\n")
        where line.contains("code:") {
            s.areas.append(String(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)))
        }
        let cases = try FileManager.default.contentsOfDirectory(atPath: inputs.appendingPathComponent("cases").path).sorted()
        for name in cases {
            let lines = try String(contentsOf: inputs.appendingPathComponent("cases/\(name)"), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            s.ids.append(lines.first { $0.hasPrefix("id:") }!.dropFirst(3).trimmingCharacters(in: .whitespaces))
            // The first summary line is enough to recognise it; long enough to be unique.
            if let i = lines.firstIndex(where: { $0.hasPrefix("summary:") }) {
                s.summaries.append(lines[i + 1].trimmingCharacters(in: .whitespaces))
            }
            for (i, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces) == "publishable: false" {
                let text = lines[i - 1].trimmingCharacters(in: .whitespaces)
                if text.hasPrefix("text: \"") { s.unpublished.append(String(text.dropFirst(7).dropLast())) }
            }
        }
        return s
    }
}
