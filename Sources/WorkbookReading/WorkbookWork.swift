/// The work a read did, part by part: compressed bytes read, bytes expanded and
/// elements parsed. A test sets one around a read to check that a limit stopped
/// the work, which a clock on a shared machine cannot show.
final class WorkbookWork: @unchecked Sendable {
    struct Part: Equatable {
        var read = 0
        var expanded = 0
        var elements = 0
    }

    /// Filled in on the thread that reads, and looked at once the read is over.
    @TaskLocal static var current: WorkbookWork?

    private(set) var parts: [String: Part] = [:]

    var expanded: Int { parts.values.reduce(0) { $0 + $1.expanded } }
    var elements: Int { parts.values.reduce(0) { $0 + $1.elements } }

    func add(_ part: String, read: Int = 0, expanded: Int = 0, elements: Int = 0) {
        parts[part, default: Part()].read += read
        parts[part, default: Part()].expanded += expanded
        parts[part, default: Part()].elements += elements
    }
}
