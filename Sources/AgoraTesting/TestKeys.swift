import AgoraCore
import AgoraCrypto

/// Fixed Ed25519 test keys, one per name, so tests and `protocol/vectors/` are reproducible.
///
/// The seed of the key named `n` is SHA-256 of the UTF-8 bytes `agora-test-key:n`; the
/// vectors list each seed in hex, so another implementation needs no derivation.
/// Never use these keys for anything but tests.
public enum TestKeys {
    /// The 32-byte seed of the test key `name`.
    public static func seed(_ name: String) -> [UInt8] {
        SHA256.hash(Array("agora-test-key:\(name)".utf8))
    }

    /// The test key `name`.
    public static func privateKey(_ name: String) throws -> Ed25519.PrivateKey {
        try Ed25519.PrivateKey(seed: seed(name))
    }

    /// The real hashing and verification, shared by tests.
    public static let crypto = OpenSSLChangeCryptography()
}
