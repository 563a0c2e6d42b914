import AgoraCore
import AgoraHTTP
import AgoraStore

/// Push: fresh changes sent at once to a bounded random fanout of peers (`protocol/SYNC.md`, section 11).
extension SyncEngine {
    /// Waits for changes to push, and pushes them batch by batch.
    func runPushes() async {
        guard let client = makeClient(stopping: "push stopped") else { return }
        defer { client.closeIdleConnections() }
        while !Task.isCancelled {
            let batch = lock.withLock { queue.take(FederationSyncLimits.maximumBatchLines) }
            guard !batch.isEmpty else {
                await pushWakeup.wait(milliseconds: configuration.policy.interval)
                continue
            }
            await push(batch, client: client)
        }
    }

    /// Pushes `entries` (one source) to the fanout: local changes all, a peer's only while fresh.
    func push(_ entries: [PushQueue.Entry], client: HTTPClient) async {
        let source = entries.first?.source
        let bodies = await pushBodies(entries, gossip: source != nil)
        guard !bodies.isEmpty else { return }
        let members = rosterPeers()
        let targets = lock.withLock {
            schedule.setPeers(Array(members.keys), now: clock())
            return schedule.pushTargets(excluding: source.map { [$0] } ?? [], using: &random)
        }
        let changes = bodies.reduce(0) { $0 + $1.count }
        await withTaskGroup(of: Void.self) { group in
            for city in targets {
                guard let member = members[city] else { continue }
                group.addTask { await self.push(bodies.map(\.bytes), changes: changes, to: member, client: client) }
            }
        }
    }

    /// Sends the batches to one peer; a failure puts the peer into backoff.
    func push(_ bodies: [[UInt8]], changes: Int, to member: Roster.Member, client: HTTPClient) async {
        var accepted = 0
        do {
            let transport = try HTTPSyncTransport(client: client, federationURL: member.node.federationURL, pin: member.node.pin)
            for body in bodies { accepted += try await transport.push(body) }
        } catch {
            let now = clock()
            lock.withLock { schedule.failed(member.city, now: now, using: &random) }
            log.write(.warning, "push failed", ["peer": member.city, "changes": String(changes), "error": "\(error)"])
            return
        }
        log.info("pushed", ["peer": member.city, "changes": String(changes), "accepted": String(accepted)])
    }

    /// The wire form of `entries` in (HLC, id) order, split into batches within the federation
    /// limits; with `gossip`, only the changes whose HLC time is within the gossip window.
    func pushBodies(_ entries: [PushQueue.Entry], gossip: Bool) async -> [(bytes: [UInt8], count: Int)] {
        let cutoff = clock() - configuration.gossipWindow
        var changes: [StoredChange] = []
        for entry in entries {
            guard let stored = try? await node.store.change(entry.id) else { continue }
            if gossip && stored.change.hlcMilliseconds < cutoff { continue }
            changes.append(stored.change)
        }
        changes.sort { ($0.hlcMilliseconds, $0.idHex) < ($1.hlcMilliseconds, $1.idHex) }
        var bodies: [(bytes: [UInt8], count: Int)] = []
        var current: [UInt8] = [], count = 0
        for change in changes {
            let line = change.wireBytes + [0x0A]
            if count > 0 && (count == FederationSyncLimits.maximumBatchLines || current.count + line.count > FederationSyncLimits.maximumBatchBytes) {
                bodies.append((current, count))
                (current, count) = ([], 0)
            }
            current += line
            count += 1
        }
        if count > 0 { bodies.append((current, count)) }
        return bodies
    }
}
