import AgoraCore
public import AgoraStore
import AgoraCrypto

/// The node's policy for changes it cannot judge yet (`docs/FEDERATION.md`, "The pending area"):
/// a change signed by a key the roster does not hold, or written by a suspended member, waits
/// in the store's bounded pending area and is ingested as soon as the roster admits it.
public struct PendingArea: Sendable {
    /// The store holding the area.
    let store: Store
    /// Its quota per peer and total cap (`node.json` `pending.perPeer`, `pending.total`).
    public let limits: Store.PendingLimits
    let keys: LiveKeyDirectory
    let board: RosterBoard

    /// Splits import lines into those to ingest now and those of suspended members, which wait.
    /// Parses nothing unless the roster has a suspended member.
    func setAside(_ lines: [LineReader.Line], roster: Roster?) async -> (now: [LineReader.Line], waiting: [[UInt8]]) {
        guard let roster, roster.members.values.contains(where: { $0.status == .suspended }) else { return (lines, []) }
        var now: [LineReader.Line] = [], waiting: [[UInt8]] = []
        for line in lines {
            if let change = try? SignedChange.parse(line.bytes), roster.members[change.header.city]?.status == .suspended {
                waiting.append(line.bytes)
            } else {
                now.append(line)
            }
        }
        return (now, waiting)
    }

    /// Why a change must wait under `roster` and `directory`, or nil when it can be judged now.
    static func reason(city: String, key: [UInt8], roster: Roster?, directory: KeyDirectory) -> String? {
        if directory.entry(for: key) == nil { return "unknown-key" }
        if roster?.members[city]?.status == .suspended { return "suspended" }
        return nil
    }

    /// Holds changes in wire form from `peer` (what `agora import` or sync could not judge).
    /// Lines that do not parse as changes are not held (they are refused by the caller).
    public func hold(_ lines: [[UInt8]], peer: String) async throws -> Store.PendingReport {
        let directory = keys.current, roster = board.snapshot.roster
        var items: [Store.PendingChange] = []
        for line in lines {
            guard let change = try? SignedChange.parse(line) else { continue }
            let reason = Self.reason(city: change.header.city, key: change.header.key, roster: roster, directory: directory) ?? "unknown-key"
            let id = Hex.decode(ChangeID(digest: SHA256.hash(change.header.canonicalBytes)).hex, count: 32) ?? []
            items.append(Store.PendingChange(id: id, peer: peer, city: change.header.city, key: change.header.key,
                                             reason: reason, wire: line))
        }
        return try await store.holdPending(items, limits: limits)
    }

    /// Ingests the waiting changes the roster now admits; takes out of the area those stored
    /// and those refused for good (any reason but `unknown-key` and `future-timestamp`).
    /// - Returns: the changes newly stored.
    func release(roster: Roster?, directory: KeyDirectory) async throws -> Int {
        let ready = try await store.pendingChanges().filter {
            Self.reason(city: $0.city, key: $0.key, roster: roster, directory: directory) == nil
        }
        var stored = 0
        for start in stride(from: 0, to: ready.count, by: Store.maximumBatch) {
            let batch = Array(ready[start..<min(start + Store.maximumBatch, ready.count)])
            let report = try await store.ingest(wire: batch.map(\.wire))
            stored += report.accepted
            // Still unknown (a directory change in between) or stamped ahead of the clock: they keep waiting.
            let waiting = Set(report.refusals.filter { ["unknown-key", "future-timestamp"].contains($0.code) }.map(\.index))
            try await store.removePending(batch.indices.filter { !waiting.contains($0) }.map { batch[$0].id })
        }
        return stored
    }
}
