internal import COpenSSL
import AgoraCore

/// Password hashes for the web catalog's staff accounts: scrypt (RFC 7914) from OpenSSL,
/// memory-hard, with a random 16-byte salt per password.
///
/// The stored form is one line, `scrypt$<log2 N>$<r>$<p>$<salt hex>$<hash hex>`, so the cost can
/// be raised later and old hashes still verify. See `docs/WEB.md`, "Staff accounts".
public struct PasswordHash: Sendable, Equatable {
    /// scrypt's cost parameters.
    public struct Cost: Sendable, Equatable {
        /// log2 of N, the CPU/memory cost (N = 2^logN).
        public var logN: Int
        /// The block size.
        public var r: Int
        /// The parallelism.
        public var p: Int

        /// A cost; `logN` 10…20, `r` 1…32, `p` 1…16 are what stored hashes may name.
        public init(logN: Int, r: Int, p: Int) {
            self.logN = logN
            self.r = r
            self.p = p
        }

        /// The default: N = 2^15, r = 8, p = 1 (32 MiB, about 0.1 s on one core): OWASP's minimum for scrypt.
        public static let standard = Cost(logN: 15, r: 8, p: 1)
        /// The memory scrypt needs for this cost, in bytes (128 · N · r), plus headroom for OpenSSL's check.
        var memory: UInt64 { 128 * (UInt64(1) << UInt64(logN)) * UInt64(r) + 1 << 20 }
    }

    /// The shortest password accepted.
    public static let minimumPasswordLength = 12
    /// The longest password accepted, in bytes (longer input only costs the server time).
    public static let maximumPasswordBytes = 1024

    public let cost: Cost
    public let salt: [UInt8]
    public let hash: [UInt8]

    /// Hashes `password` with a fresh random salt.
    /// - Throws: ``CryptoError`` `invalid-argument` for a password outside the length limits.
    public static func make(_ password: String, cost: Cost = .standard) throws -> PasswordHash {
        try checkLength(password)
        let salt = try SecureRandom.bytes(count: 16)
        return PasswordHash(cost: cost, salt: salt, hash: try derive(password, salt: salt, cost: cost))
    }

    /// Whether `password` is the one this hash was made from (constant-time comparison).
    public func matches(_ password: String) -> Bool {
        guard password.utf8.count <= Self.maximumPasswordBytes,
              let derived = try? Self.derive(password, salt: salt, cost: cost), derived.count == hash.count else { return false }
        return CRYPTO_memcmp(derived, hash, hash.count) == 0
    }

    /// The stored form.
    public var encoded: String {
        "scrypt$\(cost.logN)$\(cost.r)$\(cost.p)$\(Hex.encode(salt))$\(Hex.encode(hash))"
    }

    /// Reads the stored form; nil when it is not one.
    public init?(encoded: String) {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let logN = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
              (10...20).contains(logN), (1...32).contains(r), (1...16).contains(p),
              let salt = Hex.decode(parts[4], count: 16), let hash = Hex.decode(parts[5], count: 32) else { return nil }
        self.init(cost: Cost(logN: logN, r: r, p: p), salt: salt, hash: hash)
    }

    init(cost: Cost, salt: [UInt8], hash: [UInt8]) {
        self.cost = cost
        self.salt = salt
        self.hash = hash
    }

    /// Refuses a password shorter than ``minimumPasswordLength`` characters or longer than ``maximumPasswordBytes``.
    public static func checkLength(_ password: String) throws {
        guard password.count >= minimumPasswordLength, password.utf8.count <= maximumPasswordBytes else {
            throw CryptoError(code: .invalidArgument, message: "a password needs \(minimumPasswordLength) to "
                + "\(maximumPasswordBytes) bytes' worth of characters (at least \(minimumPasswordLength) characters)")
        }
    }

    static func derive(_ password: String, salt: [UInt8], cost: Cost) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let length = password.utf8.count
        try OpenSSL.call("EVP_PBE_scrypt") {
            password.withCString { pass in
                EVP_PBE_scrypt(pass, length, salt, salt.count, UInt64(1) << UInt64(cost.logN), UInt64(cost.r),
                               UInt64(cost.p), cost.memory, &out, out.count)
            }
        }
        return out
    }
}
