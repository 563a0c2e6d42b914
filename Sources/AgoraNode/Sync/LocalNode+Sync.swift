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

    /// One session with the peer behind `transport`, then the transfers both ways.
    func sync(over transport: HTTPSyncTransport, into attempt: inout Store.SyncAttempt) async throws {
        let items = try await store.syncItems()
        let bound = syncBound(newest: items.last?.milliseconds)
        let run = try await SyncSessionRunner.run(items: items, bound: bound, transport: transport, session: Self.freshHex(16),
                                                  nonce: Self.randomBytes(8), sha256: { SHA256.hash($0) })
        attempt.roundTrips = run.roundTrips
        attempt.bytesSent = run.bytesSent
        attempt.bytesReceived = run.bytesReceived
        try await fetch(run.outcome, over: transport, into: &attempt)
        try await push(run.outcome, items: items, over: transport, into: &attempt)
    }

    /// Fetches and ingests what the peer has and we lack.
    private func fetch(_ outcome: SyncOutcome, over transport: HTTPSyncTransport, into attempt: inout Store.SyncAttempt) async throws {
        for start in stride(from: 0, to: outcome.need.count, by: FederationSyncLimits.maximumFetchIDs) {
            let ids = Array(outcome.need[start..<min(start + FederationSyncLimits.maximumFetchIDs, outcome.need.count)])
            try await ingest(try await transport.fetch(ids: ids, ranges: []), into: &attempt)
        }
        for range in outcome.needRanges {
            var lower = range.lower
            while lower < range.upper {
                let lines = try await transport.fetch(ids: [], ranges: [(lower, range.upper)])
                try await ingest(lines, into: &attempt)
                guard let last = Self.lastKey(lines), lines.split(separator: 0x0A).count >= FederationSyncLimits.maximumFetchChanges else { break }
                lower = SyncKey(milliseconds: last.milliseconds &+ (last.tail == .max ? 1 : 0), tail: last.tail &+ 1)
            }
        }
    }

    private func ingest(_ lines: [UInt8], into attempt: inout Store.SyncAttempt) async throws {
        attempt.bytesReceived += lines.count
        var remaining: Data? = lines.isEmpty ? nil : Data(lines)
        let report = try await importChanges(from: LineReader { _ in
            defer { remaining = nil }
            return remaining ?? Data()
        })
        attempt.changesReceived += report.accepted
    }

    /// The key of the last change in JSON Lines `lines`.
    static func lastKey(_ lines: [UInt8]) -> SyncKey? {
        guard let line = lines.split(separator: 0x0A).last, let change = try? SignedChange.parse(Array(line)) else { return nil }
        let digest = SHA256.hash(change.header.canonicalBytes)
        guard let id = SyncID(bytes: digest) else { return nil }
        return SyncItem(milliseconds: change.header.hlc.milliseconds, id: id).key
    }

    /// Pushes what we have and the peer lacks, in batches within the federation limits.
    private func push(_ outcome: SyncOutcome, items: [SyncItem], over transport: HTTPSyncTransport,
                      into attempt: inout Store.SyncAttempt) async throws {
        var ids = outcome.have.map(\.id)
        for range in outcome.haveRanges {
            ids += items.filter { $0.key >= range.lower && $0.key < range.upper }.map(\.id)
        }
        var batch: [UInt8] = [], count = 0
        func send() async throws {
            guard count > 0 else { return }
            attempt.bytesSent += batch.count
            attempt.changesSent += try await transport.push(batch)
            batch = []
            count = 0
        }
        for id in ids {
            guard let entry = try await store.change(id.bytes) else { continue }
            let line = entry.change.wireBytes + [0x0A]
            if count == FederationSyncLimits.maximumBatchLines || batch.count + line.count > FederationSyncLimits.maximumBatchBytes { try await send() }
            batch += line
            count += 1
        }
        try await send()
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func freshHex(_ count: Int) -> String { Hex.encode(randomBytes(count)) }
}
