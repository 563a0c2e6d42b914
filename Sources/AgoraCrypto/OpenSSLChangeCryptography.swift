import AgoraCore
import Foundation

/// The real `ChangeCryptography`: SHA-256 and strict Ed25519 verification on OpenSSL 3.
///
/// Parsed public keys are cached (bounded), so verifying many changes by the same few city
/// keys does not rebuild an `EVP_PKEY` each time. `@unchecked Sendable`: the only mutable
/// state, `keys`, is read and written under `lock`; `Ed25519.PublicKey` is thread-safe.
/// See `protocol/PROTOCOL.md`, "Signature".
public final class OpenSSLChangeCryptography: ChangeCryptography, @unchecked Sendable {
    /// How many parsed public keys are kept by default; the cache is emptied when it would grow past this.
    public static let defaultKeyCacheCapacity = 4_096

    /// How many parsed public keys this instance keeps.
    public let keyCacheCapacity: Int
    private let lock = NSLock()
    private var keys: [[UInt8]: Ed25519.PublicKey] = [:]
    private var last: Ed25519.PublicKey?

    /// A conformer with an empty key cache of `keyCacheCapacity` keys.
    public init(keyCacheCapacity: Int = OpenSSLChangeCryptography.defaultKeyCacheCapacity) {
        self.keyCacheCapacity = max(1, keyCacheCapacity)
    }

    /// How many parsed keys the cache holds now.
    public var cachedKeyCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return keys.count
    }

    public func sha256(_ bytes: [UInt8]) -> [UInt8] { SHA256.hash(bytes) }

    public func isValidSignature(_ signature: [UInt8], for message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard let key = key(publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }

    public func isSmallOrder(publicKey: [UInt8]) -> Bool {
        guard publicKey.count == Ed25519.publicKeyByteCount else { return true }
        var masked = publicKey
        masked[31] &= 0x7f
        return Ed25519.smallOrderEncodings.contains(masked)
    }

    private func key(_ raw: [UInt8]) -> Ed25519.PublicKey? {
        lock.lock()
        defer { lock.unlock() }
        if let last, last.rawRepresentation == raw { return last }
        if let key = keys[raw] {
            last = key
            return key
        }
        guard let key = try? Ed25519.PublicKey(rawRepresentation: raw) else { return nil }
        if keys.count >= keyCacheCapacity { keys.removeAll(keepingCapacity: true) }
        keys[raw] = key
        last = key
        return key
    }
}

/// An Ed25519 private key signing changes.
extension Ed25519.PrivateKey: ChangeSigningKey {
    public var publicKeyBytes: [UInt8] { publicKey.rawRepresentation }
}
