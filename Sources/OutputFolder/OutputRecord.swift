import Foundation

extension OutputWriter {
    /// What a marker or a journal holds: the kind, then the report's files, then
    /// the sources it was built from (``BuildSource``, one JSON object a line).
    struct Record: Equatable {
        static let filesHeading = "files:"
        static let sourcesHeading = "sources:"

        var kind: Kind
        /// `nil` in a marker written before the files were listed (the kind alone).
        var files: [String]?
        /// `nil` in a marker written before the files were listed, or by a
        /// panel-report that kept its sources in manifest.json.
        var sources: [BuildSource]?

        var text: String {
            "\(kind.rawValue)\n" + (files.map { "\(Self.filesHeading)\n" + $0.map { $0 + "\n" }.joined() } ?? "")
                + (sources.map { "\(Self.sourcesHeading)\n" + $0.map { $0.line + "\n" }.joined() } ?? "")
        }

        init(kind: Kind, files: [String]?, sources: [BuildSource]? = nil) {
            self.kind = kind
            self.files = files
            self.sources = sources
        }

        init?(text: String) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // Written "published" or "draft": read as it is, and only a hand-edited
            // line has its spaces trimmed.
            guard let first = lines.first, let kind = Kind(rawValue: first) ?? Kind(rawValue: first.trimmingCharacters(in: .whitespaces))
            else { return nil }
            self.kind = kind
            let rest = Array(lines.dropFirst().filter { !$0.isEmpty })
            if rest.isEmpty {
                files = nil
                sources = nil
            } else {
                guard rest.first == Self.filesHeading else { return nil }
                // No report file is named "sources:" (they are report.html, figures/…, data/…).
                let split = rest.firstIndex(of: Self.sourcesHeading) ?? rest.endIndex
                files = Array(rest[1..<split])
                if split == rest.endIndex {
                    sources = nil
                } else {
                    var read: [BuildSource] = []
                    for line in rest[(split + 1)...] {
                        guard let source = BuildSource(line: line) else { return nil }
                        read.append(source)
                    }
                    sources = read
                }
            }
        }
    }
}
