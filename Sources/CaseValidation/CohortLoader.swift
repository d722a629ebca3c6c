import CaseLoading
import CaseModel

/// Loads and validates a whole cohort from an inputs folder: the single entry point.
///
/// Reads `review.yaml`, `areas.yaml`, `vocabulary.yaml` and either `cases/*.yaml` or
/// `cases.csv`; checks every rule of the case-summary contract; reports every problem
/// found (never only the first); and returns the cohort only when there is no error.
public enum CohortLoader {
    public static func load(inputs: String, fileSystem: some InputFileSystem,
                            limits: LoadingLimits = .standard) -> CohortLoadResult {
        var run = Run(inputs: inputs, limits: limits)
        return run.load(fileSystem)
    }

    /// The same, parsing again only the YAML files whose text changed since `parsed` last saw them.
    public static func load(inputs: String, fileSystem: some InputFileSystem,
                            limits: LoadingLimits = .standard, parsed: ParsedYAMLCache) -> CohortLoadResult {
        var run = Run(inputs: inputs, limits: limits)
        run.parsed = parsed
        return run.load(fileSystem)
    }

    /// Joins a folder and a name with "/", as paths appear in diagnostics.
    static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private struct Run {
        let inputs: String
        let limits: LoadingLimits
        let log = DiagnosticLog()
        var filesRead = 0
        var casesRead = 0
        /// YAML parsed by an earlier load, if the caller keeps one.
        var parsed: ParsedYAMLCache?

        init(inputs: String, limits: LoadingLimits) {
            self.inputs = inputs
            self.limits = limits
        }

        var context: DecodeContext { DecodeContext(log: log) }

        mutating func load(_ fs: some InputFileSystem) -> CohortLoadResult {
            let reviewTree = readYAML("review.yaml", fs)
            let review = reviewTree.flatMap { ReviewDecoder(context: context).decode($0) }
            let areas = readYAML("areas.yaml", fs).map { AreasDecoder(context: context).decode($0) }
            let vocabulary = readYAML("vocabulary.yaml", fs).map { VocabularyDecoder(context: context).decode($0) }
            let declared = Declarations(areaCodes: areas?.codes.map(\.code),
                                        ethnicities: vocabulary?.ethnicities, themeCodes: vocabulary?.themeCodes)

            let source = readCases(fs, declared: declared)
            if let source {
                checkUniqueIDs(source.ids)
                if let areas, !source.someUnreadable { warnUnusedAreas(areas.codes, referenced: source.referencedAreas) }
                if let review, let reviewTree, source.allValid {
                    checkReviewCounts(review, tree: reviewTree, cases: source.cases, areas: areas?.areas ?? [])
                }
            }

            let diagnostics = log.items.sortedByLocation()
            var cohort: Cohort? = nil
            if !diagnostics.containsErrors, let review, let areaList = areas?.areas,
               let vocabularyValue = vocabulary?.vocabulary, let source, source.allValid {
                cohort = Cohort(review: review, areas: areaList, vocabulary: vocabularyValue, cases: source.cases)
            }
            return CohortLoadResult(cohort: cohort, diagnostics: diagnostics, filesRead: filesRead, casesRead: casesRead)
        }

        /// review.yaml's counts must be able to hold the cohort they describe.
        private func checkReviewCounts(_ review: Review, tree: LocatedValue, cases: [Case], areas: [Area]) {
            func at(_ key: String) -> SourceLocation { tree[key]?.location ?? tree.location }
            if review.initialShortlist < cases.count {
                log.error(at: at("initial_shortlist"), field: "initial_shortlist",
                          "\(review.initialShortlist) is fewer than the \(cases.count) cases in the cohort; expected the number shortlisted before the cohort was chosen, \(cases.count) or more")
            }
            let used = Set(cases.map(\.area))
            let regions = Set(areas.filter { used.contains($0.code) }.map(\.region)).count
            if review.regionsTotal < regions {
                log.error(at: at("regions_total"), field: "regions_total",
                          "\(review.regionsTotal) is fewer than the \(regions) regions the cohort's areas are in; expected \(regions) to \(Region.allCases.count)")
            }
        }

        // MARK: - Files

        private mutating func readText(_ path: String, _ fs: some InputFileSystem) -> String? {
            switch SourceFileReader.readText(atPath: path, fileSystem: fs, limits: limits) {
            case .success(let text):
                filesRead += 1
                return text
            case .failure(let problem):
                log.add(problem)
                return nil
            }
        }

        private mutating func readYAML(_ name: String, _ fs: some InputFileSystem) -> LocatedValue? {
            readYAML(atPath: CohortLoader.join(inputs, name), fs)
        }

        private mutating func readYAML(atPath path: String, _ fs: some InputFileSystem) -> LocatedValue? {
            guard let text = readText(path, fs) else { return nil }
            switch parsed?.result(path: path, text: text, limits: limits) ?? YAMLReader.read(text, file: path, limits: limits) {
            case .success(let tree): return tree
            case .failure(let problem):
                log.add(problem)
                return nil
            }
        }

        // MARK: - Cases

        /// The cases read from whichever source is present, or `nil` when there is no usable source.
        private struct CaseSource {
            var cases: [Case] = []
            var allValid = true
            var ids: [(id: String, location: SourceLocation)] = []
            var referencedAreas: Set<String> = []
            /// Whether some case could not be read at all, so its area is unknown.
            var someUnreadable = false
        }

        private mutating func readCases(_ fs: some InputFileSystem, declared: Declarations) -> CaseSource? {
            let folder = CohortLoader.join(inputs, "cases")
            let csv = CohortLoader.join(inputs, "cases.csv")
            let entries: [String]?
            do {
                entries = try fs.entries(inDirectory: folder)
            } catch {
                log.error(at: SourceLocation(file: folder), field: nil, "could not be listed: \(error)")
                return nil
            }
            let csvPresent = ((try? fs.fileSize(atPath: csv)) ?? nil) != nil || fs.isDirectory(atPath: csv)
            let inputsLocation = SourceLocation(file: inputs)
            switch (entries, csvPresent) {
            case (.some, true):
                log.error(at: inputsLocation, field: nil,
                          "both cases/ and cases.csv are present; remove cases.csv to use the YAML case files, or remove the cases/ folder to use the spreadsheet")
                return nil
            case (nil, false):
                if ((try? fs.fileSize(atPath: folder)) ?? nil) != nil {
                    log.error(at: SourceLocation(file: folder), field: nil, "is a file; expected a folder of case files")
                } else {
                    log.add(.missing(at: inputsLocation, "no cases found; expected a cases/ folder of .yaml files or a cases.csv file"))
                }
                return nil
            case (.some(let names), false):
                return readCaseFolder(folder, names: names, fs, declared: declared)
            case (nil, true):
                return readCaseSpreadsheet(csv, fs, declared: declared)
            }
        }

        private mutating func readCaseFolder(_ folder: String, names: [String], _ fs: some InputFileSystem,
                                             declared: Declarations) -> CaseSource? {
            var source = CaseSource()
            var caseFiles: [String] = []
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = CohortLoader.join(folder, name)
                let lower = name.lowercased()
                if fs.isDirectory(atPath: path) {
                    log.warning(at: SourceLocation(file: path), field: nil, "ignored: a folder inside cases/")
                } else if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
                    caseFiles.append(path)
                } else {
                    log.warning(at: SourceLocation(file: path), field: nil, "ignored: not a .yaml or .yml file")
                }
            }
            if caseFiles.count > limits.maxCaseFiles {
                log.error(at: SourceLocation(file: folder), field: nil,
                          "holds \(caseFiles.count) case files; the limit is \(limits.maxCaseFiles) and the folder is refused")
                return nil
            }
            if caseFiles.isEmpty {
                log.error(at: SourceLocation(file: folder), field: nil, "no case found; add one .yaml file per case")
                return nil
            }
            for path in caseFiles {
                guard let tree = readYAML(atPath: path, fs) else {
                    source.allValid = false
                    source.someUnreadable = true
                    continue
                }
                casesRead += 1
                decodeCase(tree, context: context, declared: declared, into: &source)
            }
            return source
        }

        private mutating func readCaseSpreadsheet(_ path: String, _ fs: some InputFileSystem,
                                                  declared: Declarations) -> CaseSource? {
            guard let text = readText(path, fs) else { return nil }
            let (table, problems) = CSVReader.read(text, file: path, limits: limits)
            problems.forEach(log.add)
            guard let table else { return nil }
            casesRead += table.dataRowCount
            var source = CaseSource()
            source.allValid = problems.isEmpty
            source.someUnreadable = !problems.isEmpty
            let (columns, absent) = checkHeader(table)
            if table.dataRowCount == 0 {
                log.error(at: SourceLocation(file: path), field: nil, "no case found; add one row per case below the header")
                return nil
            }
            var rowContext = context
            rowContext.absentColumns = absent
            for row in table.rows {
                decodeCase(table.tree(for: row, columns: columns), context: rowContext, declared: declared, into: &source)
            }
            return source
        }

        /// Reports unknown, duplicate and missing columns; returns the usable column
        /// indices and the required columns that are missing.
        private func checkHeader(_ table: CSVTable) -> (columns: [Int], absent: Set<String>) {
            var columns: [Int] = []
            var seen: [String: Int] = [:]
            for (index, name) in table.header.enumerated() {
                let location = SourceLocation(file: table.file, position: .csvCell(row: 1, column: name.isEmpty ? "\(index + 1)" : name))
                if let first = seen[name] {
                    log.error(at: location, field: nil, "the column appears more than once (columns \(first + 1) and \(index + 1)); keep one")
                } else if !CaseCSVColumns.canonical.contains(name) {
                    let what = name.isEmpty ? "a column with no name" : "unknown column"
                    log.error(at: location, field: nil, "\(what); valid columns: \(CaseCSVColumns.canonical.joined(separator: ", "))")
                    seen[name] = index
                } else {
                    seen[name] = index
                    columns.append(index)
                }
            }
            var absent: Set<String> = []
            for name in CaseCSVColumns.canonical where seen[name] == nil && !CaseCSVColumns.optional.contains(name) {
                log.error(at: SourceLocation(file: table.file, position: .csvRow(1)), field: name, "the header has no such column; every case needs it")
                absent.insert(name)
            }
            return (columns, absent)
        }

        private func decodeCase(_ tree: LocatedValue, context: DecodeContext, declared: Declarations, into source: inout CaseSource) {
            let before = log.errorCount
            if case .scalar(let area, _) = tree["area"]?.kind { source.referencedAreas.insert(area.trimmingCharacters()) }
            if let idValue = tree["id"], case .scalar(let id, _) = idValue.kind {
                source.ids.append((id.trimmingCharacters(), idValue.location))
            }
            let decoded = CaseDecoder(context: context, declared: declared).decode(tree)
            if let decoded, log.errorCount == before {
                source.cases.append(decoded)
            } else {
                source.allValid = false
            }
        }

        // MARK: - Across files

        private func checkUniqueIDs(_ ids: [(id: String, location: SourceLocation)]) {
            var first: [String: SourceLocation] = [:]
            for (id, location) in ids {
                if let earlier = first[id] {
                    log.error(at: location, field: "id", "\(id.quotedForDiagnostic) is already used by \(earlier); each case needs its own id")
                } else {
                    first[id] = location
                }
            }
        }

        private func warnUnusedAreas(_ codes: [(code: String, location: SourceLocation, field: String)], referenced: Set<String>) {
            for (code, location, field) in codes where !referenced.contains(code) {
                log.warning(at: location, field: field, "area \(code.quotedForDiagnostic) is not referred to by any case")
            }
        }
    }
}
