internal import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's default generator.
public enum SecureRandom {
    /// The largest number of bytes one call returns (1 MiB); a guard against a mistaken count.
    public static let maximumByteCount = 1 << 20

    /// `count` random bytes.
    ///
    /// - Throws: `CryptoError` `.invalidArgument` when `count` is negative or above
    ///   `maximumByteCount`, `.openSSL` when the generator is not seeded.
    public static func bytes(count: Int) throws -> [UInt8] {
        guard (0...maximumByteCount).contains(count) else {
            throw CryptoError(code: .invalidArgument,
                              message: "random byte count \(count) is outside 0...\(maximumByteCount)")
        }
        var bytes = [UInt8](repeating: 0, count: count)
        try OpenSSL.call("RAND_bytes") { RAND_bytes(&bytes, Int32(count)) }
        return bytes
    }
}
