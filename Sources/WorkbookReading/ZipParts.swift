internal import CLibZ
import Foundation
import ZIPFoundation

/// The archive of a workbook, held in memory, handing out parts within a size bound.
///
/// The central directory is read here, every offset in it checked against the
/// archive's length; ZIPFoundation inflates the parts. (Its `Archive` type is not
/// used for reading: in memory it traps on an offset past the end, its extract
/// loops for ever on a truncated deflate stream, and its inflate loop tells zlib a
/// short last chunk is a whole buffer long. Here the compressed bytes come from a
/// provider that pads every chunk to the length zlib is told and refuses to read
/// past the part's stated length.)
///
/// A part is refused before any of it is expanded when the directory says it is
/// too large, and again while expanding when the bytes outgrow the bound (the
/// directory's sizes are written by whoever made the file, and may lie).
///
/// Checksums are zlib's `crc32_z`: ZIPFoundation's `Data.crc32` goes a byte at a
/// time on Linux, where it does not link zlib for it.
struct ZipParts {
    private struct Entry {
        var method: Int
        var checksum: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var dataStart: Int
    }

    private let bytes: [UInt8]
    private let entries: [String: Entry]
    let limits: WorkbookLimits
    /// How much is expanded (and handed on) at a time; the tests make it small.
    private let chunkSize: Int

