import Foundation
import ZIPFoundation

/// The archive of a workbook, held in memory, handing out parts within a size bound.
///
/// A part is refused before any of it is expanded when the archive's directory says
/// it is too large, and again while expanding when the bytes outgrow the bound (the
/// directory's sizes are written by whoever made the file, and may lie).
struct ZipParts {
    private let archive: Archive
    private let limits: WorkbookLimits

    init(_ bytes: [UInt8], limits: WorkbookLimits) throws(WorkbookError) {
        self.limits = limits
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw WorkbookError("is an old-style .xls workbook or a password-protected one, not an .xlsx workbook; save it from the spreadsheet as \"Excel Workbook (.xlsx)\" without a password")
        }
        guard bytes.starts(with: [0x50, 0x4B]) else {
            throw WorkbookError("is not an .xlsx workbook (not a zip archive); save it from the spreadsheet as \"Excel Workbook (.xlsx)\"")
        }
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw WorkbookError("is not a readable .xlsx workbook: the zip archive is damaged (\(error)); save it again from the spreadsheet")
        }
    }

    /// Whether the archive holds a file at `path`.
    func contains(_ path: String) -> Bool { archive[path] != nil }

    /// The bytes of the part at `path`, or `nil` when there is none.
    func part(_ path: String) throws(WorkbookError) -> [UInt8]? {
        guard let entry = archive[path], entry.type == .file else { return nil }
        let limit = limits.maxPartBytes
        if entry.uncompressedSize > UInt64(limit) {
            throw WorkbookError("the part \(path) expands to \(entry.uncompressedSize) bytes, more than the limit of \(limit) bytes; the workbook is refused")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(entry.uncompressedSize))
        do {
            let checksum = try archive.extract(entry, bufferSize: 64 * 1024) { chunk in
                guard bytes.count + chunk.count <= limit else { throw TooLarge() }
                bytes.append(contentsOf: chunk)
            }
            if checksum != entry.checksum {
                throw WorkbookError("the part \(path) is damaged (its checksum does not match); save the workbook again from the spreadsheet")
            }
        } catch let error as WorkbookError {
            throw error
        } catch is TooLarge {
            throw WorkbookError("the part \(path) expands to more than the limit of \(limit) bytes (its stated size is \(entry.uncompressedSize)); the workbook is refused")
        } catch {
            throw WorkbookError("the part \(path) cannot be expanded (\(error)); save the workbook again from the spreadsheet")
        }
        return bytes
    }

    private struct TooLarge: Error {}
}
