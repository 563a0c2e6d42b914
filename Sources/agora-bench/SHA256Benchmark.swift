@_spi(Benchmarks) import AgoraCrypto

/// SHA-256 of 1 KiB three ways: OpenSSL's implicit fetch on every call (`EVP_Digest`
/// with `EVP_sha256()`), AgoraCrypto's one-shot `SHA256.hash` (digest fetched once,
/// one context per thread), and an explicit `SHA256.Hasher`.
enum SHA256Benchmark {
    static let benchmark = Benchmark(
        name: "sha256",
        summary: "SHA-256 of 1 KiB: EVP_Digest(EVP_sha256()) vs SHA256.hash vs SHA256.Hasher",
        run: run)

    /// The input length the "40% faster" claim is about.
    static let inputByteCount = 1024

    static func run(seconds: Double) throws -> [Figure] {
        let input = (0..<inputByteCount).map { UInt8(truncatingIfNeeded: $0) }
        let hasher = try SHA256.Hasher()
        var sink: UInt8 = 0
        let uncached = Rate.measure(seconds: seconds) { sink ^= SHA256.hashWithImplicitFetch(input)[0] }
        let fetched = Rate.measure(seconds: seconds) { sink ^= SHA256.hash(input)[0] }
        let reused = Rate.measure(seconds: seconds) { sink ^= hasher.hash(input)[0] }
        return [
            Figure(name: "sha256.1k.implicit-fetch", value: uncached.perCPUSecond, unit: "ops/s"),
            Figure(name: "sha256.1k.hash", value: fetched.perCPUSecond, unit: "ops/s"),
            Figure(name: "sha256.1k.hasher", value: reused.perCPUSecond, unit: "ops/s"),
            Figure(name: "sha256.checksum", value: Double(sink), unit: "-"),
        ]
    }
}
