import CSHA256

/// SHA-256 (FIPS 180-4), for the digests of inputs and outputs: Swift, with no
/// library beyond our own small C target (`CSHA256`, which holds the round
/// constants and, where the processor has SHA instructions (x86-64's SHA-NI),
/// compresses blocks with them, about five times faster); checked against the
/// standard's test vectors and `sha256sum`, and the tests check both ways give
/// the same digests.
///
/// Whole 64-byte blocks are compressed straight from the caller's buffer (an
/// array, `Data`, a string's UTF-8); only a block split across two `update`s is
/// gathered, in a 64-byte buffer held inside the value. The message schedule
/// lives on the stack, so hashing allocates nothing but the result.
public struct SHA256: Sendable {
    private var state: State = SHA256.initialState
    /// Whether blocks are compressed with the processor's SHA instructions.
    private let usesProcessor: Bool
    /// Bytes of a block not yet complete (the first `pendingCount` of these 64).
    private var pending: Block = (0, 0, 0, 0, 0, 0, 0, 0)
    private var pendingCount = 0
    private var length: UInt64 = 0

    private typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
    /// 64 bytes, inline.
    private typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    private static let initialState: State = (
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)

    public init() { usesProcessor = Self.processorHasSHA }

    /// Swift's compression only, even where the processor has SHA instructions (for the tests).
    init(portable: Bool) { usesProcessor = !portable && Self.processorHasSHA }

    /// Whether this processor has SHA instructions: asked once.
    static let processorHasSHA = csha256_available() == 1

