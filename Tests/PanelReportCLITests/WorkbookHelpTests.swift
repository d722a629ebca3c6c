import BuildInputs
import CaseLoading
import CaseModel
import CaseValidation
import Foundation
import Testing

/// `convert --to xlsx` writes a workbook that helps the person filling it in, read
/// back with openpyxl (another program's reading of the file, not ours): a drop-down
/// list for every coded single-value column, a note for every column, a frozen
/// header and widths that fit; and a workbook filled only from those lists is
/// never refused for a code. On the second cohort, with its own vocabulary.
@Suite struct WorkbookHelpTests {
    static let secondInputs = CLI.repository.appendingPathComponent("Tests/Fixtures/SecondCohort/Inputs").path

    /// Reads the validations back, then writes `stress/cases.xlsx`: the first case
    /// copied once for each value of each list, with that value in that column.
    static let script = #"""
        import json, sys, openpyxl
        from openpyxl.utils import range_boundaries, get_column_letter
        source, target = sys.argv[1], sys.argv[2]
        wb = openpyxl.load_workbook(source)
        cases, codes = wb["cases"], wb["codes"]
        header = [c.value for c in cases[1]]
        out = {"freeze": cases.freeze_panes, "widths": {}, "columns": {}}
        for index, name in enumerate(header):
            out["widths"][name] = cases.column_dimensions[get_column_letter(index + 1)].width
        def values(formula):
            sheet, ref = formula.split("!")
            lo_c, lo_r, hi_c, hi_r = range_boundaries(ref.replace("$", ""))
            cells = [wb[sheet].cell(row=r, column=lo_c).value for r in range(lo_r, hi_r + 1)]
            return ["true" if v is True else "false" if v is False else str(v) for v in cells], cells
        stress = []
        for dv in cases.data_validations.dataValidation:
            column = str(dv.sqref).split(":")[0].rstrip("0123456789")
            name = header[openpyxl.utils.column_index_from_string(column) - 1]
            entry = {"sqref": str(dv.sqref), "type": dv.type, "title": dv.promptTitle, "prompt": dv.prompt}
            if dv.type == "list":
                shown, cells = values(dv.formula1)
                entry["values"] = shown
                stress += [(column, cell) for cell in cells]
            out["columns"][name] = entry
        first = [c.value for c in cases[2]]
        for number, (column, cell) in enumerate(stress):
            row = list(first)
            row[0] = "S%d" % number
            row[openpyxl.utils.column_index_from_string(column) - 1] = cell
            cases.append(row)
        wb.save(target)
        print(json.dumps(out))
        """#

    @Test func theWorkbookOffersEveryCodeAndIsNeverRefusedForOne() throws {
        guard let python = CLI.which("python3"),
            try CLI.program(python, ["-c", "import openpyxl"]).status == 0
        else {
            Issue.record("this test reads the workbook with openpyxl: run scripts/setup --checks")
            return
        }
        let folders = ScratchFolders()
        let root = try CLI.scratch(folders)
        let converted = root.appendingPathComponent("converted").path
        let convert = try CLI.run(["convert", "--inputs", Self.secondInputs, "--to", "xlsx", "--output", converted])
        #expect(convert.status == 0, "\(convert)")
        let stress = root.appendingPathComponent("stress").path
        try FileManager.default.createDirectory(atPath: stress, withIntermediateDirectories: true)
        for name in ["review.yaml", "areas.yaml", "vocabulary.yaml"] {
            try FileManager.default.copyItem(atPath: converted + "/" + name, toPath: stress + "/" + name)
        }
        let read = try CLI.program(python, ["-c", Self.script, converted + "/cases.xlsx", stress + "/cases.xlsx"])
        #expect(read.status == 0, "\(read)")
        let found = try #require(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any])
        #expect(found["freeze"] as? String == "A2")
        let columns = try #require(found["columns"] as? [String: [String: Any]])
        let widths = try #require(found["widths"] as? [String: Double])

        // Every coded single-value column lists exactly the values its field may take.
        let cohort = try #require(
            CohortLoader.load(inputs: Self.secondInputs, fileSystem: DiskFileSystem(inputs: Self.secondInputs)).cohort)
        let fields = CodedFields.cases(vocabulary: cohort.vocabulary, areas: cohort.areas)
        for field in fields where field.kind == .single {
            let column = try #require(columns[field.name], "no help for \(field.name)")
            #expect(column["type"] as? String == "list", "\(field.name)")
            #expect(column["values"] as? [String] == field.values.map(\.key), "\(field.name)")
        }
        // Every column has its note, and is as wide as its name at least.
        for name in CaseCSVColumns.canonical {
            #expect((columns[name]?["prompt"] as? String)?.isEmpty == false, "no note for \(name)")
            #expect((widths[name] ?? 0) >= Double(min(name.count, 57)), "\(name): \(widths[name] ?? 0)")
        }
        #expect(columns["harm.outcome"]?["prompt"] as? String == "Choose from the list: died, seriously-harmed.")
        #expect(columns["harm.prognosis"]?["title"] as? String == "harm.prognosis")

        // Filled only from the lists, the workbook is never refused for a code (rules
        // between fields may still refuse a combination: that is not a code).
        let validate = try CLI.run(["validate", "--inputs", stress])
        let lines = validate.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count > 0 || validate.status == 0)
        for words in ["is not a valid value", "is not declared", "is not a whole number", "is out of range"] {
            #expect(!lines.contains { $0.contains(words) }, "\(lines.filter { $0.contains(words) })")
        }
        let added = fields.filter { $0.kind == .single }.map(\.values.count).reduce(0, +)
        let loaded = CohortLoader.load(inputs: stress, fileSystem: DiskFileSystem(inputs: stress))
        #expect(loaded.casesRead == cohort.cases.count + added, "\(loaded.casesRead)")
    }
}
