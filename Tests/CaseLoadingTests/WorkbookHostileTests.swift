import CaseLoading
import CaseValidation
import Foundation
import Testing

@testable import WorkbookReading

/// A workbook is a zip of XML parts: each way to make one cost gigabytes or fetch
/// files is refused with a diagnostic before the damage. Each test checks the work
/// done (bytes expanded, elements parsed), which a limit must cut short, not the time.
@Suite struct WorkbookHostileTests {
    private static let sheet = "xl/worksheets/sheet1.xml"

    /// The loader's lines, and what reading the workbook did, part by part.
    private func load(_ bytes: [UInt8], limits: LoadingLimits = .standard) -> (lines: [String], work: WorkbookWork) {
        var files = TestWorkbook.cohortFiles()
        files["Inputs/cases.xlsx"] = bytes
        let work = WorkbookWork()
        let result = WorkbookWork.$current.withValue(work) {
            CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: files), limits: limits)
        }
        #expect(result.cohort == nil)
        return (result.lines, work)
    }

    /// A sheet part of `size` bytes of XML white space: compresses a thousandfold.
    private func bomb(size: Int) -> [UInt8] {
        var parts = TestWorkbook.parts(TestWorkbook.cohortSheets).mapValues { Data($0.utf8) }
        var sheet = Data("<worksheet><sheetData>".utf8)
        sheet.append(Data(repeating: 0x20, count: size))
        sheet.append(Data("</sheetData></worksheet>".utf8))
        parts["xl/worksheets/sheet1.xml"] = sheet
        return TestWorkbook.zip(parts)
    }

    @Test func aPartLargerThanTheLimitIsRefusedFromTheArchiveDirectory() {
        let bytes = bomb(size: 80 * 1024 * 1024)
        #expect(bytes.count < 1_000_000)
        let (lines, work) = load(bytes, limits: LoadingLimits(maxWorkbookPartBytes: 64 * 1024 * 1024))
        #expect(
            lines == [
                "Inputs/cases.xlsx: the part xl/worksheets/sheet1.xml expands to 83886126 bytes, more than the limit of 67108864 bytes; the workbook is refused"
            ])
        #expect(work.parts[Self.sheet]?.expanded == 0)
    }

    /// Under the standard limits, which admit a 250,000-case workbook (a 430 MB
    /// sheet), a bomb that expands past them is still refused from the archive's
    /// directory, before anything is expanded.
    @Test func aBombPastTheStandardLimitIsRefusedBeforeExpanding() {
        // Every part's directory entry says it expands to 600 MB (the uncompressed size is at offset 24).
        let bytes = TestWorkbook.patchingDirectory(bomb(size: 1_000), offset: 24) { _ in 600 * 1024 * 1024 }
        let (lines, work) = load(bytes)
        #expect(lines.count == 1)
        #expect(
            lines.first?.hasSuffix(" expands to 629145600 bytes, more than the limit of 536870912 bytes; the workbook is refused") == true)
        #expect(work.parts["_rels/.rels"] != nil && work.expanded == 0)
    }

    @Test func aPartThatLiesAboutItsSizeIsStoppedWhileExpanding() {
        let bytes = TestWorkbook.lyingAboutSizes(bomb(size: 8 * 1024 * 1024), size: 1_000)
        let (lines, work) = load(bytes, limits: LoadingLimits(maxWorkbookPartBytes: 2 * 1024 * 1024))
        #expect(
            lines == [
                "Inputs/cases.xlsx: the part xl/worksheets/sheet1.xml expands to more than the limit of 2097152 bytes (its stated size is 1000); the workbook is refused"
            ])
        let expanded = work.parts[Self.sheet, default: .init()].expanded
        #expect(expanded > 0 && expanded <= 2 * 1024 * 1024)
    }

    @Test func aSheetWithMoreCellsThanTheLimitIsRefused() {
        // Two million empty cells: 8 MB of XML, 20 kB zipped.
        var parts = TestWorkbook.parts(TestWorkbook.cohortSheets).mapValues { Data($0.utf8) }
        var sheet = Data("<worksheet><sheetData><row r=\"1\">".utf8)
        sheet.append(Data(String(repeating: "<c/>", count: 2_000_000).utf8))
        sheet.append(Data("</row></sheetData></worksheet>".utf8))
        parts[Self.sheet] = sheet
        let (lines, work) = load(TestWorkbook.zip(parts), limits: LoadingLimits(maxWorkbookCells: 100_000))
        #expect(lines == ["Inputs/cases.xlsx: sheet cases: the sheet has more than 100000 cells; the workbook is refused"])
        // The worksheet, its sheetData and row, and one cell past the limit.
        #expect(work.parts[Self.sheet, default: .init()].elements == 3 + 100_001)
    }

    @Test func aCellFarToTheRightOrDownIsNotAllocated() {
        var parts = TestWorkbook.parts(TestWorkbook.cohortSheets)
        parts["xl/worksheets/sheet1.xml"] =
            #"<worksheet><sheetData><row r="1"><c r="XFD1" t="inlineStr"><is><t>id</t></is></c></row><row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData></worksheet>"#
        let (lines, _) = load(TestWorkbook.zip(parts.mapValues { Data($0.utf8) }))
        #expect(lines == ["Inputs/cases.xlsx: sheet cases, cell XFD1: the cell is beyond column 1000 (ALL); the workbook is refused"])
    }

    @Test func aHugeSharedStringsTableIsRefused() {
        var parts = TestWorkbook.parts(TestWorkbook.cohortSheets).mapValues { Data($0.utf8) }
        var strings = Data("<sst>".utf8)
        strings.append(Data(String(repeating: "<si><t>x</t></si>", count: 1_000_000).utf8))
        strings.append(Data("</sst>".utf8))
        parts["xl/sharedStrings.xml"] = strings
        let (lines, work) = load(TestWorkbook.zip(parts), limits: LoadingLimits(maxSharedStrings: 10_000))
        #expect(lines == ["Inputs/cases.xlsx: the shared-strings table holds more than 10000 entries; the workbook is refused"])
        // The table, 10,000 entries of two elements, and one entry more.
        #expect(work.parts["xl/sharedStrings.xml", default: .init()].elements == 1 + 2 * 10_000 + 1)
        let small = load(TestWorkbook.bytes(TestWorkbook.cohortSheets), limits: LoadingLimits(maxSharedStrings: 10))
        #expect(small.lines == ["Inputs/cases.xlsx: the shared-strings table holds more than 10 entries; the workbook is refused"])
    }

    @Test func anExternalEntityIsNeitherFetchedNorExpanded() {
        let xxe = #"<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY secret SYSTEM "file:///etc/passwd">]><sst><si><t>&secret;</t></si></sst>"#
        let (lines, work) = load(TestWorkbook.bytes(TestWorkbook.cohortSheets, replacing: ["xl/sharedStrings.xml": xxe]))
        #expect(
            lines == [
                "Inputs/cases.xlsx: the part xl/sharedStrings.xml declares a document type or entities (<!DOCTYPE …>), which a spreadsheet never writes and which could make a reader fetch files or expand text without end; the workbook is refused"
            ])
        #expect(!lines.joined().contains("root:"))
        #expect(work.parts["xl/sharedStrings.xml"]?.elements == 0)
    }

    @Test func billionLaughsAreRefusedBeforeAnyExpansion() {
        var entities = #"<!ENTITY l0 "ha">"#
        for n in 1...9 { entities += "<!ENTITY l\(n) \"" + String(repeating: "&l\(n - 1);", count: 10) + "\">" }
        let laughs =
            #"<?xml version="1.0"?><!DOCTYPE worksheet [\#(entities)]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>"#
        let (lines, work) = load(TestWorkbook.bytes(TestWorkbook.cohortSheets, replacing: [Self.sheet: laughs]))
        #expect(
            lines == [
                "Inputs/cases.xlsx: the part xl/worksheets/sheet1.xml declares a document type or entities (<!DOCTYPE …>), which a spreadsheet never writes and which could make a reader fetch files or expand text without end; the workbook is refused"
            ])
        #expect(work.parts[Self.sheet]?.elements == 0)
    }

    @Test func elementsNestedPastTheLimitAreRefusedAtTheLimit() throws {
        // 100,000 levels in 700 kB: libxml2 alone would go on to 256.
        let deep = String(repeating: "<x>", count: 100_000) + String(repeating: "</x>", count: 100_000)
        let (lines, work) = load(TestWorkbook.bytes(TestWorkbook.cohortSheets, replacing: [Self.sheet: deep]))
        #expect(
            lines == [
                "Inputs/cases.xlsx: the part xl/worksheets/sheet1.xml nests elements more than 64 deep (line 1, column 195); the workbook is refused"
            ])
        #expect(work.parts[Self.sheet]?.elements == 65)
        // As deep as the limit is read.
        var limits = WorkbookLimits(maxDepth: 6)
        let nested = "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>deep</t></is></c></row></sheetData></worksheet>"
        let bytes = TestWorkbook.bytes([("cases", [])], replacing: [Self.sheet: nested])
        #expect(
            try WorkbookReader.read(bytes, sheets: ["cases"], limits: limits).sheets["cases"]?.rows.first?.cells.first?.value
                == .text("deep"))
        limits.maxDepth = 5
        #expect(
            throws: WorkbookError(
                "the part xl/worksheets/sheet1.xml nests elements more than 5 deep (line 1, column 51); the workbook is refused")
        ) {
            try WorkbookReader.read(bytes, sheets: ["cases"], limits: limits)
        }
    }

    @Test func malformedXMLIsNamedByPartLineAndColumn() {
        let broken = #"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>"#
        let (lines, _) = load(TestWorkbook.bytes(TestWorkbook.cohortSheets, replacing: [Self.sheet: broken]))
        #expect(
            lines == [
                "Inputs/cases.xlsx: the part xl/worksheets/sheet1.xml is not well-formed XML: Opening and ending tag mismatch: c line 1 and row (line 1, column 58); save the workbook again from the spreadsheet"
            ])
    }

    @Test func aDamagedArchiveOrAMissingPartIsNamed() {
        var bytes = TestWorkbook.bytes(TestWorkbook.cohortSheets)
        bytes.removeLast(30)
        let (damaged, _) = load(bytes)
        #expect(damaged.count == 1)
        #expect(damaged.first?.hasPrefix("Inputs/cases.xlsx: is not a readable .xlsx workbook: the zip archive is damaged") == true)
        var parts = TestWorkbook.parts(TestWorkbook.cohortSheets)
        parts["xl/worksheets/sheet1.xml"] = nil
        #expect(
            load(TestWorkbook.zip(parts.mapValues { Data($0.utf8) })).lines == [
                "Inputs/cases.xlsx: sheet cases: the sheet is listed in the workbook but its part is missing; save the workbook again from the spreadsheet"
            ])
    }

    /// Two entries of one name (Python's zipfile, and so openpyxl, reads the last;
    /// a first-wins reader the first) and an encrypted entry are refused, by name.
    @Test func partsThatReadersSeeDifferentlyAreRefused() {
        var parts = TestWorkbook.parts(TestWorkbook.cohortSheets).mapValues { Data($0.utf8) }
        parts["xl/worksheets/sheet9.xml"] = parts[Self.sheet]
        let twice = TestWorkbook.renaming(TestWorkbook.zip(parts), "xl/worksheets/sheet9.xml", to: Self.sheet)
        #expect(
            load(twice).lines == [
                "Inputs/cases.xlsx: has two parts named xl/worksheets/sheet1.xml in its zip archive, which spreadsheet programs read differently; save it again from the spreadsheet as \"Excel Workbook (.xlsx)\""
            ])
        // Bit 0 of an entry's flags (offset 8 in the central directory) marks it encrypted.
        let encrypted = TestWorkbook.patchingDirectory(TestWorkbook.bytes(TestWorkbook.cohortSheets), offset: 8) { $0 | 1 }
        #expect(load(encrypted).lines.count == 1)
        #expect(load(encrypted).lines.first?.hasPrefix("Inputs/cases.xlsx: has an encrypted part, ") == true)
    }

    @Test func aTruncatedCompressedPartIsRefusedNotInflatedForEver() {
        // Every entry's compressed size halved: each deflate stream ends early.
        let bytes = TestWorkbook.patchingDirectory(TestWorkbook.bytes(TestWorkbook.cohortSheets), offset: 20) { $0 / 2 }
        let (lines, work) = load(bytes)
        #expect(lines.count == 1)
        #expect(
            lines.first?.hasSuffix("cannot be expanded: its compressed data is damaged; save the workbook again from the spreadsheet")
                == true, "\(lines)")
        // Nothing is read past a part's stated end.
        let stated = Self.compressedSizes(bytes)
        #expect(!work.parts.isEmpty)
        for (part, done) in work.parts { #expect(done.read <= stated[part] ?? 0, "\(part)") }
    }

    /// Each part's compressed size as the archive's directory states it (20 bytes into
    /// an entry; the name's length is at 28, the name at 46).
    private static func compressedSizes(_ bytes: [UInt8]) -> [String: Int] {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        var sizes: [String: Int] = [:]
        var i = 0
        while i + 46 <= bytes.count {
            if bytes[i..<(i + 4)].elementsEqual([0x50, 0x4B, 0x01, 0x02]), i + 46 + u16(i + 28) <= bytes.count {
                let name = String(decoding: bytes[(i + 46)..<(i + 46 + u16(i + 28))], as: UTF8.self)
                sizes[name] = u16(i + 20) | u16(i + 22) << 16
            }
            i += 1
        }
        return sizes
    }

    @Test func anOffsetPastTheEndOfTheArchiveIsRefused() {
        let bytes = TestWorkbook.patchingDirectory(TestWorkbook.bytes(TestWorkbook.cohortSheets), offset: 42) { $0 + 1_000_000 }
        #expect(
            load(bytes).lines == [
                "Inputs/cases.xlsx: is not a readable .xlsx workbook: the zip archive is damaged (its directory is missing or points outside the file); save it again from the spreadsheet"
            ])
    }

    @Test func aSharedStringThatDoesNotExistIsNamedByItsCell() {
        let sheet = #"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>9999</v></c></row></sheetData></worksheet>"#
        #expect(
            load(TestWorkbook.bytes(TestWorkbook.cohortSheets, replacing: ["xl/worksheets/sheet1.xml": sheet])).lines == [
                #"Inputs/cases.xlsx: sheet cases, cell A1: the cell refers to shared string "9999", which the workbook does not have; save the workbook again from the spreadsheet"#
            ])
    }
}

