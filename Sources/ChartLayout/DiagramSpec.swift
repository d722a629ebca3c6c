/// One group of a diagram: a heading and a few short items.
public struct DiagramGroup: Equatable, Sendable {
    /// The group's heading.
    public var title: String
    /// The group's items, in order.
    public var items: [String]

    /// Makes a group.
    public init(title: String, items: [String]) {
        self.title = title
        self.items = items
    }
}

/// A hub diagram: a centre statement with groups of items around it (Figure 7).
///
/// Read from a YAML file of the shape `centre: "…"` and
/// `groups: [{title: "…", items: ["…", …]}]` by another stage.
public struct DiagramSpec: Equatable, Sendable {
    /// The statement in the middle.
    public var centre: String
    /// The groups around it, in reading order (left column top to bottom, then right).
    public var groups: [DiagramGroup]

    /// Makes a diagram spec.
    public init(centre: String, groups: [DiagramGroup]) {
        self.centre = centre
        self.groups = groups
    }

    /// The diagram in words, for alt text: the centre, then each group and its items.
    public func textAlternative() -> String {
        var parts = ["\(centre)."]
        for group in groups {
            parts.append("\(group.title): " + group.items.joined(separator: "; ") + ".")
        }
        return parts.joined(separator: " ")
    }
}
