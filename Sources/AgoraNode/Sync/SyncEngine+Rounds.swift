import AgoraHTTP
public import AgoraStore
import AgoraCore

/// Anti-entropy: the round loop, and rounds run by hand (`agora sync` handed to the server).
extension SyncEngine {
    /// Sleeps until a peer is due (or the roster changes), then runs a round with the due peers.
    func runRounds() async {
        guard let client = makeClient(stopping: "sync stopped") else { return }
        defer { client.closeIdleConnections() }
        while !Task.isCancelled {
            let peers = rosterPeers()
            let now = clock()
            let (due, next): ([String], Int64?) = lock.withLock {
                schedule.setPeers(Array(peers.keys), now: now)
                return (schedule.due(at: now), schedule.nextDue)
            }
            guard !due.isEmpty else {
                await roundWakeup.wait(milliseconds: (next ?? now + configuration.policy.interval) - now)
                continue
            }
            _ = await round(due.compactMap { peers[$0] }, client: client)
            client.closeIdleConnections()  // a kept-alive TLS connection must not outlive the round
        }
    }

    /// The node's sync client; nil (logged as `event`) when its certificate cannot be read.
    func makeClient(stopping event: String) -> HTTPClient? {
        do { return try node.syncClient() } catch {
            log.write(.error, event, ["error": "cannot make the sync client: \(error)"])
            return nil
        }
    }

    /// One sync round by hand (`agora sync` handed to the running server): the roster pulled,
    /// then one session with each active peer, or only with `city`. The schedule takes the
    /// outcomes as it takes its own rounds'.
    /// - Throws: ``NodeError`` when the node holds no roster, or `city` is not an active peer.
    public func roundNow(with city: String? = nil) async throws -> [Store.SyncAttempt] {
        guard node.roster.snapshot.roster != nil else {
            throw NodeError(.invalidInput, "this node holds no roster yet; enrol from a bundle first (agora enrol BUNDLE)")
        }
        let members = rosterPeers().values.filter { city == nil || $0.city == city }.sorted { $0.city < $1.city }
        guard !members.isEmpty else {
            throw NodeError(.notFound, city.map { "\($0) is not an active peer in the roster" } ?? "the roster lists no other active member")
        }
        let client = try node.syncClient()
        defer { client.closeIdleConnections() }
        return await round(members, client: client)
    }

    /// One round: the roster pulled from the first peer (a failure is logged, and sync goes on),
    /// then one recorded session with each peer in turn.
    func round(_ members: [Roster.Member], client: HTTPClient) async -> [Store.SyncAttempt] {
        guard let first = members.first else { return [] }
        do {
            let intake = try await ChangeOrigin.$current.withValue(.antiEntropy(first.city)) { try await node.pullRoster(from: first.city) }
            if intake.held > 0 { log.info("roster pulled", ["peer": first.city, "held": String(intake.held), "sequence": String(intake.sequence)]) }
        } catch {
            log.write(.warning, "roster pull failed", ["peer": first.city, "error": "\(error)"])
        }
        // One session at a time: a later session starts from the set the earlier ones filled, so
        // a new node backfills from one peer, not from each of them at once, and holds one copy
        // of its set, not one per session.
        var attempts: [Store.SyncAttempt] = []
        for member in members {
            if Task.isCancelled || isStopped { break }
            if let attempt = await session(with: member, client: client) { attempts.append(attempt) }
        }
        return attempts
    }

    /// One recorded session with `member`; the schedule and the log take its outcome.
    func session(with member: Roster.Member, client: HTTPClient) async -> Store.SyncAttempt? {
        let city = member.city
        lock.withLock { received[city] = 0 }
        let attempt: Store.SyncAttempt
        do {
            attempt = try await ChangeOrigin.$current.withValue(.antiEntropy(city)) { try await node.sync(with: member, client: client) }
        } catch {
            let now = clock()
            lock.withLock { schedule.failed(city, now: now, using: &random) }  // never a busy loop on a failing store
            log.write(.error, "sync not recorded", ["peer": city, "error": "\(error)"])
            return nil
        }
        let now = clock()
        let state: SyncSchedule.PeerState? = lock.withLock {
            if attempt.error == nil { schedule.succeeded(city, now: now, using: &random) } else { schedule.failed(city, now: now, using: &random) }
            return schedule.peers[city]
        }
        if let error = attempt.error {
            log.write(.warning, "sync failed", ["peer": city, "error": error, "failures": String(state?.failures ?? 0),
                                                "retryInMs": String((state?.due ?? now) - now)])
        } else if attempt.changesReceived > 0 || attempt.changesSent > 0 {
            log.info("synced", ["peer": city, "received": String(attempt.changesReceived), "sent": String(attempt.changesSent),
                                "roundTrips": String(attempt.roundTrips), "ms": String(attempt.durationMilliseconds)])
        }
        return attempt
    }
}
