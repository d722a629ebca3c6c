// The throughput of Checksums' SHA-256, compiled with -O by scripts/bench-sha256.
// Hashes a 64 MiB buffer in one call and a case-file-sized 4 KiB one many times
// (with the processor's SHA instructions where it has them, and without),
// several rounds each, and prints the median and best MB/s (10^6 bytes a second).
import Foundation

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func report(_ name: String, bytes: Int, rounds: Int, _ body: () -> String) {
    var sink = ""
    let times = (0..<rounds).map { _ in seconds { sink = body() } }.sorted()
    let mbps = { (t: Double) in Double(bytes) / t / 1e6 }
    print("\(name): median \(Int(mbps(times[times.count / 2]))) MB/s, best \(Int(mbps(times[0]))) MB/s (\(sink.prefix(12))…)")
}

func hex(_ bytes: [UInt8], portable: Bool) -> String {
    var hash = SHA256(portable: portable)
    hash.update(bytes)
    return hash.finishHex()
}

let big = (0..<(64 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
let small = Array(big[..<4096])
// The processor's SHA instructions where it has them, then Swift's compression alone.
for portable in SHA256.processorHasSHA ? [false, true] : [true] {
    let how = portable ? "Swift" : "SHA instructions"
    report("\(how), 64 MiB in one call", bytes: big.count, rounds: 9) { hex(big, portable: portable) }
    report("\(how), 4 KiB x 16384 (a case file each)", bytes: small.count * 16384, rounds: 9) {
        var last = ""
        for _ in 0..<16384 { last = hex(small, portable: portable) }
        return last
    }
}
