import AgoraCore
import AgoraCrypto
import Foundation

/// What `agora keys rotate` did.
public struct KeyRotation: Sendable {
    /// The old key, hex.
    public let oldKey: String
    /// The new key, hex.
    public let newKey: String
    /// The new key file, relative to the node directory.
    public let file: String
    /// The roster update that admitted it; nil when a steward must add it (the old key may no longer sign).
    public let update: String?
}

extension NodeDirectory {
    /// Rotates the city's signing key: makes a new key, and while the current key may still sign
    /// (active in the roster), the update adding the new key and retiring the old one at `now`,
    /// signed by the current key (`protocol/ROSTER.md` 3). Then `node.json` names the new key.
    /// When the current key is compromised or retired, a steward must add the new one
    /// (`agora roster add-key`): the key is made and named all the same, and the result says so.
    /// - Parameter now: the wall clock, Unix ms: the old key retires at `[now, 2^32-1]`.
    /// - Throws: ``NodeError`` when the node holds no roster or the city is not an active member.
    public func rotateSigningKey(now: Int64) async throws -> KeyRotation {
        var config = try loadConfig()
        let old = try KeyFile.readEd25519PrivateKey(at: url(for: config.signingKeyPath).path)
        let node = try LocalNode(directory: self, writable: true, clock: { now })
        do {
            try await node.loadRoster()
            guard let roster = node.roster.snapshot.roster else {
                throw NodeError(.invalidInput, "this node holds no roster: key rotation is a roster update (enrol first, or use keys generate + keys trust offline)")
            }
            guard let member = roster.members[config.cityID], member.status == .active else {
                throw NodeError(.notPermitted, "\(config.cityID) is not an active member of the roster")
            }
            let key = try Ed25519.PrivateKey.generate()
            let file = "keys/signing-\(now).key"
            try KeyFile.write(key, to: url(for: file).path)
            var update: RosterUpdate?
            if member.activeKeys.contains(old.publicKeyBytes) {
                let ops: [RosterOperation] = [.addKey(city: config.cityID, key: key.publicKeyBytes),
                                              .retireKey(key: old.publicKeyBytes, at: HLCTimestamp(milliseconds: UInt64(max(0, now)), counter: .max))]
                let signed = try RosterSigner(crypto: OpenSSLChangeCryptography()).update(ops, on: roster, key: old)
                let intake = try await node.roster.receive([signed.wireBytes])
                if let refused = intake.refused.first {
                    try? FileManager.default.removeItem(at: url(for: file))
                    throw NodeError(.invalidInput, "the roster refused the rotation: \(refused.error)")
                }
                update = signed
            }
            config.signingKeyPath = file
            try writeConfig(config)
            await node.close()
            return KeyRotation(oldKey: Hex.encode(old.publicKeyBytes), newKey: Hex.encode(key.publicKeyBytes), file: file, update: update?.id.hex)
        } catch {
            await node.close()
            throw error
        }
    }
}
