// The throughput of Checksums' SHA-256, compiled with -O by scripts/bench-sha256.
// Hashes a 64 MiB buffer in one call and a case-file-sized 4 KiB one many times,
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

let big = (0..<(64 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
report("64 MiB in one call", bytes: big.count, rounds: 9) { SHA256.hex(big) }
let small = Array(big[..<4096])
report("4 KiB x 16384 (a case file each)", bytes: small.count * 16384, rounds: 9) {
    var last = ""
    for _ in 0..<16384 { last = SHA256.hex(small) }
    return last
}
