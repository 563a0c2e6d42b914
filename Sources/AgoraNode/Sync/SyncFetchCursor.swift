import AgoraCore
import AgoraStore

/// One fetch answer being read from the store a page at a time (`protocol/SYNC.md` 10): the
/// changes named by ids or in ranges, in (HLC ms, id) order, at most
/// ``FederationSyncLimits/maximumFetchChanges`` in all, stopping after the line that passes
/// ``FederationSyncLimits/maximumFetchAnswerBytes``. Each page is one indexed read
/// (``Store/syncChanges(ids:ranges:after:limit:byteLimit:)``) from after the last change sent.
actor SyncFetchCursor {
    /// Changes read per page.
    static let pageSize = 64

    private let store: Store
    private let ids: [SyncID]
    private let ranges: [SyncKeyBounds]
    private var after: SyncItem?
    private var sent = 0, bytes = 0
    private var isDone = false

    init(store: Store, ids: [SyncID], ranges: [SyncKeyBounds]) {
        self.store = store
        self.ids = ids
        self.ranges = ranges
        isDone = ids.isEmpty && ranges.isEmpty
    }

    /// The next page's lines, or nil when the answer is complete.
    func next() async throws -> [UInt8]? {
        guard !isDone else { return nil }
        let asked = min(Self.pageSize, FederationSyncLimits.maximumFetchChanges - sent)
        let changes = try await store.syncChanges(ids: ids, ranges: ranges, after: after, limit: asked,
                                                  byteLimit: FederationSyncLimits.maximumFetchAnswerBytes - bytes)
        var piece: [UInt8] = []
        for change in changes { piece += change.wireBytes + [0x0A] }
        sent += changes.count
        bytes += piece.count
        if let last = changes.last, let id = SyncID(bytes: last.id) {
            after = SyncItem(milliseconds: UInt64(max(0, last.hlcMilliseconds)), id: id)
        }
        isDone = changes.count < asked || sent >= FederationSyncLimits.maximumFetchChanges
            || bytes > FederationSyncLimits.maximumFetchAnswerBytes
        return piece.isEmpty ? nil : piece
    }
}
