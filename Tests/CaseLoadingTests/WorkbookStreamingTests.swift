import CaseLoading
import CaseValidation
import Foundation
import PropertyBased
import Testing
import ZIPFoundation

@testable import WorkbookReading

/// A sheet is parsed as it is expanded, a chunk at a time: wherever the chunks end
/// (in a tag, a character, an entity, a `<!DOCTYPE`), the result is the same, but
/// for the wording of libxml2's account of a broken character.
@Suite struct WorkbookStreamingTests {
    static let sizes = [1, 2, 3, 4, 5, 7, 8, 13, 511, 512, 513, 4096]

    private func read(_ bytes: [UInt8], chunkSize: Int) -> Result<Workbook, WorkbookError> {
        Result { () throws(WorkbookError) in
            try WorkbookReader.read(bytes, sheets: ["cases", "learning"], limits: .standard, chunkSize: chunkSize)
        }
    }

    /// The same workbook read with every chunk size gives what it gives whole.
    private func expectChunkingChangesNothing(_ bytes: [UInt8], _ note: String = "") {
        let whole = read(bytes, chunkSize: 1 << 20)
        for size in Self.sizes {
            let chunked = read(bytes, chunkSize: size)
            #expect(chunked == whole, "chunks of \(size) \(note)")
        }
    }

    private func workbook(sheet: String) -> [UInt8] {
        TestWorkbook.bytes(TestWorkbook.cohortSheets, replacing: ["xl/worksheets/sheet1.xml": sheet])
    }

    @Test func theCohortWorkbookReadsTheSameInChunksOfAnySize() throws {
        let bytes = TestWorkbook.bytes(TestWorkbook.cohortSheets)
        expectChunkingChangesNothing(bytes)
        let cases = try #require(try read(bytes, chunkSize: 1).get().sheets["cases"])
        #expect(cases.rows.count == 3)
        #expect(cases.rows[1].cells.first?.value == .text("C01"))
    }

    @Test func charactersEntitiesAndLineBreaksSplitAnywhere() throws {
        let text = "Ünïcödé “quoted” 日本語 🐣 a&amp;b &lt;c&gt; &#x1F423; _x0041_ line\r\nbreak <![CDATA[<raw>]]>"
        let sheet =
            #"<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>\#(text)</t></is></c><c r="B1" t="inlineStr"><is><t>second</t></is></c></row></sheetData></worksheet>"#
        let bytes = workbook(sheet: sheet)
        expectChunkingChangesNothing(bytes)
        let cells = try #require(try read(bytes, chunkSize: 1).get().sheets["cases"]).rows[0].cells
        #expect(cells.map(\.value) == [.text("Ünïcödé “quoted” 日本語 🐣 a&b <c> 🐣 A line\nbreak <raw>"), .text("second")])
    }

