internal import COpenSSL

extension Ed25519.PrivateKey {
    /// The key as unencrypted PKCS#8 PEM (RFC 8410), the form `openssl pkey` reads.
    /// See `docs/KEYS.md`.
    public func pemRepresentation() throws -> String {
        try PEM.privateKeyText(signing.key)
    }

    /// Reads an Ed25519 private key from PKCS#8 PEM.
    ///
    /// - Throws: `CryptoError` `.invalidKey` when the text is not a PEM private key, is
    ///   encrypted, or holds a key of another type.
    public init(pemRepresentation text: String) throws {
        let key = try PEM.privateKey(text)
        guard EVP_PKEY_get_base_id(key.pointer) == EVP_PKEY_ED25519 else {
            throw CryptoError(code: .invalidKey, message: "the PEM private key is not an Ed25519 key")
        }
        var seed = [UInt8](repeating: 0, count: Ed25519.seedByteCount)
        var length = seed.count
        try OpenSSL.call("EVP_PKEY_get_raw_private_key", code: .invalidKey) {
            EVP_PKEY_get_raw_private_key(key.pointer, &seed, &length)
        }
        try self.init(seed: seed)
    }
}
