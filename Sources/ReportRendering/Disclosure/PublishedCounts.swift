import CaseModel
import CohortStatistics
import DisclosureControl

/// Every count a build publishes, each with its definition, for disclosure control's
/// model (``LinearModel``): the template values' counts (``ReportValues/definitions``),
/// the counts only `statistics.json` publishes, the zeros a reader can infer, and
/// what naming the most common of something says.
struct PublishedCounts {
    /// Counts of cases or areas, each with its definition.
    var modelled: [LinearModel.Count] = []
    /// Counts of something else (the first shortlist, family members who spoke to the
    /// reviewers, practitioners, regions covered): withheld when small, related to nothing.
    var unmodelled: [(name: String, value: Int)] = []
    var atLeast: [LinearModel.AtLeast] = []

    init(values: ReportValues, statistics s: CohortStatistics) {
        func known(_ name: String, published: Bool = true) -> LinearModel.Known {
            let bounds = values.bounds[name]
            return LinearModel.Known(lower: bounds?.lower ?? 1, upper: bounds?.upper, published: published)
        }
        for name in values.names {
            guard case .count(let n, _) = values[name] else { continue }
            if let definition = values.definitions[name] {
                modelled.append(.init(name: name, definition: definition, value: n, known: known(name)))
            } else if let parts = values.derivedSums[name] {
                // A sum of no parts ("other combinations" when none is grouped) is 0
                // whatever the cohort: published, and related to nothing.
                guard !parts.isEmpty else { continue }
                // A sum of counts published nowhere else: the parts' definitions, together.
                modelled.append(.init(name: name, adding: parts.compactMap { values.definitions[$0] }, value: n))
            } else if values.derivable.contains(name) {
                continue
            } else {
                unmodelled.append((name, n))
            }
        }
        // The counts a published sum adds up, never printed: what the figure tells of each.
        for (name, value) in values.unpublished.sorted(by: { $0.key < $1.key }) {
            modelled.append(.init(name: name, definition: values.definitions[name]!, value: value, known: known(name, published: false)))
        }
        func add(_ name: String, _ definition: CellDefinition, _ value: Int) {
            modelled.append(.init(name: name, definition: definition, value: value))
        }
        // statistics.json's own numbers.
        for pair in s.themes.coOccurrence {
            add(
                Disclosure.pairName(pair.first, pair.second),
                CellDefinition(.cases, [.init("themes", .has(pair.first)), .init("themes", .has(pair.second))]), pair.cases.count)
        }
        for theme in s.themes.byAgencyInvolvement {
            for category in theme.cases.categories {
                add(
                    Disclosure.themeAgencyName(theme.theme, category.key),
                    CellDefinition(.cases, [.init("themes", .has(theme.theme)), .init("agency_involvement", .oneOf([category.key]))]),
                    category.count)
            }
        }
        add(Disclosure.unknownOccasions, .field("harm.occasions", is: Occasions.unknown.rawValue), s.dataQuality.unknownOccasions.count)
        add(Disclosure.unknownPrognosis, .field("harm.prognosis", is: Prognosis.unknown.rawValue), s.dataQuality.unknownPrognosis.count)
        add(
            Disclosure.withoutThemes,
            CellDefinition(.cases, s.themes.cases.categories.map { .init("themes", .lacks($0.key)) }), s.dataQuality.withoutThemes.count)
        let died = CellDefinition.field("harm.outcome", is: Outcome.died.rawValue)
        for category in s.harm.died.prognosis.categories {
            add("died.prognosis.\(category.key)", died.and([.init("harm.prognosis", .oneOf([category.key]))]), category.count)
        }
        // Only the injury profiles that occur are listed: every other one is known to be 0.
        for (prefix, within) in [
            ("profile", CellDefinition.allCases), ("died.profile", died),
            ("harmed.profile", .field("harm.outcome", is: Outcome.seriouslyHarmed.rawValue)),
        ] {
            for key in InjuryProfile.everyKey where values["\(prefix).\(key)"] == nil {
                add("\(prefix).\(key)", within.and(InjuryProfile.definition(of: key)), 0)
            }
        }
        // The report names the most common age (every one, when tied) and the largest ethnic group.
        for modal in s.child.modalAgeMonths {
            for age in s.child.ageMonths.categories where age.key != String(modal) {
                atLeast.append(.init("age.\(modal)", "age.\(age.key)"))
            }
        }
        if let largest = s.child.ethnicity.categories.first {
            for other in s.child.ethnicity.categories.dropFirst() {
                atLeast.append(.init("ethnicity.\(ReportValues.slug(largest.key))", "ethnicity.\(ReportValues.slug(other.key))"))
            }
        }
    }

    /// The counts whose definition, applied to the cohort, does not give their
    /// value: a mistake in how a statistic is defined, which would make the model wrong.
    func mismatches(_ cohort: Cohort) -> [String] {
        let caseFields = CodedFields.cases(vocabulary: cohort.vocabulary, areas: cohort.areas)
        let byName = Dictionary(uniqueKeysWithValues: caseFields.map { ($0.name, $0) })
        let used = Set(cohort.cases.map(\.area))
        let areas = cohort.areas.filter { used.contains($0.code) }
        let areaFields = Dictionary(uniqueKeysWithValues: CodedFields.area.map { ($0.name, $0) })
        // Each case's keys, field by field, read once.
        let keys: [[String: [String]]] = cohort.cases.map { item in
            Dictionary(uniqueKeysWithValues: caseFields.map { ($0.name, $0.keys(of: item)) })
        }
        return modelled.compactMap { count in
            let definitions = count.definitions
            let found: Int
            switch definitions.first?.population ?? .cases {
            case .cases:
                guard definitions.allSatisfy({ $0.fields.allSatisfy { byName[$0] != nil } }) else { return nil }
                found = keys.filter { unit in definitions.contains { $0.holds { unit[$0] ?? [] } } }.count
            case .areas:
                found =
                    areas.filter { area in
                        definitions.contains { $0.holds { areaFields[$0]?.key(of: area).map { [$0] } ?? [] } }
                    }.count
            }
            let what = definitions.map(\.description).joined(separator: "; or ")
            return found == count.value ? nil : "\(count.name) is \(count.value), but its definition (\(what)) counts \(found)"
        }
    }
}
