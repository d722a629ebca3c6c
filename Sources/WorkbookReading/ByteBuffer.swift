/// Bytes gathered from libxml2's pieces of text: appended to, read as a string and
/// emptied for each cell without giving back its memory.
struct ByteBuffer: ~Copyable {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity {
            let grown = max(capacity * 2, count + bytes.count)
            let new = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            new.update(from: storage, count: count)
            storage.deallocate()
            storage = new
            capacity = grown
        }
        (storage + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    mutating func removeAll() { count = 0 }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    /// The bytes as text (libxml2 hands over only well-formed UTF-8).
    var string: String { String(decoding: bytes, as: UTF8.self) }

    func contains(_ byte: UInt8) -> Bool { bytes.contains(byte) }
}
