import CaseLoading
import CaseModel

/// Loads and validates a whole cohort from an inputs folder: the single entry point.
///
/// Reads `review.yaml`, `areas.yaml`, `vocabulary.yaml` and exactly one of
/// `cases/*.yaml`, `cases.csv` (with `learning.csv` beside it) or `cases.xlsx`; checks every rule of the case-summary contract; reports every problem
/// found (never only the first); and returns the cohort only when there is no error.
public enum CohortLoader {
    public static func load(
        inputs: String, fileSystem: some InputFileSystem,
        limits: LoadingLimits = .standard
    ) -> CohortLoadResult {
        var run = Run(inputs: inputs, limits: limits)
        return run.load(fileSystem)
    }

    /// The same, parsing again only the YAML files whose text changed since `parsed` last saw them.
    public static func load(
        inputs: String, fileSystem: some InputFileSystem,
        limits: LoadingLimits = .standard, parsed: ParsedYAMLCache
    ) -> CohortLoadResult {
        var run = Run(inputs: inputs, limits: limits)
        run.parsed = parsed
        return run.load(fileSystem)
    }

    /// Joins a folder and a name with "/", as paths appear in diagnostics.
    static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    struct Run {
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
            let declared = Declarations(
                areaCodes: areas?.codes.map(\.code),
                ethnicities: vocabulary?.ethnicities, themeCodes: vocabulary?.themeCodes)

            let source = readCases(fs, declared: declared)
            if let source {
                checkUniqueIDs(source.ids)
                if let areas, !source.someUnreadable {
                    if source.absentColumns.contains("area"), let header = source.header {
                        warnAreasUnread(areas.codes.count, at: header)
                    } else {
                        warnUnusedAreas(areas.codes, referenced: source.referencedAreas)
                    }
                }
                if let review, let reviewTree, source.allValid {
                    checkReviewCounts(review, tree: reviewTree, cases: source.cases, areas: areas?.areas ?? [])
                }
            }

            let diagnostics = Self.namingCases(log.items, source?.ids ?? []).sortedByLocation()
            var cohort: Cohort? = nil
            if !diagnostics.containsErrors, let review, let areaList = areas?.areas,
                let vocabularyValue = vocabulary?.vocabulary, let source, source.allValid
            {
                cohort = Cohort(
                    review: review, areas: areaList, vocabulary: vocabularyValue, cases: source.cases,
                    learningRecorded: source.learningRecorded)
            }
            var frame: Cohort? = nil
            if let review, let areaList = areas?.areas, let vocabularyValue = vocabulary?.vocabulary {
                frame = Cohort(review: review, areas: areaList, vocabulary: vocabularyValue, cases: [])
            }
            return CohortLoadResult(cohort: cohort, diagnostics: diagnostics, filesRead: filesRead, casesRead: casesRead, frame: frame)
        }

