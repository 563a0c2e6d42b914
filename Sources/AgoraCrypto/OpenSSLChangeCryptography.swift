import AgoraCore
import Foundation

/// The real `ChangeCryptography`: SHA-256 and strict Ed25519 verification on OpenSSL 3.
///
/// Parsed public keys are cached (bounded), so verifying many changes by the same few city
/// keys does not rebuild an `EVP_PKEY` each time. The first `precomputedKeyCapacity` keys
/// also get a table of multiples (`Ed25519.PrecomputedKey`, 60 KiB each), which verifies
/// with OpenSSL's verdict about five times as fast; any other key is verified by OpenSSL.
/// `@unchecked Sendable`: the mutable state (`keys`, `last`, `precomputedCount`) is read and
/// written under `lock`; both key types are thread-safe.
/// See `protocol/PROTOCOL.md`, "Signature".
public final class OpenSSLChangeCryptography: ChangeCryptography, @unchecked Sendable {
    /// How many parsed public keys are kept by default; the cache is emptied when it would grow past this.
    public static let defaultKeyCacheCapacity = 4_096

    /// How many keys get a precomputed table by default (at most 15 MiB of tables).
    public static let defaultPrecomputedKeyCapacity = 256

    /// How many parsed public keys this instance keeps.
    public let keyCacheCapacity: Int
    /// How many of them get a precomputed table; the cache is emptied with its tables when it is full.
    public let precomputedKeyCapacity: Int
    private let lock = NSLock()
    private var keys: [[UInt8]: CachedKey] = [:]
    private var last: CachedKey?
    private var precomputedCount = 0

    /// A key as parsed by OpenSSL, with its table when it has one.
    private struct CachedKey {
        let key: Ed25519.PublicKey
        let precomputed: Ed25519.PrecomputedKey?

        func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
            if let precomputed { return precomputed.isValidSignature(signature, for: message) }
            return key.isValidSignature(signature, for: message)
        }
    }

    /// A conformer with an empty key cache of `keyCacheCapacity` keys, of which the first
    /// `precomputedKeyCapacity` get a table (0: OpenSSL verifies every signature).
    public init(keyCacheCapacity: Int = OpenSSLChangeCryptography.defaultKeyCacheCapacity,
                precomputedKeyCapacity: Int = OpenSSLChangeCryptography.defaultPrecomputedKeyCapacity) {
        self.keyCacheCapacity = max(1, keyCacheCapacity)
        self.precomputedKeyCapacity = max(0, precomputedKeyCapacity)
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

    /// How many cached keys have a precomputed table now.
    public var precomputedKeyCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return precomputedCount
    }

    private func key(_ raw: [UInt8]) -> CachedKey? {
        lock.lock()
        defer { lock.unlock() }
        if let last, last.key.rawRepresentation == raw { return last }
        if let cached = keys[raw] {
            last = cached
            return cached
        }
        guard let key = try? Ed25519.PublicKey(rawRepresentation: raw) else { return nil }
        if keys.count >= keyCacheCapacity {
            keys.removeAll(keepingCapacity: true)
            precomputedCount = 0
        }
        // Building a table costs about three OpenSSL verifications, once per key.
        let precomputed = precomputedCount < precomputedKeyCapacity ? Ed25519.PrecomputedKey(key) : nil
        if precomputed != nil { precomputedCount += 1 }
        let cached = CachedKey(key: key, precomputed: precomputed)
        keys[raw] = cached
        last = cached
        return cached
    }
}

/// An Ed25519 private key signing changes.
extension Ed25519.PrivateKey: ChangeSigningKey {
    public var publicKeyBytes: [UInt8] { publicKey.rawRepresentation }
}
