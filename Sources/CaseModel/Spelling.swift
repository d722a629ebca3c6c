/// What a mistyped name was most likely meant to be, for "did you mean …?" in
/// messages about templates and the command line.
public enum Spelling {
    /// Up to two candidates spelt like `word` but for a few letters.
    public static func nearest(_ word: String, among candidates: some Sequence<String>) -> [String] {
        let limit = max(2, word.count / 4)
        // Lengths further apart than the limit cannot be within it: skipping them keeps a
        // 20,000-character mistake from costing an edit distance against every name.
        return candidates.filter { abs($0.count - word.count) <= limit }
            .map { ($0, distance($0, word)) }
            .filter { $0.1 <= limit }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(2).map(\.0)
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
