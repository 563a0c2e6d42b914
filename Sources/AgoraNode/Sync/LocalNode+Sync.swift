public import AgoraCore
public import AgoraStore
import AgoraCrypto
import AgoraHTTP
import Foundation

extension LocalNode {
    /// Runs one sync round with the roster's active peers (or only `city`): for each, one
    /// reconciliation session over its federation port, then the changes it has and we lack are
    /// fetched and ingested as `agora import` does, and ours it lacks are pushed. Every attempt
    /// is recorded in `sync_attempts`, failed ones too; a failure with one peer does not stop the others.
    /// - Throws: ``NodeError`` when the node holds no roster, or `city` is not an active peer.
    public func syncRound(with city: String? = nil) async throws -> [Store.SyncAttempt] {
        guard let roster = roster.snapshot.roster else {
            throw NodeError(.invalidInput, "this node holds no roster yet; enrol from a bundle first (agora enrol BUNDLE)")
        }
        let peers = roster.peers(excluding: config.cityID).filter { city == nil || $0.city == city }
        guard !peers.isEmpty else {
            throw NodeError(.notFound, city.map { "\($0) is not an active peer in the roster" } ?? "the roster lists no other active member")
        }
        let client = try syncClient()
        defer { client.closeIdleConnections() }  // a kept-alive TLS connection must not outlive the round
        var attempts: [Store.SyncAttempt] = []
        for peer in peers { attempts.append(try await sync(with: peer, client: client)) }
        return attempts
    }

    /// An HTTPS client that presents this node's certificate (mutual TLS on peers' federation ports).
    public func syncClient() throws -> HTTPClient {
        let credentials = try TLSCredentials(certificateFile: directory.url(for: config.tlsCertificatePath).path,
                                             privateKeyFile: directory.url(for: config.tlsKeyPath).path)
        return try HTTPClient(configuration: HTTPClientConfiguration(credentials: credentials, threads: 1))
    }

    /// One sync attempt with `peer` (one reconciliation session, then the transfers both ways)
    /// through `client`, recorded in `sync_attempts` whether it succeeds or fails: a failure is
    /// the attempt's `error`, never a thrown error.
    /// - Throws: ``StoreError`` only when the attempt cannot be recorded.
    public func sync(with peer: Roster.Member, client: HTTPClient) async throws -> Store.SyncAttempt {
        var attempt = Store.SyncAttempt(peer: peer.city, startedMilliseconds: Self.nowMilliseconds())
        do {
            let transport = try HTTPSyncTransport(client: client, federationURL: peer.node.federationURL, pin: peer.node.pin)
            try await sync(over: transport, into: &attempt)
        } catch {
            attempt.error = "\(error)"
        }
        attempt.durationMilliseconds = Self.nowMilliseconds() - attempt.startedMilliseconds
        try await store.recordSyncAttempt(attempt)
        return attempt
    }

    static func nowMilliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// One session with the peer behind `transport`, then the transfers both ways
    /// (``SyncTransfer``: bounded answers and batches, read from and written to the store's index).
    /// Our side of the session is the writer-kept set as it is at the start (copied, O(n) in
    /// memory, no database scan); what is ingested meanwhile is reconciled next time.
    func sync(over transport: HTTPSyncTransport, into attempt: inout Store.SyncAttempt) async throws {
        let items: [SyncItem]
        if let set = try? await store.syncItemSet() {
            items = set.items(below: HLCTimestamp.maxMilliseconds)
        } else {
            items = try await store.syncItems()  // a read-only store keeps no set
        }
        let bound = max(UInt64(Self.nowMilliseconds()), items.last?.milliseconds ?? 0) + 1
        let run = try await SyncSessionRunner.run(items: items, bound: bound, transport: transport, session: Self.freshHex(16),
                                                  nonce: Self.randomBytes(8), sha256: { SHA256.hash($0) })
        attempt.roundTrips = run.roundTrips
        attempt.bytesSent = run.bytesSent
        attempt.bytesReceived = run.bytesReceived
        var transfer = SyncTransfer(node: self, transport: transport, attempt: attempt)
        defer { attempt = transfer.attempt }  // the figures of what moved count even when a transfer fails
        try await transfer.fetch(run.outcome)
        try await transfer.push(run.outcome)
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func freshHex(_ count: Int) -> String { Hex.encode(randomBytes(count)) }
}
