import AgoraCore

/// The store's verifier: AgoraCore's `ChangeVerifier` with the node's clock.
///
/// A change without bodies passes here provisionally (with no body at all); the writer then keeps
/// it only if the merge reports it redacted by a redaction in the log or in the same batch
/// (`protocol/STORAGE.md`, "Ingest"; `protocol/PROTOCOL.md` 4 step 10).
public struct CoreVerifier: ChangeVerifying {
    /// The strict checks: format, hashes, coalition, key, skew, signature.
    public var verifier: ChangeVerifier
    /// The node's wall clock in Unix milliseconds; nil skips the future-timestamp check (replaying a log).
    public var clock: (@Sendable () -> UInt64)?

    public init(verifier: ChangeVerifier, clock: (@Sendable () -> UInt64)?) {
        self.verifier = verifier
        self.clock = clock
    }

    public func verify(wire: [UInt8]) -> Result<StoredChange, StoreRefusal> {
        let change: SignedChange
        do {
            change = try SignedChange.parse(wire, limits: verifier.limits)
        } catch {
            return .failure(StoreRefusal(code: error.code.description, message: error.description))
        }
        // The id is hashed here only when it is needed (a body-less change, or a refusal to
        // report); the verifier hashes the header once itself.
        let id = { ChangeID(digest: verifier.crypto.sha256(change.header.canonicalBytes)) }
        let provisional: Set<ChangeID> = change.isMissingBodies ? [id()] : []
        switch verifier.verify(change, wallMilliseconds: clock?(), redacted: provisional) {
        case .success(let verified):
            // Kept parsed for the merge that follows; `Store.ingest(wire:)` drops it before the
            // writer, so at most one batch of parsed changes (tens of KiB each) is alive.
            var stored = StoredChange(verified)
            stored.decoded = verified
            return .success(stored)
        case .failure(let rejection):
            return .failure(StoreRefusal(code: rejection.code.description, message: rejection.description,
                                         id: id().hex, recordID: change.header.record.description))
        }
    }
}
