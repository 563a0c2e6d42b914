public import AgoraCore

/// What one reconciliation session with a peer produced, with its traffic: the figures the
/// per-peer sync record will store (issue 14, item 3).
public struct SyncRun: Sendable {
    /// What each side lacks, and whether the final check passed.
    public var outcome: SyncOutcome
    /// Bytes sent to the peer, and received from it.
    public var bytesSent: Int
    public var bytesReceived: Int
    /// Request/answer exchanges.
    public var roundTrips: Int
}

/// Runs the initiator's side of one session over a transport. See `protocol/SYNC.md`, "Sessions".
public enum SyncSessionRunner {
    /// Reconciles `items` (in order) below `bound` with the peer behind `transport`.
    ///
    /// - Parameters:
    ///   - session: a fresh, unique session name (e.g. 16 random bytes in hex).
    ///   - nonce: 8 fresh random bytes.
    public static func run(items: [SyncItem], bound: UInt64, transport: any SyncTransport, session: String, nonce: [UInt8],
                           sha256: @escaping @Sendable ([UInt8]) -> [UInt8]) async throws -> SyncRun {
        var initiator = SyncInitiator(source: FingerprintTree(sorted: items), bound: bound, nonce: nonce, sha256: sha256)
        var sent = 0, received = 0, roundTrips = 0
        var next: SyncMessage? = initiator.start()
        while let message = next {
            let request = message.bytes
            sent += request.count
            roundTrips += 1
            let answer = try await transport.reconcile(request, session: session)
            received += answer.count
            next = try initiator.receive(SyncMessage(bytes: answer))
        }
        guard let outcome = initiator.outcome else { throw SyncServiceError(message: "the session ended without an outcome") }
        return SyncRun(outcome: outcome, bytesSent: sent, bytesReceived: received, roundTrips: roundTrips)
    }
}
