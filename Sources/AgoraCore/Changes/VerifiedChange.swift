/// A change whose signature, key, time and body hashes were checked, with its id.
///
/// The merge takes only these. See `protocol/PROTOCOL.md`, "Verification".
public struct VerifiedChange: Sendable, Hashable {
    /// The change id: SHA-256 of the canonical header.
    public let id: ChangeID
    /// The change as received (its bodies may be absent when it was redacted).
    public let change: SignedChange

    /// The header.
    public var header: ChangeHeader { change.header }
    /// The bodies present, by hash.
    public var bodies: [String: JSONValue] { change.bodies }

    /// Wraps a change without checking its signature: only for changes read back from a
    /// node's own log of verified changes (for example by `agora rebuild`) and for tests.
    /// The id is still computed with `crypto`.
    public init(trusting change: SignedChange, crypto: any ChangeCryptography) {
        self.id = ChangeID(digest: crypto.sha256(change.header.canonicalBytes))
        self.change = change
    }

    init(id: ChangeID, change: SignedChange) {
        self.id = id
        self.change = change
    }

    /// The same change with its bodies dropped, as kept once it is redacted.
    public var withoutBodies: VerifiedChange { VerifiedChange(id: id, change: change.withoutBodies) }
}
