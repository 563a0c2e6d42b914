/// Writes and signs roster updates: the genesis, an update on the current head, a co-signature.
///
/// See `protocol/ROSTER.md`, "Updates".
public struct RosterSigner: Sendable {
    /// Hashing for the id.
    public let crypto: any ChangeCryptography

    /// A signer.
    public init(crypto: any ChangeCryptography) { self.crypto = crypto }

    /// A genesis naming `stewards`, signed by `key` (one of them).
    /// - Throws: `RosterError` when the result would be refused, or the key's error.
    public func genesis(coalition: String, stewards: [Roster.Steward], key: any ChangeSigningKey) throws -> RosterUpdate {
        let update = try sign(RosterUpdate(coalition: coalition, parent: nil, sequence: 0,
                                           operations: [.genesis(stewards: stewards, quorum: RosterLimits.stewardQuorum)],
                                           signatures: [], crypto: crypto), key: key)
        return try checked(update) { (u) throws(RosterError) in _ = try Roster(genesis: u, crypto: crypto) }
    }

    /// An update of `operations` on `roster`'s head, signed by `key`.
    /// - Throws: `RosterError` when the result would not apply (checked before it is returned);
    ///   an update that needs the steward quorum is checked for everything but the quorum, which co-signers complete.
    public func update(_ operations: [RosterOperation], on roster: Roster, key: any ChangeSigningKey) throws -> RosterUpdate {
        let update = try sign(RosterUpdate(coalition: roster.coalition, parent: roster.head, sequence: roster.sequence + 1,
                                           operations: operations, signatures: [], crypto: crypto), key: key)
        return try checked(update) { (u) throws(RosterError) in
            _ = try roster.applying(u, crypto: crypto, assumingQuorum: true)
        }
    }

    /// `update` with one more signature, by `key`.
    public func cosign(_ update: RosterUpdate, key: any ChangeSigningKey) throws -> RosterUpdate {
        try sign(update, key: key)
    }

    private func sign(_ update: RosterUpdate, key: any ChangeSigningKey) throws -> RosterUpdate {
        update.adding(RosterUpdate.Signature(key: key.publicKeyBytes, signature: try key.signature(for: update.signingMessage)), crypto: crypto)
    }

    private func checked(_ update: RosterUpdate, _ check: (RosterUpdate) throws(RosterError) -> Void) throws -> RosterUpdate {
        _ = try RosterUpdate.parse(update.wireBytes, coalition: update.coalition, crypto: crypto)
        try check(update)
        return update
    }
}
