extension ChartSpec {
    /// A sentence stating every value with its share of the total, for alt text and
    /// screen readers: `Of 23 babies: Seriously harmed 19 (83%), Died 4 (17%).`
    ///
    /// Pies list their parts largest first (the drawing order); bars keep category order.
    /// Stacked and grouped bars give each category's counts after a colon, by series,
    /// categories separated by semicolons.
    /// A withheld count is written `[c]` (without its share), a withheld total `[c]`
    /// (and every count without its share), and the sentence
    /// ends by saying what `[c]` means and that it is not drawn.
    public func textAlternative() -> String {
        let intro = "Of \(totalSuppressed ? ChartShare.suppressedSymbol : String(total)) \(unit): "
        let note = hasSuppression ? " " + ChartShare.suppressedNote : ""
        func whole(_ c: ChartCategory) -> String { "\(c.label) \(label(c.sum, suppressed: c.suppressedSum))" }
        switch kind {
        case .pie:
            let ordered = PieLayout.drawingOrder(categories.map(\.drawnSum)).map { categories[$0] }
            return intro + ordered.map(whole).joined(separator: ", ") + "." + note
        case .verticalBar, .horizontalBar:
            // A chart of combinations also states each set's size, in any combination.
            let sizes =
                sets.isEmpty
                ? ""
                : " In any combination: "
                    + sets.map { "\($0.label) \(label($0.size, suppressed: $0.suppressed))" }.joined(separator: ", ")
                    + "."
            return intro + categories.map(whole).joined(separator: ", ") + "." + sizes + note
        case .stackedHorizontalBar, .groupedHorizontalBar:
            let parts = categories.map { category in
                let pieces = zip(series, category.values).enumerated().map {
                    "\($1.0) \(label($1.1, suppressed: category.suppressedValues.contains($0)))"
                }
                return "\(category.label): " + pieces.joined(separator: ", ")
            }
            return intro + parts.joined(separator: "; ") + "." + note
        }
    }
}
