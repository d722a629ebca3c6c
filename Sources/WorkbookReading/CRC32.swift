/// The zip archive's checksum (CRC-32, polynomial 0xEDB88320), eight bytes at a
/// time ("slicing by 8"), updated chunk by chunk as a part is expanded.
///
/// ZIPFoundation's own checksum on Linux goes one byte at a time through a table
/// (it cannot see zlib's from Swift there), which cost more than the expanding
/// itself on a 170 MB sheet.
struct CRC32 {
    private var state: UInt32 = 0xFFFF_FFFF

    /// The checksum of everything given so far.
    var value: UInt32 { state ^ 0xFFFF_FFFF }

    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        var crc = state
        var at = 0
        let count = bytes.count
        Self.tables.withUnsafeBufferPointer { table in
            while count - at >= 8 {
                let low = base.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian ^ crc
                let high = base.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self).littleEndian
                crc = table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[1 * 256 + Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
                at += 8
            }
            while at < count {
                crc = table[Int((crc ^ UInt32(base.load(fromByteOffset: at, as: UInt8.self))) & 0xFF)] ^ (crc >> 8)
                at += 1
            }
        }
        state = crc
    }

    /// Eight tables of 256: the first is the byte-at-a-time table, each next one
    /// the previous advanced by one more zero byte.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            tables[n] = c
        }
        for n in 0..<256 {
            for k in 1..<8 {
                let previous = tables[(k - 1) * 256 + n]
                tables[k * 256 + n] = tables[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return tables
    }()
}
