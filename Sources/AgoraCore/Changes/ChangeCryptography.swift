/// The hashing and signature checks changes need, supplied from outside AgoraCore.
///
/// AgoraCore stays pure Swift; `AgoraCrypto.OpenSSLChangeCryptography` is the real conformer.
/// See `protocol/PROTOCOL.md`, "Change id" and "Signature".
public protocol ChangeCryptography: Sendable {
    /// SHA-256 of `bytes` (32 bytes).
    func sha256(_ bytes: [UInt8]) -> [UInt8]
    /// Whether `signature` is a valid Ed25519 signature (RFC 8032, strict) of `message` by the 32-byte `publicKey`.
    func isValidSignature(_ signature: [UInt8], for message: [UInt8], publicKey: [UInt8]) -> Bool
    /// Whether the 32-byte Ed25519 `publicKey` is a small-order point, never accepted for a city.
    func isSmallOrder(publicKey: [UInt8]) -> Bool
}

/// An Ed25519 private key that can sign changes, supplied from outside AgoraCore.
public protocol ChangeSigningKey: Sendable {
    /// The 32-byte Ed25519 public key.
    var publicKeyBytes: [UInt8] { get }
    /// The 64-byte Ed25519 signature of `message`.
    func signature(for message: [UInt8]) throws -> [UInt8]
}
