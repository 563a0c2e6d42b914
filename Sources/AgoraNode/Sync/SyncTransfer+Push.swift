import AgoraCore
import AgoraStore

extension SyncTransfer {
    /// Pushes what we have and the peer lacks: the listed items, then every item of the ranges
    /// where the peer holds nothing, read from the store's index a batch at a time
    /// (``Store/syncChanges(ids:ranges:after:limit:byteLimit:)``) and sent in batches within
    /// ``FederationSyncLimits/maximumBatchLines`` and ``FederationSyncLimits/maximumBatchBytes``.
    mutating func push(_ outcome: SyncOutcome) async throws {
        var ids = outcome.have.map(\.id)
        while !ids.isEmpty {
            let chunk = Array(ids.prefix(FederationSyncLimits.maximumBatchLines))
            let changes = try await read(ids: chunk)
            try await send(changes)
            let sent = Set(changes.map(\.id))
            let rest = chunk.filter { !sent.contains($0.bytes) }
            // Ids we no longer hold (or hold set aside) are dropped; the others wait for the next batch.
            ids = Array(ids.dropFirst(chunk.count)) + (changes.isEmpty ? [] : rest)
        }
        for range in outcome.haveRanges {
            var after: SyncItem?
            while true {
                let changes = try await read(ranges: [(range.lower, range.upper)], after: after)
                guard let last = changes.last, let id = SyncID(bytes: last.id) else { break }
                try await send(changes)
                after = SyncItem(milliseconds: UInt64(max(0, last.hlcMilliseconds)), id: id)
            }
        }
    }

    private func read(ids: [SyncID] = [], ranges: [SyncKeyBounds] = [], after: SyncItem? = nil) async throws -> [StoredChange] {
        try await node.store.syncChanges(ids: ids, ranges: ranges, after: after, limit: FederationSyncLimits.maximumBatchLines,
                                         byteLimit: FederationSyncLimits.maximumBatchBytes)
    }

    /// Sends `changes` in as few batches as the limits allow (a read may pass the byte limit by one change).
    private mutating func send(_ changes: [StoredChange]) async throws {
        var batch: [UInt8] = [], count = 0
        for change in changes {
            let line = change.wireBytes + [0x0A]
            if count == FederationSyncLimits.maximumBatchLines || batch.count + line.count > FederationSyncLimits.maximumBatchBytes {
                try await post(batch)
                batch = []
                count = 0
            }
            batch += line
            count += 1
        }
        try await post(batch)
    }

    private mutating func post(_ batch: [UInt8]) async throws {
        guard !batch.isEmpty else { return }
        attempt.bytesSent += batch.count
        attempt.changesSent += try await transport.push(batch)
    }
}