    /// The digest of `bytes` as 64 lower-case hexadecimal digits.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var hash = SHA256()
        hash.update(bytes)
        return hash.finishHex()
    }

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        if done != nil { return }
        // A sequence without contiguous storage: gathered in stack-sized chunks.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { chunk in
            var count = 0
            for byte in bytes {
                chunk[count] = byte
                count += 1
                if count == chunk.count {
                    update(UnsafeRawBufferPointer(chunk))
                    count = 0
                }
            }
            update(UnsafeRawBufferPointer(start: chunk.baseAddress, count: count))
        }
    }

    /// Hashes the bytes in `buffer` (which need not outlive the call).
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard var source = buffer.baseAddress, !buffer.isEmpty else { return }
        var remaining = buffer.count
        length &+= UInt64(remaining)
        if pendingCount > 0 {
            let taken = min(64 - pendingCount, remaining)
            let offset = pendingCount
            withUnsafeMutableBytes(of: &pending) { block in
                (block.baseAddress! + offset).copyMemory(from: source, byteCount: taken)
            }
            pendingCount += taken
            source += taken
            remaining -= taken
            guard pendingCount == 64 else { return }
            let block = pending
            withUnsafeBytes(of: block) { compress($0.baseAddress!, blocks: 1) }
            pendingCount = 0
        }
        let whole = remaining / 64
        if whole > 0 {
            compress(source, blocks: whole)
            source += whole * 64
            remaining -= whole * 64
        }
        if remaining > 0 {
            let tail = source
            withUnsafeMutableBytes(of: &pending) { block in
                block.baseAddress!.copyMemory(from: tail, byteCount: remaining)
            }
            pendingCount = remaining
        }
    }

    /// The 32-byte digest; the value should not be used afterwards.
    public mutating func finish() -> [UInt8] {
        padAndCompress()
        return withUnsafeBytes(of: state) { words in
            (0..<32).map { i in words.load(fromByteOffset: i & ~3, as: UInt32.self).bigEndianByte(i & 3) }
        }
    }

    /// The digest as 64 lower-case hexadecimal digits; the value should not be used afterwards.
    public mutating func finishHex() -> String {
        padAndCompress()
        let digits: StaticString = "0123456789abcdef"
        return withUnsafeBytes(of: state) { words in
            String(unsafeUninitializedCapacity: 64) { out in
                for i in 0..<32 {
                    let byte = words.load(fromByteOffset: i & ~3, as: UInt32.self).bigEndianByte(i & 3)
                    out[2 * i] = digits.utf8Start[Int(byte >> 4)]
                    out[2 * i + 1] = digits.utf8Start[Int(byte & 15)]
                }
                return 64
            }
        }
    }

    /// The final padding: 0x80, zeros, and the length in bits, big-endian, ending a block.
    private mutating func padAndCompress() {
        let bits = length &* 8
        withUnsafeTemporaryAllocation(byteCount: 128, alignment: 8) { tail in
            let count = pendingCount
            let total = count < 56 ? 64 : 128
            withUnsafeBytes(of: pending) { tail.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
            tail[count] = 0x80
            for i in (count + 1)..<(total - 8) { tail[i] = 0 }
            tail.storeBytes(of: bits.bigEndian, toByteOffset: total - 8, as: UInt64.self)
            compress(UnsafeRawPointer(tail.baseAddress!), blocks: total / 64)
        }
        pendingCount = 0
    }

    /// Compresses `blocks` whole 64-byte blocks starting at `source` (any alignment) into `state`.
    private mutating func compress(_ source: UnsafeRawPointer, blocks: Int) {
        guard usesProcessor else { return Self.compress(&state, source, blocks: blocks) }
        withUnsafeMutableBytes(of: &state) { words in
            csha256_compress(words.baseAddress!.assumingMemoryBound(to: UInt32.self), source.assumingMemoryBound(to: UInt8.self), blocks)
        }
    }

    /// Swift's compression of `blocks` whole 64-byte blocks at `source` (any alignment) into `state`.
    private static func compress(_ state: inout State, _ source: UnsafeRawPointer, blocks: Int) {
        let k = csha256_round_constants()!
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            let w = w.baseAddress!
            var (h0, h1, h2, h3, h4, h5, h6, h7) = state
            var block = source
            for _ in 0..<blocks {
                for i in 0..<16 {
                    w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
                }
                for i in 16..<64 {
                    let x = w[i - 15], y = w[i - 2]
                    let s0 = x.rotr(7) ^ x.rotr(18) ^ (x &>> 3)
                    let s1 = y.rotr(17) ^ y.rotr(19) ^ (y &>> 10)
                    w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                }
                var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
                // Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)), and this round's b ^ c is the last round's a ^ b.
                var bc = b ^ c
                var i = 0
                while i < 64 {
                    round(a, b, &d, e, f, g, &h, &bc, k[i] &+ w[i])
                    round(h, a, &c, d, e, f, &g, &bc, k[i + 1] &+ w[i + 1])
                    round(g, h, &b, c, d, e, &f, &bc, k[i + 2] &+ w[i + 2])
                    round(f, g, &a, b, c, d, &e, &bc, k[i + 3] &+ w[i + 3])
                    round(e, f, &h, a, b, c, &d, &bc, k[i + 4] &+ w[i + 4])
                    round(d, e, &g, h, a, b, &c, &bc, k[i + 5] &+ w[i + 5])
                    round(c, d, &f, g, h, a, &b, &bc, k[i + 6] &+ w[i + 6])
                    round(b, c, &e, f, g, h, &a, &bc, k[i + 7] &+ w[i + 7])
                    i += 8
                }
                h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
                h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                block += 64
            }
            state = (h0, h1, h2, h3, h4, h5, h6, h7)
        }
    }

    /// One round; the caller rotates the names instead of the values. `bc` holds
    /// b ^ c on entry and this round's a ^ b (the next round's b ^ c) on return.
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ d: inout UInt32,
                              _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ bc: inout UInt32, _ kw: UInt32) {
        let t1 = h &+ (e.rotr(6) ^ e.rotr(11) ^ e.rotr(25)) &+ (g ^ (e & (f ^ g))) &+ kw
        let ab = a ^ b
        let t2 = (a.rotr(2) ^ a.rotr(13) ^ a.rotr(22)) &+ (b ^ (ab & bc))
        bc = ab
        d &+= t1
        h = t1 &+ t2
    }
}

private extension UInt32 {
    @inline(__always) func rotr(_ n: UInt32) -> UInt32 { (self &>> n) | (self &<< (32 &- n)) }
    /// Byte `index` (0 the most significant) of the word.
    @inline(__always) func bigEndianByte(_ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: self &>> UInt32(24 - 8 * index)) }
}