/// The reader's handling of what spreadsheets write, on its own.
@Suite struct WorkbookReaderTests {
    private func cells(_ sheetXML: String, strings: String? = nil) throws -> [Workbook.Cell] {
        var replaced = ["xl/worksheets/sheet1.xml": sheetXML]
        if let strings { replaced["xl/sharedStrings.xml"] = strings }
        let workbook = try WorkbookReader.read(TestWorkbook.bytes([("cases", [])], replacing: replaced), sheets: ["cases"])
        return try #require(workbook.sheets["cases"]).rows.flatMap(\.cells)
    }

    @Test func richTextPhoneticRunsEscapesAndCellsWithoutReferences() throws {
        let strings =
            #"<sst><si><r><t>Rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh><t>ignored</t></rPh></si><si><t>tab_x0009_here _x005F_x0041_</t></si></sst>"#
        let found = try cells(
            #"<worksheet><sheetData><row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c/><c t="str"><f>A1&amp;""</f><v>Rich text</v></c><c t="b"><v>1</v></c><c t="e"><v>#DIV/0!</v></c><c><v>4.5E-1</v></c></row></sheetData></worksheet>"#,
            strings: strings)
        #expect(found.map(\.reference) == ["A1", "B1", "D1", "E1", "F1", "G1"])
        #expect(
            found.map(\.value) == [
                .text("Rich text"), .text("tab\there _x0041_"), .text("Rich text"), .boolean(true),
                .error("#DIV/0!"), .number("4.5E-1", dateFormat: false),
            ])
    }

    @Test func aNamespaceDeclarationIsNotAnAttribute() throws {
        let found = try cells(#"<worksheet><sheetData><row r="1"><c r="A1" xmlns:t="x"><v>1</v></c></row></sheetData></worksheet>"#)
        #expect(found.map(\.value) == [.number("1", dateFormat: false)])
    }

    @Test func dateFormatsAreToldFromNumberFormats() {
        for (code, isDate) in [
            ("dd/mm/yyyy", true), ("[h]:mm", true), ("0.00", false), ("General", false), (#""day" 0"#, false),
            ("[Red]0.0", false), ("yyyy-mm-dd;@", true), ("0%", false), ("mmm", true),
        ] {
            #expect(Styles.isDateFormat(code) == isDate, "\(code)")
        }
    }

    @Test func referencesAndLetters() {
        #expect(CellReference.parse("F7")! == (5, 7))
        #expect(CellReference.parse("$AA$10")! == (26, 10))
        #expect(CellReference.parse("7F") == nil)
        #expect(CellReference.parse("A0") == nil)
        #expect(CellReference.letters(0) == "A")
        #expect(CellReference.letters(25) == "Z")
        #expect(CellReference.letters(26) == "AA")
        #expect(CellReference.letters(16_383) == "XFD")
    }
}