        /// review.yaml's counts must be able to hold the cohort they describe.
        private func checkReviewCounts(_ review: Review, tree: LocatedValue, cases: [Case], areas: [Area]) {
            func at(_ key: String) -> SourceLocation { tree[key]?.location ?? tree.location }
            if review.initialShortlist < cases.count {
                log.error(
                    at: at("initial_shortlist"), field: "initial_shortlist",
                    "\(review.initialShortlist) is fewer than the \(cases.count) cases in the cohort; expected the number shortlisted "
                        + "before the cohort was chosen, \(cases.count) or more"
                )
            }
            let used = Set(cases.map(\.area))
            let regions = Set(areas.filter { used.contains($0.code) }.map(\.region)).count
            if review.regionsTotal < regions {
                log.error(
                    at: at("regions_total"), field: "regions_total",
                    "\(review.regionsTotal) is fewer than the \(regions) regions the cohort's areas are in; expected \(regions) to \(Region.allCases.count)"
                )
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
            switch ParsedYAMLCache.parse(text, path: path, limits: limits, cache: parsed) {
            case .success(let tree): return tree
            case .failure(let problem):
                log.add(problem)
                return nil
            }
        }

        // MARK: - Cases

        /// The cases read from whichever source is present, or `nil` when there is no usable source.
        struct CaseSource {
            var cases: [Case] = []
            var allValid = true
            var ids: [(id: String, location: SourceLocation)] = []
            var referencedAreas: Set<String> = []
            /// Whether some case could not be read at all, so its area is unknown.
            var someUnreadable = false
            /// Whether the source could hold learning points (see ``Cohort/learningRecorded``).
            var learningRecorded = true
            /// A spreadsheet's required columns that its header lacks (already reported).
            var absentColumns: Set<String> = []
            /// Where a spreadsheet's header is, to blame what follows from its problems.
            var header: SourceLocation?
        }

        /// The forms a cohort may take; exactly one must be present.
        private enum Form: CaseIterable {
            case folder, csv, workbook

            var name: String {
                switch self {
                case .folder: "cases/"
                case .csv: "cases.csv"
                case .workbook: "cases.xlsx"
                }
            }

            var use: String {
                switch self {
                case .folder: "the YAML case files"
                case .csv: "the spreadsheet export"
                case .workbook: "the workbook"
                }
            }
        }

        private mutating func readCases(_ fs: some InputFileSystem, declared: Declarations) -> CaseSource? {
            let folder = CohortLoader.join(inputs, "cases")
            let csv = CohortLoader.join(inputs, "cases.csv")
            let workbook = CohortLoader.join(inputs, "cases.xlsx")
            let learning = CohortLoader.join(inputs, "learning.csv")
            let entries: [String]?
            do {
                // One name past the limit is enough to refuse the folder.
                entries = try fs.entries(inDirectory: folder, atMost: limits.maxCaseFiles + 1)
            } catch {
                log.error(at: SourceLocation(file: folder), field: nil, "could not be listed: \(error)")
                return nil
            }
            /// Whether anything is at `path`: a file, a folder, or something that cannot be
            /// read as either (a link leading outside the inputs, a FIFO, a device), which
            /// reading it then names, rather than "no cases found".
            func exists(_ path: String) -> Bool {
                do { return try fs.fileSize(atPath: path) != nil || fs.isDirectory(atPath: path) } catch { return true }
            }
            var present: [Form] = []
            if entries != nil { present.append(.folder) }
            if exists(csv) { present.append(.csv) }
            if exists(workbook) { present.append(.workbook) }
            let inputsLocation = SourceLocation(file: inputs)
            if exists(learning), !present.contains(.csv) {
                let instead =
                    present.contains(.workbook)
                    ? "the workbook keeps them in its learning sheet"
                    : "YAML case files keep them under learning: in each case"
                log.error(
                    at: SourceLocation(file: learning), field: nil,
                    "learning.csv goes with cases.csv, which is not here, so its learning points would be lost; \(instead): move them "
                        + "there and remove learning.csv"
                )
            }
            if present == [.folder, .csv] {
                log.error(
                    at: inputsLocation, field: nil,
                    "both cases/ and cases.csv are present; remove cases.csv to use the YAML case files, or remove the cases/ folder to use the spreadsheet"
                )
                return nil
            }
            if present.count > 1 {
                let names = present.map(\.name)
                let choices = present.map { form in
                    let others = present.filter { $0 != form }.map { $0 == .folder ? "the cases/ folder" : $0.name }
                    return "remove \(others.joined(separator: " and ")) to use \(form.use)"
                }
                let all = present.count == 2 ? "both" : "all"
                log.error(
                    at: inputsLocation, field: nil,
                    "\(names.dropLast().joined(separator: ", ")) and \(names.last ?? "") are \(all) present, and a cohort must come in "
                        + "one form only; \(choices.joined(separator: ", or "))"
                )
                return nil
            }
            switch present.first {
            case nil:
                if ((try? fs.fileSize(atPath: folder)) ?? nil) != nil {
                    log.error(at: SourceLocation(file: folder), field: nil, "is a file; expected a folder of case files")
                } else {
                    log.add(
                        .missing(
                            at: inputsLocation,
                            "no cases found; expected a cases/ folder of .yaml files, a cases.csv file or a cases.xlsx workbook"))
                }
                return nil
            case .folder:
                return readCaseFolder(folder, names: entries ?? [], fs, declared: declared)
            case .csv:
                return readCaseSpreadsheet(csv, learning: exists(learning) ? learning : nil, fs, declared: declared)
            case .workbook:
                return readWorkbook(workbook, fs, declared: declared)
            }
        }

        private mutating func readCaseFolder(
            _ folder: String, names: [String], _ fs: some InputFileSystem,
            declared: Declarations
        ) -> CaseSource? {
            // Counted by name, before any file is looked at.
            if names.count > limits.maxCaseFiles {
                log.error(
                    at: SourceLocation(file: folder), field: nil,
                    "holds more than \(limits.maxCaseFiles) files; the limit is \(limits.maxCaseFiles) case files and the folder is refused"
                )
                return nil
            }
            var source = CaseSource()
            var caseFiles: [String] = []
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = CohortLoader.join(folder, name)
                let lower = name.lowercased()
                if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
                    // A folder with such a name is found (and warned about) when it is read.
                    caseFiles.append(path)
                } else if fs.isDirectory(atPath: path) {
                    log.warning(at: SourceLocation(file: path), field: nil, "ignored: a folder inside cases/")
                } else {
                    log.warning(at: SourceLocation(file: path), field: nil, "ignored: not a .yaml or .yml file")
                }
            }
            var found = 0
            for outcome in CaseFileReading.read(caseFiles, fileSystem: fs, limits: limits, declared: declared, parsed: parsed) {
                outcome.diagnostics.forEach(log.add)
                if outcome.isFolder { continue }
                found += 1
                if outcome.wasRead { filesRead += 1 }
                guard outcome.parsed else {
                    source.allValid = false
                    source.someUnreadable = true
                    continue
                }
                casesRead += 1
                add(outcome.id, outcome.area, outcome.decoded, into: &source)
            }
            if found == 0 {
                log.error(at: SourceLocation(file: folder), field: nil, "no case found; add one .yaml file per case")
                return nil
            }
            return source
        }

        /// One case's id, area and decoded value (`nil` when it has errors) into the source.
        func add(_ id: (id: String, location: SourceLocation)?, _ area: String?, _ decoded: Case?, into source: inout CaseSource) {
            if let area { source.referencedAreas.insert(area) }
            if let id { source.ids.append(id) }
            if let decoded {
                source.cases.append(decoded)
            } else {
                source.allValid = false
            }
        }

        // MARK: - Across files

        private func checkUniqueIDs(_ ids: [(id: String, location: SourceLocation)]) {
            var first: [String: SourceLocation] = [:]
            first.reserveCapacity(ids.count)
            for (id, location) in ids {
                if let earlier = first[id] {
                    log.error(
                        at: location, field: "id", "\(id.quotedForDiagnostic) is already used by \(earlier); each case needs its own id")
                } else {
                    first[id] = location
                }
            }
        }

        /// Each problem found in a spreadsheet row of a case, with the case's id put in its place.
        static func namingCases(_ items: [Diagnostic], _ ids: [(id: String, location: SourceLocation)]) -> [Diagnostic] {
            struct Row: Hashable {
                var file: String
                var sheet: String?
                var row: Int
            }
            var byRow: [Row: String] = [:]
            for (id, location) in ids where !id.isEmpty {
                guard let row = location.row else { continue }
                let key = Row(file: location.file, sheet: location.sheetName, row: row)
                if byRow[key] == nil { byRow[key] = id }
            }
            guard !byRow.isEmpty else { return items }
            return items.map { item in
                guard let row = item.location.row, let id = byRow[Row(file: item.location.file, sheet: item.location.sheetName, row: row)]
                else { return item }
                var named = item
                named.location.caseID = id
                return named
            }
        }

        /// The one line that stands for every area that seems unused because no case's area could be read.
        private func warnAreasUnread(_ count: Int, at header: SourceLocation) {
            guard count > 0 else { return }
            log.warning(
                at: header, field: nil,
                "\(count) \(count == 1 ? "area" : "areas") of areas.yaml then \(count == 1 ? "appears" : "appear") unused, as no case's "
                    + "area can be read without the area column; fix the header first")
        }

        private func warnUnusedAreas(_ codes: [(code: String, location: SourceLocation, field: String)], referenced: Set<String>) {
            for (code, location, field) in codes where !referenced.contains(code) {
                log.warning(at: location, field: field, "area \(code.quotedForDiagnostic) is not referred to by any case")
            }
        }
    }
}
