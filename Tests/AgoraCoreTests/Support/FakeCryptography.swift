import AgoraTesting
import AgoraCore

/// A fast, deterministic stand-in for SHA-256 and Ed25519, for merge tests where only
/// distinct ids matter. Never used by tests of ids, signatures or vectors.
struct FakeCryptography: ChangeCryptography {
    func sha256(_ bytes: [UInt8]) -> [UInt8] { FakeCryptography.digest(bytes) }

    func isValidSignature(_ signature: [UInt8], for message: [UInt8], publicKey: [UInt8]) -> Bool {
        signature == FakeCryptography.sign(message, publicKey: publicKey)
    }

    func isSmallOrder(publicKey: [UInt8]) -> Bool { publicKey.allSatisfy { $0 == 0 } }

    static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for b in buffer { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        var mixer = SplitMix64(seed: h)
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for _ in 0..<4 {
            let word = mixer.next()
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return out
    }

    static func sign(_ message: [UInt8], publicKey: [UInt8]) -> [UInt8] {
        digest(message) + publicKey
    }
}

/// A signing key for `FakeCryptography`.
struct FakeKey: ChangeSigningKey {
    let publicKeyBytes: [UInt8]

    init(_ name: String) { publicKeyBytes = FakeCryptography.digest(Array(name.utf8)) }

    func signature(for message: [UInt8]) throws -> [UInt8] { FakeCryptography.sign(message, publicKey: publicKeyBytes) }
}
