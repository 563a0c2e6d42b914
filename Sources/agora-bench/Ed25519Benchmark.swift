import AgoraCrypto

/// Ed25519 sign and verify through AgoraCrypto's public API, on the same 20-byte message
/// that `openssl speed ed25519` signs, so `scripts/bench/core` can print the ratio; and
/// verify/s with the key precomputed (`Ed25519.PrecomputedKey`), as nodes verify changes.
enum Ed25519Benchmark {
    static let benchmark = Benchmark(
        name: "ed25519",
        summary: "Ed25519 sign/s and verify/s (20-byte message, one thread)",
        run: run)

    /// The message length `openssl speed` uses for EdDSA.
    static let messageByteCount = 20

    static func run(seconds: Double) throws -> [Figure] {
        let key = try Ed25519.PrivateKey(seed: [UInt8](repeating: 7, count: Ed25519.seedByteCount))
        let message = [UInt8](repeating: 0x61, count: messageByteCount)
        let signature = try key.signature(for: message)
        var sink = 0
        let sign = try Rate.measure(seconds: seconds) {
            sink &+= Int(try key.signature(for: message)[0])
        }
        var failures = 0
        let verify = Rate.measure(seconds: seconds) {
            if !key.publicKey.isValidSignature(signature, for: message) { failures += 1 }
        }
        guard let precomputed = Ed25519.PrecomputedKey(key.publicKey) else {
            throw CryptoError(code: .invalidKey, message: "the benchmark key could not be precomputed")
        }
        let precomputedVerify = Rate.measure(seconds: seconds) {
            if !precomputed.isValidSignature(signature, for: message) { failures += 1 }
        }
        guard failures == 0 else {
            throw CryptoError(code: .openSSL, message: "\(failures) verifications failed during the benchmark")
        }
        return [
            Figure(name: "ed25519.sign", value: sign.perCPUSecond, unit: "ops/s"),
            Figure(name: "ed25519.verify", value: verify.perCPUSecond, unit: "ops/s"),
            Figure(name: "ed25519.verify.precomputed", value: precomputedVerify.perCPUSecond, unit: "ops/s"),
            Figure(name: "ed25519.sign.wall", value: sign.perWallSecond, unit: "ops/s"),
            Figure(name: "ed25519.verify.wall", value: verify.perWallSecond, unit: "ops/s"),
            Figure(name: "ed25519.checksum", value: Double(sink & 0xff), unit: "-"),
        ]
    }
}
