import Crypto
import Foundation

extension SHA256Digest {
    /// The digest as 64 lower-case hexadecimal digits, as `sha256sum` prints it.
    public var hex: String {
        let digits: StaticString = "0123456789abcdef"
        return withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: 2 * bytes.count) { out in
                for (i, byte) in bytes.enumerated() {
                    out[2 * i] = digits.utf8Start[Int(byte >> 4)]
                    out[2 * i + 1] = digits.utf8Start[Int(byte & 15)]
                }
                return 2 * bytes.count
            }
        }
    }
}

extension SHA256 {
    /// The SHA-256 of `bytes` as 64 lower-case hexadecimal digits.
    public static func hex(_ bytes: some DataProtocol) -> String {
        hash(data: bytes).hex
    }
}
