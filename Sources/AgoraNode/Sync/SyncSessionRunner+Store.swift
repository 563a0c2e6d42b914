public import AgoraCore
public import AgoraStore

extension SyncSessionRunner {
    /// Reconciles the store's sync item set below `bound` with the peer behind `transport`. The
    /// items below the bound are copied out of the set at the start (O(n)), so the session's
    /// side stays fixed while the writer goes on: what is ingested meanwhile is found next time.
    public static func run(set: SyncItemSet, bound: UInt64, transport: any SyncTransport, session: String, nonce: [UInt8],
                           sha256: @escaping @Sendable ([UInt8]) -> [UInt8]) async throws -> SyncRun {
        try await run(items: set.items(below: bound), bound: bound, transport: transport, session: session, nonce: nonce,
                      sha256: sha256)
    }
}
