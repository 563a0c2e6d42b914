internal import COpenSSL

/// Ed25519 signing keys (RFC 8032), for signing changes and roster updates.
///
/// Verification is strict: it agrees with all 150 Wycheproof cases (see
/// `docs/KEYS.md`). Keys that a node registers go through
/// `PublicKey.registered(rawRepresentation:)`, which also refuses small-order keys.
public enum Ed25519 {
    /// The length of a seed (a private key) in bytes.
    public static let seedByteCount = 32
    /// The length of a public key in bytes.
    public static let publicKeyByteCount = 32
    /// The length of a signature in bytes.
    public static let signatureByteCount = 64

    /// An Ed25519 private key, held as its 32-byte seed.
    ///
    /// Signing is thread-safe: each call takes its own OpenSSL context from a small pool.
    public struct PrivateKey: Sendable {
        /// The 32-byte seed (RFC 8032 §5.1.5). Keep it secret; store it with `KeyFile`.
        public let seed: [UInt8]
        /// The matching public key.
        public let publicKey: PublicKey
        let signing: ContextPool

        /// Creates a key from its 32-byte seed.
        ///
        /// - Throws: `CryptoError` `.invalidKey` when the seed is not 32 bytes.
        public init(seed: [UInt8]) throws {
            guard seed.count == Ed25519.seedByteCount else {
                throw CryptoError(code: .invalidKey,
                                  message: "an Ed25519 seed must be \(Ed25519.seedByteCount) bytes, not \(seed.count)")
            }
            let pointer = try OpenSSL.make("EVP_PKEY_new_raw_private_key", code: .invalidKey) {
                EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, seed, seed.count)
            }
            let handle = KeyHandle(pointer)
            var raw = [UInt8](repeating: 0, count: Ed25519.publicKeyByteCount)
            var length = raw.count
            try OpenSSL.call("EVP_PKEY_get_raw_public_key") {
                EVP_PKEY_get_raw_public_key(pointer, &raw, &length)
            }
            self.seed = seed
            self.signing = ContextPool(key: handle, operation: .sign)
            self.publicKey = try PublicKey(rawRepresentation: raw)
        }

        /// Generates a new key from the system's secure random source.
        public static func generate() throws -> PrivateKey {
            try PrivateKey(seed: SecureRandom.bytes(count: Ed25519.seedByteCount))
        }

        /// Signs `message` (pure Ed25519, no pre-hash, no context).
        ///
        /// - Returns: the 64-byte signature.
        public func signature(for message: [UInt8]) throws -> [UInt8] {
            var signature = [UInt8](repeating: 0, count: Ed25519.signatureByteCount)
            var length = signature.count
            let result = try signing.perform { context in
                EVP_DigestSign(context, &signature, &length, message, message.count)
            }
            try OpenSSL.call("EVP_DigestSign") { result }
            return signature
        }
    }

    /// An Ed25519 public key.
    ///
    /// It keeps its parsed OpenSSL key, so a verification does not parse the key again.
    /// Verification is thread-safe. Two keys are equal when their 32 bytes are equal.
    public struct PublicKey: Sendable, Hashable {
        /// The 32-byte encoding of the key (RFC 8032 §5.1.2).
        public let rawRepresentation: [UInt8]
        let verifying: ContextPool

        /// Creates a key from its 32-byte encoding.
        ///
        /// This accepts any 32 bytes, as signature verification does; use
        /// `registered(rawRepresentation:)` for a key that will be trusted.
        /// - Throws: `CryptoError` `.invalidKey` when the input is not 32 bytes.
        public init(rawRepresentation: [UInt8]) throws {
            guard rawRepresentation.count == Ed25519.publicKeyByteCount else {
                throw CryptoError(
                    code: .invalidKey,
                    message: "an Ed25519 public key must be \(Ed25519.publicKeyByteCount) bytes, not \(rawRepresentation.count)")
            }
            let pointer = try OpenSSL.make("EVP_PKEY_new_raw_public_key", code: .invalidKey) {
                EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, rawRepresentation, rawRepresentation.count)
            }
            self.rawRepresentation = rawRepresentation
            self.verifying = ContextPool(key: KeyHandle(pointer), operation: .verify)
        }

        /// Creates a key that a node is about to register (in a roster or key directory).
        ///
        /// - Throws: `CryptoError` `.smallOrderKey` for the eight small-order points and
        ///   their non-canonical encodings: signatures under such a key prove nothing.
        public static func registered(rawRepresentation: [UInt8]) throws -> PublicKey {
            let key = try PublicKey(rawRepresentation: rawRepresentation)
            guard !key.isSmallOrder else {
                throw CryptoError(code: .smallOrderKey,
                                  message: "refused a small-order Ed25519 public key \(key.fingerprint)")
            }
            return key
        }

        /// Whether `signature` is a valid signature of `message` under this key.
        ///
        /// Strict: a non-canonical `S`, a wrong length or trailing bytes are all invalid.
        public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
            guard signature.count == Ed25519.signatureByteCount else { return false }
            // Only 1 is valid: 0 is a bad signature, below 0 an OpenSSL error. Each call runs on a
            // context initialised for it, so a 0 never comes from a context that ran before.
            let result = try? verifying.perform { context in
                EVP_DigestVerify(context, signature, signature.count, message, message.count)
            }
            let valid = result == 1
            if !valid { OpenSSL.clearErrors() }
            return valid
        }

        /// The key's fingerprint: `SHA256:` followed by the standard (padded) base64 of the
        /// SHA-256 of the 32 raw bytes. See `docs/KEYS.md`.
        public var fingerprint: String {
            "SHA256:" + Base64.encode(SHA256.hash(rawRepresentation))
        }

        /// Whether two keys have the same 32 bytes.
        public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool {
            lhs.rawRepresentation == rhs.rawRepresentation
        }

        /// Hashes the 32 bytes.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(rawRepresentation)
        }
    }
}
