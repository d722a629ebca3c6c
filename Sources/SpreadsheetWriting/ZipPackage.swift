import Foundation
import ZIPFoundation

/// A zip archive assembled in memory with ZIPFoundation, entry by entry in the
/// order given, every entry dated `date`: the same parts give the same bytes.
enum ZipPackage {
    /// The date written on every entry: 2000-01-01, as the cohort workbook uses
    /// (a zip date cannot be earlier than 1980, and a fixed one keeps builds identical).
    static let date = Date(timeIntervalSince1970: 946_684_800)

    /// `stored`: paths written without compression (an ODS file's `mimetype`, which
    /// must be the first entry, stored, so that its type can be read at a fixed offset).
    static func archive(_ parts: [(path: String, bytes: [UInt8])], stored: Set<String> = []) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, bytes) in parts {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: date,
                compressionMethod: stored.contains(path) ? .none : .deflate
            ) { position, size in
                Data(bytes[Int(position)..<(Int(position) + size)])
            }
        }
        guard let data = archive.data else { throw Spreadsheet.Problem(description: "the archive could not be assembled in memory") }
        return [UInt8](data)
    }
}
