extension ChartSpec {
    /// Checks the chart rules and throws the first one broken.
    ///
    /// Rules: an identifier; at least one category; non-empty, distinct labels; the right
    /// number of counts per category; no negative counts; a positive total no category
    /// exceeds; pies have 2 to 5 parts summing to the total, none withheld; stacked and
    /// grouped charts have 2 to 6 named series (a colour each) and other kinds none. A
    /// category's stated sum is the sum of its counts, except in a grouped chart, whose
    /// series may overlap or leave cases out: there no count exceeds it. Sets (a chart of
    /// combinations) are drawn on plain horizontal bars, each named, of 0 to the total.
    public func validate() throws(ChartSpecError) {
        if id.allSatisfy(\.isWhitespace) { throw .emptyIdentifier }
        if categories.isEmpty { throw .noCategories }
        if total <= 0 { throw .nonPositiveTotal(total) }
        if kind.hasSeries {
            if series.count < 2 { throw .invalidSeries(found: series.count) }
            if series.count > Palette.categorical.count { throw .tooManySeries(found: series.count, most: Palette.categorical.count) }
        } else if !series.isEmpty {
            throw .invalidSeries(found: series.count)
        }
        for (index, name) in series.enumerated() where name.allSatisfy(\.isWhitespace) {
            throw .emptySeriesName(index: index)
        }
        if let repeated = firstRepeat(series) { throw .duplicateLabel(repeated) }
        for (index, category) in categories.enumerated() {
            if category.label.allSatisfy(\.isWhitespace) { throw .emptyLabel(index: index) }
            if category.values.count != valuesPerCategory {
                throw .valueCountMismatch(label: category.label, expected: valuesPerCategory, found: category.values.count)
            }
            if let negative = (category.values + [category.sum]).first(where: { $0 < 0 }) {
                throw .negativeValue(label: category.label, value: negative)
            }
            let parts = category.values.reduce(0, +)
            if kind == .groupedHorizontalBar {
                if let (index, value) = category.values.enumerated().first(where: { $0.element > category.sum }) {
                    throw .partExceedsSum(label: category.label, series: series[index], value: value, sum: category.sum)
                }
            } else if category.sum != parts {
                throw .sumIsNotItsParts(label: category.label, parts: parts, sum: category.sum)
            }
            if category.sum > total {
                throw .valueExceedsTotal(label: category.label, value: category.sum, total: total)
            }
        }
        if let repeated = firstRepeat(categories.map(\.label)) { throw .duplicateLabel(repeated) }
        if !sets.isEmpty && kind != .horizontalBar { throw .setsNeedHorizontalBars }
        for (index, set) in sets.enumerated() {
            if set.label.allSatisfy(\.isWhitespace) { throw .emptySetLabel(index: index) }
            if set.size < 0 { throw .negativeValue(label: set.label, value: set.size) }
            if set.size > total { throw .valueExceedsTotal(label: set.label, value: set.size, total: total) }
        }
        if kind == .pie {
            guard (2...5).contains(categories.count) else { throw .pieNeedsTwoToFiveParts(found: categories.count) }
            let sum = categories.reduce(0) { $0 + $1.sum }
            if sum != total { throw .pieDoesNotSumToTotal(sum: sum, total: total) }
            if let withheld = categories.first(where: \.isSuppressed) { throw .pieWithSuppressedPart(label: withheld.label) }
        }
    }

    private func firstRepeat(_ names: [String]) -> String? {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { return name }
        return nil
    }
}