    @Test func aDocumentTypeIsFoundWhereverTheChunksEnd() {
        for prolog in [
            #"<!DOCTYPE worksheet [<!ENTITY x "y">]>"#, "\u{FEFF}<?xml version=\"1.0\"?><!-- - --><?pi x?><!DOCTYPE worksheet>",
            #"<!DOCTYPE worksheet SYSTEM "file:///etc/passwd">"#,
        ] {
            let bytes = workbook(sheet: prolog + "<worksheet><sheetData/></worksheet>")
            for size in Self.sizes {
                #expect(
                    read(bytes, chunkSize: size) == .failure(XMLStream.doctypeRefusal("xl/worksheets/sheet1.xml")),
                    "\(prolog) in chunks of \(size)")
            }
        }
        // Not in the prolog: a comment or a processing instruction that merely mentions one.
        let mentioned = workbook(sheet: "<!-- <!DOCTYPE x> --><?pi <!DOCTYPE x>?><worksheet><sheetData/></worksheet>")
        for size in Self.sizes {
            #expect(throws: Never.self) { try read(mentioned, chunkSize: size).get() }
        }
        // What is wrong before one is the first problem in the part.
        let garbage = workbook(sheet: "garbage before <!DOCTYPE worksheet><worksheet><sheetData/></worksheet>")
        expectChunkingChangesNothing(garbage)
        guard case .failure(let error) = read(garbage, chunkSize: 1) else {
            Issue.record("read")
            return
        }
        #expect(error.message.hasPrefix("the part xl/worksheets/sheet1.xml is not well-formed XML: "))
        #expect(error.message.hasSuffix(" (line 1, column 1); save the workbook again from the spreadsheet"))
    }

    @Test func brokenXMLIsRefusedAtTheSamePlaceWhateverTheChunks() {
        var sheet = Array(#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#.utf8)
        sheet += Array(repeating: UInt8(ascii: "x"), count: 600) + [0xC3, 0x28] + Array("</t></is></c></row></sheetData></worksheet>".utf8)
        let bytes = TestWorkbook.zip(
            TestWorkbook.parts(TestWorkbook.cohortSheets).mapValues { Data($0.utf8) }
                .merging(["xl/worksheets/sheet1.xml": Data(sheet)]) { $1 })
        guard case .failure(let whole) = read(bytes, chunkSize: 1 << 20) else {
            Issue.record("read")
            return
        }
        #expect(
            whole.message
                == "the part xl/worksheets/sheet1.xml is not well-formed XML: Input is not proper UTF-8, indicate encoding ! Bytes: 0xC3 0x28 0x3C 0x2F (line 1, column 665); save the workbook again from the spreadsheet"
        )
        // libxml2's push parser words a character cut off at the end of what it was
        // given differently (with 1-byte chunks); the place is the same.
        for size in Self.sizes {
            guard case .failure(let chunked) = read(bytes, chunkSize: size) else {
                Issue.record("chunks of \(size)")
                continue
            }
            #expect(chunked.message.hasPrefix("the part xl/worksheets/sheet1.xml is not well-formed XML: "), "chunks of \(size)")
            #expect(chunked.message.hasSuffix(" (line 1, column 665); save the workbook again from the spreadsheet"), "chunks of \(size)")
        }
    }

    @Test func randomSheetsReadTheSameInChunks() async {
        let pieces = [
            #"<row r="1">"#, "</row>", #"<c r="A1" t="inlineStr"><is><t>"#, "</t></is></c>", "<c><v>1</v></c>", "é", "&amp;",
            "<!-- c -->", "<![CDATA[x]]>", " ", "<v>", "</c>", "🐣", "\r\n", "<c t=\"b\"><v>1</v></c>",
        ]
        await propertyCheck(count: 100, input: Gen.int(in: 0...(pieces.count - 1)).array(of: 0...40), Gen.int(in: 1...9)) { picks, size in
            let sheet = "<worksheet><sheetData>" + picks.map { pieces[$0] }.joined() + "</sheetData></worksheet>"
            let bytes = workbook(sheet: sheet)
            #expect(read(bytes, chunkSize: size) == read(bytes, chunkSize: 1 << 20), "\(sheet)")
        }
    }

    private static let text = Data((0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 13) })

    /// `text` as the one part of an archive, deflated and stored.
    private func archives() throws -> (deflated: [UInt8], stored: [UInt8]) {
        let text = Self.text
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(with: "a.bin", type: .file, uncompressedSize: Int64(text.count), compressionMethod: .none) { position, size in
            text.subdata(in: Int(position)..<Int(position) + size)
        }
        return (TestWorkbook.zip(["a.bin": text]), [UInt8](try #require(archive.data)))
    }

    @Test func aPartWhoseBytesDoNotMatchItsChecksumIsRefused() throws {
        let (deflated, stored) = try archives()
        let damaged = WorkbookError("the part a.bin is damaged (its checksum does not match); save the workbook again from the spreadsheet")
        func expand(_ bytes: [UInt8]) throws(WorkbookError) -> [UInt8] {
            var received: [UInt8] = []
            _ = try ZipParts(bytes, limits: .standard).stream("a.bin") { received += $0 }
            return received
        }
        for bytes in [deflated, stored] {
            #expect(try expand(bytes) == [UInt8](Self.text))
            // The checksum the directory states (16 bytes into its entry), one bit off.
            #expect(throws: damaged) { try expand(TestWorkbook.patchingDirectory(bytes, offset: 16) { $0 ^ 1 }) }
        }
        // A stored part's bytes changed (past the 35-byte local header).
        var changed = stored
        changed[1_000] ^= 0xFF
        #expect(throws: damaged) { try expand(changed) }
    }

    @Test func aPartIsHandedOnWholeInChunksOfAnySizeStoredOrDeflated() throws {
        let (deflated, stored) = try archives()
        let text = Self.text
        for bytes in [deflated, stored] {
            for size in [1, 3, 512, 65_536] {
                let zip = try ZipParts(bytes, limits: .standard, chunkSize: size)
                var received: [UInt8] = []
                var largest = 0
                #expect(
                    try zip.stream("a.bin") { chunk in
                        largest = max(largest, chunk.count)
                        received += chunk
                    } == true)
                #expect(received == [UInt8](text))
                #expect(largest <= size)
            }
        }
    }
}

