extension ChartSpec {
    /// A sentence stating every value with its share of the total, for alt text and
    /// screen readers: `Of 23 babies: Seriously harmed 19 (83%), Died 4 (17%).`
    ///
    /// Pies list their parts largest first (the drawing order); bars keep category order.
    /// Stacked bars give each category's parts after a colon, separated by semicolons.
    public func textAlternative() -> String {
        let intro = "Of \(total) \(unit): "
        switch kind {
        case .pie:
            let ordered = PieLayout.drawingOrder(categories.map(\.sum)).map { categories[$0] }
            return intro + ordered.map { "\($0.label) \(ChartShare.label($0.sum, of: total))" }.joined(separator: ", ") + "."
        case .verticalBar, .horizontalBar:
            return intro + categories.map { "\($0.label) \(ChartShare.label($0.sum, of: total))" }.joined(separator: ", ") + "."
        case .stackedHorizontalBar:
            let parts = categories.map { category in
                let pieces = zip(series, category.values).map { "\($0) \(ChartShare.label($1, of: total))" }
                return "\(category.label): " + pieces.joined(separator: ", ")
            }
            return intro + parts.joined(separator: "; ") + "."
        }
    }
}
