import CaseLoading
import Testing

/// The row reader against the reader it replaced (``ReferenceCSVReader``, kept word
/// for word): the same table or refusal and the same diagnostics, in the same
/// order, for every file, whatever sits where.
@Suite struct CSVRowReaderTests {
    /// Small limits, so that cells, rows and columns cross them in short files.
    static let small = LoadingLimits(maxCSVColumns: 4, maxCSVCellBytes: 7)

    private func expectSame(
        _ bytes: [UInt8], limits: LoadingLimits = .standard, rowLimit: Int? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let new = CSVReader.read(bytes: bytes, file: "t.csv", limits: limits, rowLimit: rowLimit)
        let old = ReferenceCSVReader.read(bytes: bytes, file: "t.csv", limits: limits, rowLimit: rowLimit)
        #expect(new.table == old.table, "\(bytes)", sourceLocation: sourceLocation)
        #expect(
            new.diagnostics.map(\.description) == old.diagnostics.map(\.description), "\(bytes)",
            sourceLocation: sourceLocation)
    }

    /// Pieces that matter to the reader: separators, quotes, line endings (whole and
    /// lone), spaces, multi-byte UTF-8, bytes that are not UTF-8 (alone, or a
    /// sequence cut short), and the two byte-order marks.
    static let pieces: [[UInt8]] = [
        Array("a".utf8), Array("bc".utf8), Array(",".utf8), Array("\"".utf8), Array("\"\"".utf8),
        [0x0A], [0x0D, 0x0A], [0x0D], Array(" ".utf8), Array("\t".utf8), Array(";".utf8),
        Array("é".utf8), Array("€".utf8), Array("😀".utf8), Array("\u{00A0}".utf8), Array("\u{2028}".utf8),
        [0x96], [0xE9], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xFF],
    ]

    /// A quote, a line ending, a multi-byte character or a bad byte at every position
    /// of a file with quoted cells, CRLF inside and between rows, and a blank row.
    @Test func aSpecialPieceAtEveryPosition() {
        let base = Array("id,summary\r\nC1,\"x, \"\"y\"\"\r\nz\"\r\n\r\nC2,plain é\n".utf8)
        for piece in Self.pieces {
            for at in 0...base.count {
                var bytes = base
                bytes.insert(contentsOf: piece, at: at)
                expectSame(bytes)
                expectSame(bytes, limits: Self.small, rowLimit: 1)
            }
        }
    }

    /// Every prefix of a file, so that the end of the bytes falls inside a quoted
    /// cell, between CR and LF, and inside each multi-byte character.
    @Test func theFileEndingAtEveryPosition() {
        let whole = Array("\u{FEFF}id,summary\r\nC1,\"a \"\"€\"\"\r\nb\"\nC2,😀,x\n\nC3,\"é\"".utf8)
        for end in 0...whole.count {
            expectSame(Array(whole[..<end]))
            expectSame(Array(whole[..<end]), limits: Self.small, rowLimit: 2)
        }
    }

    /// Random files made of those pieces, under the standard and small limits.
    @Test func randomFilesReadAsBefore() {
        var random = SplitMix(seed: 15)
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            switch random.next(below: 20) {
            case 0: bytes = [0xEF, 0xBB, 0xBF]
            case 1: bytes = [0xFF, 0xFE]
            default: break
            }
            for _ in 0..<random.next(below: 40) {
                bytes += Self.pieces[random.next(below: Self.pieces.count)]
            }
            expectSame(bytes)
            expectSame(bytes, limits: Self.small, rowLimit: random.next(below: 4))
        }
    }

    /// Text already decoded (a figure's CSV, tests) reads as before, a byte-order mark kept.
    @Test func textReadsAsBefore() {
        for text in ["\u{FEFF}a,b\n1,2\n", "a,b\r\n\"x\r\ny\",2\r\n", "a\r", "", "a;b\n", "a,\"b\" c\n"] {
            let new = CSVReader.read(text, file: "t.csv")
            let old = ReferenceCSVReader.read(text, file: "t.csv")
            #expect(new.table == old.table)
            #expect(new.diagnostics == old.diagnostics)
        }
    }

    /// Rows are handed over as they are read: the first row comes before the reader
    /// has looked at the rest of the file, and a refusal later takes it back.
    @Test func rowsComeOneAtATimeAndALaterRefusalCounts() {
        var reader = CSVRowReader(bytes: Array("id,x\nC1,1\nC2,1,extra\nC3,\"open\n".utf8), file: "t.csv")
        #expect(reader.readHeader() == ["id", "x"])
        let first = reader.next()
        #expect(first == CSVTable.Row(number: 2, cells: ["C1", "1"]))
        #expect(!reader.isRefused && !reader.isFinished && reader.diagnostics.isEmpty)
        #expect(reader.next() == nil)
        #expect(reader.isRefused && !reader.isNotText)
        #expect(reader.dataRowCount == 2)
        #expect(
            reader.diagnostics.map(\.description) == [
                "t.csv:row 3: the row has 3 cells but the header has 2 columns",
                "t.csv:row 4, column x: a quoted cell is not closed before the end of the file",
            ])
    }

    /// A byte that is not UTF-8 late in the file outweighs everything found before it.
    @Test func aBadByteAtTheEndReplacesEverythingBefore() {
        var reader = CSVRowReader(bytes: Array("id,x\nC1,1\nC2,1,extra\nC3,ok".utf8) + [0x92], file: "t.csv")
        #expect(reader.next()?.number == 2)
        #expect(reader.next() == nil)
        #expect(reader.isRefused && reader.isNotText)
        #expect(
            reader.diagnostics.map(\.description) == [
                #"t.csv:row 4, column x: not UTF-8 text: byte 0x92 ("’" in Windows-1252) at byte offset 26; saved as Windows-1252? save it as "CSV UTF-8 (Comma delimited)""#
            ])
    }
}

/// A small, seeded random generator, so that a failure can be run again.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(below bound: Int) -> Int {
        guard bound > 0 else { return 0 }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
