public import AgoraStore
import AgoraCore
import AgoraCrypto

extension LocalNode {
    /// The node's sync status (`protocol/SYNC.md`, "Status").
    ///
    /// The set's count, fingerprint and newest stamp come from the writer-kept ``SyncItemSet`` in
    /// O(1) when this node writes (`agora serve`); a read-only node (`agora status` while nothing
    /// serves) reads its items once from the file instead.
    /// - Parameter set: the writer-kept set when the caller holds it already (then the writer is
    ///   not asked for it, so a status never waits behind a write in progress).
    public func syncStatus(set: SyncItemSet? = nil) async throws -> NodeSyncStatus {
        let (summary, newest) = try await setSummary(set)
        let snapshot = roster.snapshot.roster
        let refusals = try await store.clockRefusals()
        var peers: [NodeSyncStatus.Peer] = []
        for member in snapshot?.peers(excluding: config.cityID) ?? [] {
            let attempts = try await store.latestSyncAttempts(peer: member.city)
            peers.append(NodeSyncStatus.Peer(city: member.city, latest: attempts.latest, latestSuccess: attempts.latestSuccess,
                                             clock: refusals[member.city]))
        }
        return NodeSyncStatus(
            changes: Int(summary.count), fingerprint: SyncSetFingerprint.hex(of: summary, sha256: { SHA256.hash($0) }),
            wallMilliseconds: wallMilliseconds, newestMilliseconds: newest,
            maxSkewMilliseconds: UInt64(config.maxClockSkewSeconds) * 1000,
            roster: snapshot.map { ($0.sequence, $0.head.hex) }, peers: peers)
    }

    /// The whole set's summary and newest item's milliseconds.
    private func setSummary(_ held: SyncItemSet?) async throws -> (SyncSummary, UInt64?) {
        var set = held
        if set == nil, signingKey != nil { set = try await store.syncItemSet() }
        if let set { return set.reading { ($0.summary, $0.highestMilliseconds) } }
        let items = try await store.syncItems()
        return (SyncSummary(items), items.last?.milliseconds)
    }
}
