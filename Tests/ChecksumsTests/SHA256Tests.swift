@testable import Checksums
import Foundation
import Testing

@Suite struct SHA256Tests {
    /// FIPS 180-4 examples and the lengths around a block's padding boundary.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
    ])
    func knownDigests(text: String, hex: String) {
        #expect(SHA256.hex(Array(text.utf8)) == hex)
        #expect(SHA256.hex(text.utf8) == hex)
        #expect(SHA256.hex(Data(text.utf8)) == hex)
    }

    @Test func aMillionAsInPieces() {
        var hash = SHA256()
        for _ in 0..<1000 { hash.update(Array(repeating: UInt8(ascii: "a"), count: 1000)) }
        #expect(Self.hex(hash.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The standard's million 'a's in one call: many whole blocks straight from the caller's buffer.
    @Test func aMillionAtOnce() {
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// 130 bytes that differ from each other, so a byte taken twice or skipped shows.
    static let message: [UInt8] = (0..<130).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }

    /// Every length from 0 to 130 (padding in the same block or the next one, one,
    /// two or three blocks) in one call and split in two at every offset, against a
    /// byte-at-a-time implementation of the standard.
    @Test func everyLengthAndSplitMatchesTheReference() {
        for length in 0...Self.message.count {
            let bytes = Array(Self.message[..<length])
            let expected = ReferenceSHA256.hex(bytes)
            #expect(SHA256.hex(bytes) == expected, "length \(length)")
            for cut in 0...length {
                var hash = SHA256()
                hash.update(bytes[..<cut])
                hash.update(bytes[cut...])
                #expect(Self.hex(hash.finish()) == expected, "length \(length), cut at \(cut)")
            }
        }
    }

    /// All 130 bytes in three calls, cut at every pair of offsets (empty calls included).
    @Test func everyThreeWaySplitEqualsOneShot() {
        let expected = SHA256.hex(Self.message)
        #expect(expected == ReferenceSHA256.hex(Self.message))
        var wrong: [(Int, Int)] = []
        for first in 0...Self.message.count {
            for second in first...Self.message.count {
                var hash = SHA256()
                hash.update(Self.message[..<first])
                hash.update(Self.message[first..<second])
                hash.update(Self.message[second...])
                if hash.finishHex() != expected { wrong.append((first, second)) }
            }
        }
        #expect(wrong.isEmpty, "cuts giving another digest: \(wrong.prefix(5))")
    }

    /// The processor's SHA instructions are used exactly where it has them, as the
    /// kernel reports its flags (x86-64 "sha_ni").
    @Test func processorInstructionsAreFoundWhereTheyExist() throws {
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }.map { Set($0.split(separator: " ")) } ?? []
        #expect(SHA256.processorHasSHA == (flags.contains("sha_ni") && flags.contains("ssse3") && flags.contains("sse4_1")))
    }

    /// The processor's compression and Swift's give the same digests: every length
    /// up to five blocks, and a megabyte of varied bytes in pieces of every size.
    @Test func processorAndSwiftCompressionAgree() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 33
        }
        let bytes = (0..<1_000_000).map { _ in UInt8(truncatingIfNeeded: next()) }
        for length in 0...320 {
            var processor = SHA256(), portable = SHA256(portable: true)
            processor.update(bytes[..<length])
            portable.update(bytes[..<length])
            #expect(processor.finishHex() == portable.finishHex(), "length \(length)")
        }
        var processor = SHA256(), portable = SHA256(portable: true)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + Int(next() % 5000))
            processor.update(bytes[start..<end])
            portable.update(bytes[start..<end])
            start = end
        }
        #expect(processor.finishHex() == portable.finishHex())
        #expect(SHA256.hex(bytes[..<10_000]) == ReferenceSHA256.hex(Array(bytes[..<10_000])))
    }

    /// A sequence without contiguous storage takes the gathering path, across its 4 KB chunks.
    @Test func sequencesWithoutContiguousStorage() {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 5) }
        #expect(SHA256.hex(bytes.lazy.map { $0 }) == ReferenceSHA256.hex(bytes))
        var hash = SHA256()
        hash.update(bytes[..<3].lazy.map { $0 })
        hash.update(bytes[3..<4100])
        hash.update(AnySequence(bytes[4100...]))
        #expect(hash.finishHex() == ReferenceSHA256.hex(bytes))
    }

    @Test func finishHexIsTheHexOfFinish() {
        var a = SHA256(), b = SHA256()
        a.update(Self.message)
        b.update(Self.message)
        #expect(a.finishHex() == Self.hex(b.finish()))
    }

    static func hex(_ digest: [UInt8]) -> String {
        digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

/// FIPS 180-4 as written, a byte at a time: the yardstick for the fast one's block handling.
private enum ReferenceSHA256 {
    static func hex(_ message: [UInt8]) -> String {
        var state: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        var padded = message + [0x80]
        while padded.count % 64 != 56 { padded.append(0) }
        let bits = UInt64(message.count) * 8
        for shift in stride(from: 56, through: 0, by: -8) { padded.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
        for start in stride(from: 0, to: padded.count, by: 64) {
            var w = [UInt32](repeating: 0, count: 64)
            for i in 0..<16 {
                w[i] = (0..<4).reduce(0) { $0 << 8 | UInt32(padded[start + 4 * i + $1]) }
            }
            for i in 16..<64 {
                let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
            for i in 0..<64 {
                let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[i] &+ w[i]
                let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            for (i, v) in [a, b, c, d, e, f, g, h].enumerated() { state[i] &+= v }
        }
        return state.map { String(repeating: "0", count: 8 - String($0, radix: 16).count) + String($0, radix: 16) }.joined()
    }

    static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]
}
