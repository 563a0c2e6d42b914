internal import COpenSSL

/// SHA-256 (FIPS 180-4), for change ids, body hashes, fingerprints and pins.
///
/// The OpenSSL digest is fetched once per process (`EVP_MD_fetch`) and reused; OpenSSL 3's
/// implicit fetch on every `EVP_sha256()` call is what makes the naive one-shot slower
/// (see `docs/BENCHMARKS.md`). Each thread keeps one reusable context for `hash(_:)`.
public enum SHA256 {
    /// The length of a digest in bytes.
    public static let byteCount = 32

    /// The SHA-256 digest of `bytes`. Thread-safe.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// The SHA-256 digest of `bytes`. Thread-safe: each thread reuses a context of its own.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        if let hasher = Hasher.forCurrentThread {
            hasher.update(bytes)
            return hasher.finalize()
        }
        // No context could be allocated: let OpenSSL make and free one for this call.
        var digest = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        OpenSSL.require(EVP_Digest(bytes.baseAddress, bytes.count, &digest, &length, FetchedDigest.sha256.pointer, nil),
                        "EVP_Digest")
        return digest
    }

    /// Writes the digest of an initialised context into a new array.
    static func finish(_ context: OpaquePointer?) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        OpenSSL.require(EVP_DigestFinal_ex(context, &digest, &length), "EVP_DigestFinal_ex")
        return digest
    }

    /// A reusable SHA-256 context for hot paths (hashing many bodies in a row).
    ///
    /// Not thread-safe: use one per thread or actor. After `finalize()` it is ready for
    /// the next message.
    public final class Hasher {
        private let context: DigestContextHandle

        /// Creates a hasher ready for its first message.
        public init() throws {
            context = try DigestContextHandle()
            try OpenSSL.call("EVP_DigestInit_ex2") {
                EVP_DigestInit_ex2(context.pointer, FetchedDigest.sha256.pointer, nil)
            }
        }

        /// Feeds more bytes of the current message.
        public func update(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { update($0) }
        }

        /// Feeds more bytes of the current message.
        public func update(_ bytes: UnsafeRawBufferPointer) {
            OpenSSL.require(EVP_DigestUpdate(context.pointer, bytes.baseAddress, bytes.count), "EVP_DigestUpdate")
        }

        /// The digest of everything fed since the last `finalize()`; the hasher then starts over.
        public func finalize() -> [UInt8] {
            let digest = SHA256.finish(context.pointer)
            OpenSSL.require(EVP_DigestInit_ex2(context.pointer, nil, nil), "EVP_DigestInit_ex2")
            return digest
        }

        /// The digest of `bytes` alone, reusing this hasher's context.
        public func hash(_ bytes: [UInt8]) -> [UInt8] {
            update(bytes)
            return finalize()
        }
    }
}

/// A hasher belongs to one thread or actor at a time.
@available(*, unavailable)
extension SHA256.Hasher: Sendable {}

/// A digest fetched once from the default provider and shared.
///
/// `@unchecked Sendable`: a fetched `EVP_MD` is immutable and reference-counted, and
/// OpenSSL 3 allows it to be used by many contexts on many threads at once.
final class FetchedDigest: @unchecked Sendable {
    let pointer: OpaquePointer

    /// SHA-256, fetched on first use. If the fetch fails, the built-in `EVP_sha256()`
    /// (which fetches implicitly on each use) keeps hashing correct, only slower.
    static let sha256: FetchedDigest = {
        if let fetched = EVP_MD_fetch(nil, "SHA256", nil) { return FetchedDigest(fetched, owned: true) }
        OpenSSL.clearErrors()
        return FetchedDigest(EVP_sha256(), owned: false)
    }()

    private let owned: Bool

    private init(_ pointer: OpaquePointer, owned: Bool) {
        self.pointer = pointer
        self.owned = owned
    }

    /// SHA-512 (Ed25519's hash), fetched on first use, with the same fallback.
    static let sha512: FetchedDigest = {
        if let fetched = EVP_MD_fetch(nil, "SHA512", nil) { return FetchedDigest(fetched, owned: true) }
        OpenSSL.clearErrors()
        return FetchedDigest(EVP_sha512(), owned: false)
    }()

    deinit { if owned { EVP_MD_free(pointer) } }
}
