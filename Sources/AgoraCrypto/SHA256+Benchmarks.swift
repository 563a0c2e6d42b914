internal import COpenSSL

extension SHA256 {
    /// SHA-256 the naive OpenSSL 3 way, `EVP_Digest` with `EVP_sha256()`, which fetches the
    /// implementation on every call. Only for `agora-bench`, as the baseline that shows
    /// what fetching once saves; use `hash(_:)`.
    @_spi(Benchmarks)
    public static func hashWithImplicitFetch(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        OpenSSL.require(EVP_Digest(bytes, bytes.count, &digest, &length, EVP_sha256(), nil), "EVP_Digest")
        return digest
    }
}
