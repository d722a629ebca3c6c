import Foundation

extension OutputWriter {
    /// What a marker or a journal holds: the kind, then the report's files.
    struct Record: Equatable {
        var kind: Kind
        /// `nil` in a marker written before the files were listed (the kind alone).
        var files: [String]?

        var text: String {
            "\(kind.rawValue)\n" + (files.map { "files:\n" + $0.map { $0 + "\n" }.joined() } ?? "")
        }

        init(kind: Kind, files: [String]?) {
            self.kind = kind
            self.files = files
        }

        init?(text: String) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // Written "published" or "draft": read as it is, and only a hand-edited
            // line has its spaces trimmed.
            guard let first = lines.first, let kind = Kind(rawValue: first) ?? Kind(rawValue: first.trimmingCharacters(in: .whitespaces))
            else { return nil }
            self.kind = kind
            let rest = lines.dropFirst().filter { !$0.isEmpty }
            if rest.isEmpty {
                files = nil
            } else {
                guard rest.first == "files:" else { return nil }
                files = Array(rest.dropFirst())
            }
        }
    }
}
