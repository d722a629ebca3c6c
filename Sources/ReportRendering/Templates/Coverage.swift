/// Warns when a paragraph or list states a family of counts all but in part: the
/// hand-written list that silently stops adding up when the data gains a category.
///
/// A block that writes at least two counts of a family is checked against the
/// family's categories that are not zero. It gets a warning when it leaves out
/// exactly one of the family's categories, or when the family counts each case
/// once (so its counts add up to its total) and the counts it gives add up to
/// less. A `{{ selection: FAMILY }}` line just before the block says the
/// selection is deliberate.
enum Coverage {
    ///
    /// With disclosure control, a block that states every category of a family that
    /// adds up to its total, some of them withheld, is warned about too: its `[c]`s
    /// cannot be worked out from the numbers alone, but words around them ("and the
    /// remaining …") may give one away, so its author should check the wording.
    static func warnings(
        names: Set<String>, line: Int, file: String, families: [String: ReportValues.Family],
        selection: Set<String>, disclosure: Disclosure? = nil
    ) -> [TemplateProblem] {
        guard names.count >= 2 else { return [] }
        return families.keys.sorted().compactMap { prefix -> TemplateProblem? in
            if let disclosure, let family = families[prefix], family.exclusive {
                let withheld = family.members.filter { disclosure.isSuppressed($0.name) }
                let stated = family.members.filter { names.contains($0.name) }
                if !withheld.isEmpty, stated.count >= 2, family.members.allSatisfy({ names.contains($0.name) || $0.count == 0 }) {
                    var warning = TemplateProblem(
                        file: file, line: line,
                        reason: .withheldFamilyInFull(
                            family: prefix, withheld: withheld.map(\.label), threshold: disclosure.threshold))
                    warning.isWarning = true
                    return warning
                }
            }
            guard !selection.contains(prefix), let family = families[prefix] else { return nil }
            let stated = family.members.filter { names.contains($0.name) }
            guard stated.count >= 2 else { return nil }
            let left = family.members.filter { !names.contains($0.name) }
            let missing = left.filter { $0.count > 0 }
            let statedSum = stated.reduce(0) { $0 + $1.count }
            guard !missing.isEmpty, left.count == 1 || (family.exclusive && statedSum < family.total) else { return nil }
            var warning = TemplateProblem(
                file: file, line: line,
                reason: .partialFamily(
                    family: prefix, stated: stated.count, of: family.members.count, missing: missing.map(\.label)))
            warning.isWarning = true
            return warning
        }
    }
}
