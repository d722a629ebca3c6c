import CaseModel
import ChartLayout
import CohortStatistics
import Foundation
import Testing

@testable import ReportRendering

/// Analyses the authors declare in `Templates/figures/ID.yaml`: read with located
/// messages, counted with a definition for every count, and built like any figure.
@Suite struct DeclaredFigureTests {
    static let cohort = ReferenceBuild.cohort
    static let fields = CodedFields.cases(vocabulary: cohort.vocabulary, areas: cohort.areas)

    static func read(_ text: String, id: String = "test") -> Result<FigureDeclaration, ReportBuildError> {
        FigureDeclarationReader.read(text, file: "figures/\(id).yaml", id: id, fields: fields)
    }

    static func figure(_ text: String, id: String = "test") throws -> DeclaredFigure {
        DeclaredFigure(try read(text, id: id).get(), cases: cohort.cases, fields: fields)
    }

    static func values(_ figures: [DeclaredFigure]) -> ReportValues {
        let statistics = CohortStatistics(cohort)
        return ReportValues(
            statistics: statistics, review: cohort.review,
            charts: FigureRegistry.chartBodies(statistics, review: cohort.review), declared: figures)
    }

    // MARK: - Reading

    @Test func everyProblemOfADeclarationIsReportedAtOnceWithItsLineAndTheNearestName() {
        let text = """
            kind: crosstab
            title: "Convictions by outcome"
            rows: male_carer.criminal_conviction
            columns: harm.outcom
            shares: by-rows
            colour: red
            filter:
              harm.outcome: dead
            """
        guard case .failure(let error) = Self.read(text) else {
            Issue.record("a declaration with five mistakes was read")
            return
        }
        let lines = error.problems.map(\.description)
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "figures/test.yaml:3: rows: there is no coded field \"male_carer.criminal_conviction\"; did you mean \"male_carer.criminal_convictions\"?"
                )
            }, "\(lines)")
        #expect(
            lines.contains {
                $0.hasPrefix("figures/test.yaml:4: columns: there is no coded field \"harm.outcom\"; did you mean \"harm.outcome\"?")
            })
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "figures/test.yaml:5: shares: \"by-rows\" is not a choice; did you mean \"by-row\"?; write by-row or by-column")
            })
        #expect(lines.contains { $0.hasPrefix("figures/test.yaml:6: colour: not a field of a crosstab declaration") })
        #expect(
            lines.contains {
                $0.hasPrefix("figures/test.yaml:8: filter: harm.outcome: \"dead\" is not one of its values; did you mean \"died\"?")
            })
        #expect(lines.count == 5)
    }

    @Test func aFeatureMustBeAYesNoFieldOrAListItem() {
        let text = """
            kind: co-occurrence
            title: "Together"
            sets:
              - parents.mental_helth
              - themes.invisible-father
              - harm.outcome
            """
        guard case .failure(let error) = Self.read(text) else {
            Issue.record("unknown features were accepted")
            return
        }
        let lines = error.problems.map(\.description)
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "figures/test.yaml:4: sets: \"parents.mental_helth\" is not a yes/no field or a list item; did you mean \"parents.mental_health\"?"
                )
            }, "\(lines)")
        let theme = try? #require(Self.cohort.vocabulary.themes.first { $0.code.hasPrefix("invisible-father") }?.code)
        #expect(
            lines.contains {
                $0.hasPrefix("figures/test.yaml:5: sets: themes has no item \"invisible-father\"; did you mean \"\(theme ?? "")\"?")
            }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("figures/test.yaml:6: sets: \"harm.outcome\" is not a yes/no field") })
    }

    @Test func aCoOccurrenceFigureHasAtMostEightSets() {
        let items = Self.fields.first { $0.name == "harm.injuries" }!.values.map { "  - harm.injuries.\($0.key)" }
        let yesNo = Self.fields.filter(FigureDeclarationReader.isYesNo).map { "  - \($0.name)" }
        let sets = (items + yesNo).prefix(9)
        #expect(sets.count == 9)
        let text = "kind: co-occurrence\ntitle: \"Many\"\nsets:\n" + sets.joined(separator: "\n") + "\n"
        guard case .failure(let error) = Self.read(text) else {
            Issue.record("nine sets were accepted")
            return
        }
        #expect(
            error.problems.map(\.description) == ["figures/test.yaml:4: sets: 9 sets are too many to read as combinations; list at most 8"])
        let eight = "kind: co-occurrence\ntitle: \"Eight\"\nsets:\n" + sets.prefix(8).joined(separator: "\n") + "\n"
        #expect((try? Self.read(eight).get()) != nil)
    }

    @Test func aStackedChartNeedsColumnsEachCaseHasOneOf() {
        let text = """
            kind: crosstab
            title: "Outcome by injury"
            rows: harm.outcome
            columns: harm.injuries
            chart: stacked
            """
        guard case .failure(let error) = Self.read(text) else {
            Issue.record("a stacked chart over a list field was accepted")
            return
        }
        #expect(error.problems.map(\.description).first?.hasPrefix("figures/test.yaml:5: chart: stacked needs columns") == true)
        #expect(error.problems.map(\.description).first?.hasSuffix("write chart: grouped") == true)
        // As the message says: grouped bars take the same columns.
        #expect((try? Self.read(text.replacingOccurrences(of: "chart: stacked", with: "chart: grouped")).get()) != nil)
    }

    /// A chart tells its columns apart by colour alone, and has six.
    @Test func aCrosstabHasAtMostSixColumns() {
        let text = """
            kind: crosstab
            title: "Outcome by theme"
            rows: harm.outcome
            columns: themes
            chart: grouped
            """
        guard case .failure(let error) = Self.read(text) else {
            Issue.record("a crosstab of \(Self.cohort.vocabulary.themes.count) columns was accepted")
            return
        }
        #expect(
            error.problems.map(\.description) == [
                "figures/test.yaml:4: columns: \(Self.cohort.vocabulary.themes.count) columns are more than a chart can tell apart by colour (at most 6); put this field in rows:, or list at most 6 features"
            ])
    }

    /// Grouped bars over a list field: a case may have several injuries or one, so each
    /// row's total is counted from the cases, not added up from its cells.
    @Test func aGroupedCrosstabOverAListCountsEachRowsTotalFromTheCases() throws {
        let figure = try Self.figure(
            """
            kind: crosstab
            title: "Injuries by outcome"
            rows: harm.outcome
            columns: harm.injuries
            chart: grouped
            """, id: "injuries-by-outcome")
        let statistics = CohortStatistics(Self.cohort)
        let body = try #require(figure.definition.chart(statistics, review: Self.cohort.review))
        let spec = body.spec
        #expect(spec.kind == .groupedHorizontalBar)
        #expect(spec.subtitle.hasSuffix("; a case can be counted in several columns or none"))
        #expect(spec.series == Injury.allCases.map(\.label))
        try spec.validate()
        let cases = Self.cohort.cases
        func with(_ injury: Injury, _ among: [Case]) -> Int { among.filter { $0.harm.injuries.contains(injury) }.count }
        for outcome in Outcome.allCases {
            let row = try #require(spec.categories.first { $0.label == outcome.label })
            let ofOutcome = cases.filter { $0.harm.outcome == outcome }
            #expect(row.sum == ofOutcome.count)
            #expect(row.values == Injury.allCases.map { with($0, ofOutcome) })
        }
        let all = try #require(spec.categories.last)
        #expect(all.label == "All cases" && all.sum == cases.count)
        #expect(all.values == Injury.allCases.map { with($0, cases) })
        // Some case has more than one injury: the cells add up to more than the row.
        #expect(spec.categories.contains { $0.values.reduce(0, +) > $0.sum })
        // The data gives each row's own total, and each cell as a share of it.
        let died = cases.filter { $0.harm.outcome == .died }
        let row = try #require(FigureData.csv(spec).split(separator: "\n").first { $0.hasPrefix("Died,") })
        let expected =
            ["Died"] + Injury.allCases.map { String(with($0, died)) }
            + [String(died.count), String(Share(died.count, of: cases.count).wholePercent)]
            + Injury.allCases.map { String(Share(with($0, died), of: died.count).wholePercent) }
        #expect(row.split(separator: ",").map(String.init) == expected)
        let values = Self.values([figure])
        #expect(values["crosstab.injuries-by-outcome.died.fracture"] == .count(with(.fracture, died), of: died.count))
        #expect(values["crosstab.injuries-by-outcome.died.all"] == .count(died.count, of: cases.count))
    }

    @Test func aDeclaredFigureCannotTakeABuiltInFiguresId() {
        let text = "kind: crosstab\ntitle: \"Sex\"\nrows: child.sex\ncolumns: harm.outcome\n"
        guard case .failure(let error) = Self.read(text, id: "sex") else {
            Issue.record("a declaration named like a built-in figure was read")
            return
        }
        #expect(
            error.problems.map(\.description) == [
                "figures/sex.yaml: sex is a figure of the report already; give the declared figure a name of its own"
            ])
    }

    /// The reference templates with a paragraph added to the headline chapter.
    static func headline(adding paragraph: String) throws -> TemplateFiles {
        var templates = ReferenceBuild.templates
        let headline = try #require(templates.chapters.firstIndex { $0.path.hasSuffix("03-headline-data.md") })
        templates.chapters[headline].text += "\n\(paragraph)\n"
        return templates
    }

    /// A misspelt name of a declared count is told the nearest, as any other name is.
    @Test func aWrongPlaceholderOfADeclaredFigureIsToldTheNearestName() throws {
        let templates = try Self.headline(adding: "In {{ crosstab.parent-features-by-outcome.mental-health.dead | of }} cases.")
        let problems = ReportBuilder.check(ReferenceBuild.cohort, templates: templates).map(\.description)
        #expect(
            problems.contains {
                $0.contains(
                    "there is no value named \"crosstab.parent-features-by-outcome.mental-health.dead\"; did you mean \"crosstab.parent-features-by-outcome.mental-health.died\""
                )
            }, "\(problems)")
    }

    /// A combination this cohort does not show on its own (here one no case has) is
    /// refused with what to name instead; checked with a frame but no cases, the same
    /// chapter gives no problem, since only the cases can tell.
    @Test func aCombinationNotShownIsToldToNameOtherInstead() throws {
        let name = "together.parent-features-together.care-leaver.under-22"
        let templates = try Self.headline(adding: "In {{ \(name) }} cases.")
        let problems = ReportBuilder.check(ReferenceBuild.cohort, templates: templates).map(\.description)
        #expect(
            problems.contains {
                $0.hasSuffix(
                    "\"\(name)\" is a combination this cohort counts with the other combinations (fewer cases than the figure's "
                        + "minimum, or none), so it has no number of its own; name \"together.parent-features-together.other\" or a set's size instead"
                )
            }, "\(problems)")
        var frame = ReferenceBuild.cohort
        frame.cases = []
        #expect(ReportBuilder.check(nil, frame: frame, templates: templates) == [])
    }

    // MARK: - Counting

    @Test func aCrosstabCountsEachCellFromTheCases() throws {
        let figure = try Self.figure(
            """
            kind: crosstab
            title: "Father's convictions by outcome"
            rows: male_carer.criminal_convictions
            columns: harm.outcome
            """, id: "father-convictions-by-outcome")
        let values = Self.values([figure])
        let died = Self.cohort.cases.filter { $0.maleCarer.criminalConvictions && $0.harm.outcome == .died }.count
        let convicted = Self.cohort.cases.filter { $0.maleCarer.criminalConvictions }.count
        #expect(values["crosstab.father-convictions-by-outcome.yes.died"] == .count(died, of: convicted))
        #expect(values["crosstab.father-convictions-by-outcome.yes.all"] == .count(convicted, of: Self.cohort.cases.count))
        #expect(values["crosstab.father-convictions-by-outcome.all"] == .count(Self.cohort.cases.count, of: nil))
        #expect(values.families["crosstab.father-convictions-by-outcome.row.yes"]?.exclusive == true)
    }

    @Test func aFilterKeepsOnlyTheCasesWithItsValues() throws {
        let figure = try Self.figure(
            """
            kind: crosstab
            title: "Sex by agency involvement, babies who died"
            rows: child.sex
            columns: agency_involvement
            filter: { harm.outcome: died }
            shares: by-column
            """)
        let values = Self.values([figure])
        let died = Self.cohort.cases.filter { $0.harm.outcome == .died }
        #expect(values["crosstab.test.all"] == .count(died.count, of: Self.cohort.cases.count))
        let boys = died.filter { $0.child.sex == .male }.count
        #expect(values["crosstab.test.male.all"] == .count(boys, of: died.count))
    }

    @Test func exactCombinationsAddUpToTheCasesAndSetSizesToTheirCombinations() throws {
        let figure = try Self.figure(
            try String(
                contentsOf: ReferenceBuild.root.appendingPathComponent("Templates/figures/parent-features-together.yaml"), encoding: .utf8),
            id: "together")
        let values = Self.values([figure])
        guard case .combinations(let sets) = figure.result else {
            Issue.record("a co-occurrence figure counted no combinations")
            return
        }
        let family = try #require(values.families["together.together"])
        #expect(family.members.reduce(0) { $0 + $1.count } == Self.cohort.cases.count)
        for (index, set) in sets.sets.enumerated() {
            let inCombinations = sets.combinations.filter { $0.members.contains(index) }.reduce(0) { $0 + $1.count.count }
            #expect(values["together.together.set.\(set.key)"] == .count(inCombinations, of: Self.cohort.cases.count))
        }
        let mentalHealthOnly = Self.cohort.cases.filter {
            $0.parents.mentalHealth && !$0.parents.currentDomesticAbuse && !$0.parents.historicalDomesticAbuse && !$0.parents.careLeaver
                && !$0.parents.under22 && !$0.maleCarer.criminalConvictions
        }.count
        // Only the combinations shown on their own (2 cases or more) have names; every
        // other one, empty ones included, is a part of "other", which adds them up.
        let setNames = Set(sets.sets.map { "together.together.set.\($0.key)" })
        for name in values.names where name.hasPrefix("together.together.") && !setNames.contains(name) {
            guard !["cases", "other", "none"].contains(name.split(separator: ".").last!) else { continue }
            guard case .count(let n, _)? = values[name] else { continue }
            #expect(n >= 2, "\(name) = \(n) is named")
        }
        let parts = try #require(values.derivedSums["together.together.other"])
        #expect(parts.count + family.members.count - 2 == 63)
        #expect(parts.contains { values.unpublished[$0] == 0 })
        #expect(
            values["together.together.other"] == .count(parts.map { values.unpublished[$0]! }.reduce(0, +), of: Self.cohort.cases.count))
        if mentalHealthOnly >= 2 {
            #expect(values["together.together.mental-health"] == .count(mentalHealthOnly, of: Self.cohort.cases.count))
        }
    }

    /// Every count a declared figure publishes carries the definition disclosure
    /// control models it by: counting the cases that meet it gives the count back;
    /// "other combinations" is the sum of the combinations it records.
    @Test func everyPublishedCountIsWhatItsDefinitionCounts() throws {
        var figures: [DeclaredFigure] = []
        for name in ["parent-features-by-outcome", "parent-features-together"] {
            let text = try String(contentsOf: ReferenceBuild.root.appendingPathComponent("Templates/figures/\(name).yaml"), encoding: .utf8)
            figures.append(try Self.figure(text, id: name))
        }
        let values = Self.values(figures)
        let reader = CaseFieldReader(Self.fields)
        func counted(_ definition: CellDefinition) -> Int { Self.cohort.cases.filter { reader.meets($0, definition.conditions) }.count }
        let declared = values.values.keys.filter { $0.hasPrefix("crosstab.") || $0.hasPrefix("together.") }
        #expect(declared.count > 30)
        for name in declared {
            guard case .count(let n, _)? = values[name] else { continue }
            if let parts = values.derivedSums[name] {
                #expect(parts.map { counted(values.definitions[$0]!) }.reduce(0, +) == n, "\(name)")
                #expect(parts.allSatisfy { values[$0] == nil }, "\(name): its parts are not published")
            } else {
                let definition = try #require(values.definitions[name], "\(name) has no definition")
                #expect(counted(definition) == n, "\(name): \(definition)")
            }
        }
    }

    /// A co-occurrence figure that groups nothing as "other combinations" (minimum 1)
    /// publishes its "other" as 0, the sum of the combinations no case has: disclosure
    /// control models them as known to be 0 and withholds nothing of it (it used to
    /// stop on an empty sum).
    @Test func aFigureThatGroupsNothingIsModelledWithItsOtherAtZero() throws {
        let text = try String(
            contentsOf: ReferenceBuild.root.appendingPathComponent("Templates/figures/parent-features-together.yaml"), encoding: .utf8
        ).replacingOccurrences(of: "minimum: 2", with: "minimum: 1")
        let figure = try Self.figure(text, id: "together")
        let values = Self.values([figure])
        let parts = try #require(values.derivedSums["together.together.other"])
        #expect(!parts.isEmpty)
        #expect(parts.allSatisfy { values.unpublished[$0] == 0 && values.bounds[$0]! == (0, 0) })
        #expect(values["together.together.other"] == .count(0, of: Self.cohort.cases.count))
        let d = Disclosure(threshold: 3, values: values, statistics: CohortStatistics(Self.cohort), cohort: Self.cohort)
        #expect(!d.isSuppressed("together.together.other"))
        #expect(d.problems == [])
        for name in values.names where name.hasPrefix("together.") {
            if case .count(let n, _)? = values[name], (1..<3).contains(n) { #expect(d.isSuppressed(name), "\(name) = \(n)") }
        }
    }

    // MARK: - The guide

    /// The examples in docs/templates.md are read as they are written.
    @Test func theGuidesExamplesAreValidDeclarations() throws {
        let guide = try String(contentsOf: ReferenceBuild.root.appendingPathComponent("docs/templates.md"), encoding: .utf8)
        let section = try #require(guide.components(separatedBy: "## Declaring your own analyses").last)
        let blocks = section.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```").first! }
        #expect(blocks.count == 2)
        for block in blocks {
            let figure = try Self.figure(block)
            let values = Self.values([figure])
            #expect(values.definitions.count > 3)
        }
    }
}