/// The order in which problems are reported: what a part is (too large, damaged)
/// before what it says, then the first problem in the order of the part.
@Suite struct WorkbookProblemOrderTests {
    private func lines(_ bytes: [UInt8]) -> [String] {
        var files = TestWorkbook.cohortFiles()
        files["Inputs/cases.xlsx"] = bytes
        return CohortLoader.load(inputs: "Inputs", fileSystem: InMemoryFileSystem(files: files)).lines
    }

    @Test func aDamagedPartIsReportedBeforeWhatItSays() {
        // The sheet declares a document type, and its checksum is wrong.
        let parts = TestWorkbook.parts(TestWorkbook.cohortSheets)
            .merging(["xl/worksheets/sheet1.xml": "<!DOCTYPE worksheet><worksheet/>"]) { $1 }.mapValues { Data($0.utf8) }
        var bytes = TestWorkbook.zip(parts)
        let sheet = Array("xl/worksheets/sheet1.xml".utf8)
        // The checksum is 16 bytes into a central-directory entry; the name 46.
        var i = 0
        while i + 46 + sheet.count <= bytes.count {
            if bytes[i..<(i + 4)] == [0x50, 0x4B, 0x01, 0x02], bytes[(i + 46)..<(i + 46 + sheet.count)].elementsEqual(sheet) {
                bytes[i + 16] ^= 0xFF
            }
            i += 1
        }
        #expect(
            lines(bytes) == [
                "Inputs/cases.xlsx: the part xl/worksheets/sheet1.xml is damaged (its checksum does not match); save the workbook again from the spreadsheet"
            ])
    }

    @Test func rowsReadBeforeAnErrorInTheSameSheetAreNotReported() {
        // Row 2's date would be reported, but the part turns out to be broken further on.
        var sheets = TestWorkbook.cohortSheets(column: 26, row: 2, to: .styled("45123", style: 1))
        sheets[0].rows.append([.inline("<unclosed")])
        var parts = TestWorkbook.parts(sheets)
        parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"]!
            .replacingOccurrences(of: "</sheetData>", with: "<row r=\"9\"><c r=\"A9\"><v>1</v></row></sheetData>")
        let result = lines(TestWorkbook.zip(parts.mapValues { Data($0.utf8) }))
        #expect(result.count == 1)
        #expect(
            result.first?.hasPrefix(
                "Inputs/cases.xlsx: the part xl/worksheets/sheet1.xml is not well-formed XML: Opening and ending tag mismatch") == true,
            "\(result)")
    }

    @Test func theFirstProblemInThePartIsReported() {
        // A cell that is not of its row, then broken XML: the cell is met first.
        let sheet = #"<worksheet><sheetData><row r="1"><c r="B7"><v>1</v></c></row><row r="2"><c></row></sheetData></worksheet>"#
        #expect(
            lines(TestWorkbook.bytes(TestWorkbook.cohortSheets, replacing: ["xl/worksheets/sheet1.xml": sheet])) == [
                #"Inputs/cases.xlsx: sheet cases: a cell in row 1 has the reference "B7", which is not a cell of that row; save the workbook again from the spreadsheet"#
            ])
    }
}