    init(_ bytes: [UInt8], limits: WorkbookLimits, chunkSize: Int = 64 * 1024) throws(WorkbookError) {
        self.bytes = bytes
        self.limits = limits
        self.chunkSize = chunkSize
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw WorkbookError(
                "is an old-style .xls workbook or a password-protected one, not an .xlsx workbook; save it from the spreadsheet as "
                    + "\"Excel Workbook (.xlsx)\" without a password"
            )
        }
        guard bytes.starts(with: [0x50, 0x4B]) else {
            throw WorkbookError("is not an .xlsx workbook (not a zip archive); save it from the spreadsheet as \"Excel Workbook (.xlsx)\"")
        }
        entries = try Self.directory(bytes)
    }

    /// Whether the archive has a part at `path`.
    func has(_ path: String) -> Bool { entries[path] != nil }

    /// Hands the part at `path` to `consume` as it is expanded, a chunk at a time,
    /// and returns `false` when there is no such part. Nothing is held but the chunk.
    ///
    /// The part is checked exactly as a whole one would be: refused before anything
    /// is expanded when the directory states a size over the bound, stopped as soon
    /// as the expanded bytes outgrow it, and its checksum compared at the end. So a
    /// caller that parses the chunks as they come must hold back what it found until
    /// this returns: a damaged part is reported as damaged, whatever its bytes say.
    func stream(_ path: String, _ consume: (UnsafeRawBufferPointer) -> Void) throws(WorkbookError) -> Bool {
        guard let entry = entries[path] else { return false }
        let limit = limits.maxPartBytes
        if entry.uncompressedSize > limit {
            throw WorkbookError(
                "the part \(path) expands to \(entry.uncompressedSize) bytes, more than the limit of \(limit) bytes; the workbook is refused"
            )
        }
        let compressed = bytes[entry.dataStart..<(entry.dataStart + entry.compressedSize)]
        var read = 0, produced = 0
        defer { WorkbookWork.current?.add(path, read: read, expanded: produced) }
        let checksum: UInt32
        switch entry.method {
        case 0:
            guard compressed.count <= limit else { throw tooLarge(path, entry) }
            checksum = UInt32(compressed.withUnsafeBytes { Self.crc(0, $0) })
            // Stored, not compressed: checked whole before any of it is handed on.
            read = compressed.count
            guard checksum == entry.checksum else { throw damagedChecksum(path) }
            produced = compressed.count
            compressed.withUnsafeBytes { whole in
                var at = 0
                while at < whole.count {
                    let end = min(at + chunkSize, whole.count)
                    consume(UnsafeRawBufferPointer(rebasing: whole[at..<end]))
                    at = end
                }
            }
            return true
        case 8:
            var crc: UInt = 0
            do {
                _ = try Data.decompress(
                    size: Int64(entry.compressedSize), bufferSize: chunkSize, skipCRC32: true,
                    provider: { position, size in
                        let start = Int(position)
                        guard start < compressed.count else { throw Truncated() }
                        let from = compressed.startIndex + start
                        var chunk = Data(compressed[from..<(from + min(size, compressed.count - start))])
                        read += chunk.count
                        // ZIPFoundation tells zlib that every chunk is `size` bytes long; a
                        // shorter last chunk would let a damaged stream read past its end.
                        // Zeros there end a damaged stream in an error instead.
                        if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                        return chunk
                    },
                    consumer: { chunk in
                        guard produced + chunk.count <= limit else { throw TooLarge() }
                        produced += chunk.count
                        chunk.withUnsafeBytes { bytes in
                            crc = Self.crc(crc, bytes)
                            consume(bytes)
                        }
                    })
            } catch is TooLarge {
                throw tooLarge(path, entry)
            } catch {
                throw WorkbookError(
                    "the part \(path) cannot be expanded: its compressed data is damaged; save the workbook again from the spreadsheet")
            }
            checksum = UInt32(crc)
        default:
            throw WorkbookError(
                "the part \(path) is compressed with method \(entry.method), which spreadsheets do not use; save the workbook again from the spreadsheet"
            )
        }
        if checksum != entry.checksum { throw damagedChecksum(path) }
        return true
    }

    /// `crc` (0 to start) carried on over `bytes`.
    private static func crc(_ crc: UInt, _ bytes: UnsafeRawBufferPointer) -> UInt {
        crc32_z(crc, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    private func damagedChecksum(_ path: String) -> WorkbookError {
        WorkbookError("the part \(path) is damaged (its checksum does not match); save the workbook again from the spreadsheet")
    }

    private func tooLarge(_ path: String, _ entry: Entry) -> WorkbookError {
        WorkbookError(
            "the part \(path) expands to more than the limit of \(limits.maxPartBytes) bytes (its stated size is "
                + "\(entry.uncompressedSize)); the workbook is refused"
        )
    }

    private struct TooLarge: Error {}
    private struct Truncated: Error {}

    /// The entries of the central directory by name, every offset checked: the end
    /// record, the directory, each local header, its data and its data descriptor.
    private static func directory(_ bytes: [UInt8]) throws(WorkbookError) -> [String: Entry] {
        let damaged = WorkbookError(
            "is not a readable .xlsx workbook: the zip archive is damaged (its directory is missing or points outside the file); save "
                + "it again from the spreadsheet"
        )
        let zip64 = WorkbookError(
            "is a zip archive in the ZIP64 format, which a workbook of this size never needs; save it again from the spreadsheet as \"Excel Workbook (.xlsx)\""
        )
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func signature(_ at: Int, _ value: Int) -> Bool { at >= 0 && at + 4 <= bytes.count && u32(at) == value }

        // The end-of-central-directory record: 22 bytes and a comment of up to 65,535.
        guard bytes.count >= 22 else { throw damaged }
        var end = bytes.count - 22
        let earliest = max(0, bytes.count - 22 - 65_535)
        while end >= earliest, !signature(end, 0x0605_4B50) { end -= 1 }
        guard end >= earliest else { throw damaged }
        let count = u16(end + 10), directorySize = u32(end + 12), directoryOffset = u32(end + 16)
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF { throw zip64 }
        guard directoryOffset + directorySize <= end else { throw damaged }

        var entries: [String: Entry] = [:]
        var at = directoryOffset
        for _ in 0..<count {
            guard at + 46 <= directoryOffset + directorySize, signature(at, 0x0201_4B50) else { throw damaged }
            let flags = u16(at + 8), method = u16(at + 10)
            let checksum = UInt32(u32(at + 16)), compressed = u32(at + 20), uncompressed = u32(at + 24)
            let nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32)
            let local = u32(at + 42)
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF { throw zip64 }
            guard at + 46 + nameLength <= directoryOffset + directorySize else { throw damaged }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            at += 46 + nameLength + extraLength + commentLength
            guard at <= directoryOffset + directorySize else { throw damaged }
            // The local header, then the data, then (when flag bit 3 is set) a descriptor.
            guard local + 30 <= bytes.count, signature(local, 0x0403_4B50) else { throw damaged }
            let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
            let descriptor = flags & 0x08 != 0 ? 12 : 0
            guard dataStart + compressed + descriptor <= bytes.count else { throw damaged }
            guard !name.hasSuffix("/") else { continue }
            // Two entries of one name are read differently by different programs (one
            // takes the first, Python's zipfile and so openpyxl the last): refused, so
            // that what panel-report checks is what every reader sees.
            guard entries[name] == nil else {
                throw WorkbookError(
                    "has two parts named \(name) in its zip archive, which spreadsheet programs read differently; save it again from "
                        + "the spreadsheet as \"Excel Workbook (.xlsx)\""
                )
            }
            guard flags & 0x01 == 0 else {
                throw WorkbookError(
                    "has an encrypted part, \(name); save it again from the spreadsheet as \"Excel Workbook (.xlsx)\" without a password")
            }
            entries[name] = Entry(
                method: method, checksum: checksum, compressedSize: compressed,
                uncompressedSize: uncompressed, dataStart: dataStart)
        }
        return entries
    }
}
