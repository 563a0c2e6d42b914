public import AgoraHTTP
public import AgoraStore
import Foundation

/// `GET /metrics` on the public port: the node's health in the Prometheus text format, for the
/// secretariat's scraper and the city's own monitoring. Counts and times only: no record text,
/// no error messages, no client addresses. Every family is listed in docs/METRICS.md.
public struct NodeMetrics: Sendable {
    /// Where the figures come from.
    public struct Sources: Sendable {
        /// The node's database.
        public var store: Store
        /// The roster (nil: a node without one).
        public var roster: NodeRoster?
        /// The federation port's refusals.
        public var federationGuard: FederationGuard?
        /// The sync routes' refusals.
        public var sync: FederationSync?
        /// Request durations by listener and route.
        public var requests: RequestHistogram
        /// The server's connection and request counters (nil until the server runs).
        public var server: @Sendable () -> HTTPServerStatistics?
        /// The process's start, Unix seconds.
        public var startedSeconds: Double

        /// The sources of a node's metrics.
        public init(store: Store, roster: NodeRoster?, federationGuard: FederationGuard?, sync: FederationSync?,
                    requests: RequestHistogram, server: @escaping @Sendable () -> HTTPServerStatistics?,
                    startedSeconds: Double = Date().timeIntervalSince1970) {
            self.store = store
            self.roster = roster
            self.federationGuard = federationGuard
            self.sync = sync
            self.requests = requests
            self.server = server
            self.startedSeconds = startedSeconds
        }
    }

    /// The path.
    public static let path = "/metrics"
    /// The longest a scrape's reads of the store may take before it is answered 503.
    public static let readLimits = QueryLimits.api

    let sources: Sources

    /// The metrics of `sources`.
    public init(_ sources: Sources) { self.sources = sources }

    /// Adds `GET /metrics` to `router`.
    public func install(into router: inout Router) {
        router.get(Self.path) { _ in
            do {
                return HTTPResponse(status: .ok, headers: ["Content-Type": MetricsText.contentType, "Cache-Control": "no-store"],
                                    body: try await render().bytes)
            } catch {
                return HTTPResponse(status: .serviceUnavailable, headers: ["Content-Type": "text/plain; charset=utf-8", "Retry-After": "5"],
                                    body: Array("the store could not be read for the metrics\n".utf8))
            }
        }
    }

    /// The exposition now.
    public func render() async throws -> MetricsText {
        var text = MetricsText()
        text.add("agora_process_start_time_seconds", .gauge, help: "When this node's process started, Unix seconds.", sources.startedSeconds)
        try await writeStore(to: &text)
        writeRoster(to: &text)
        try await writeSync(to: &text)
        writeRefusals(to: &text)
        if let server = sources.server() { Self.write(server, to: &text) }
        sources.requests.write(to: &text)
        return text
    }

    private func writeStore(to text: inout MetricsText) async throws {
        let counts = try await sources.store.counts(limits: Self.readLimits)
        text.add("agora_store_changes", .gauge, help: "Signed changes stored.", Double(counts.changes))
        text.add("agora_store_records", .gauge, help: "Records materialized from the changes.", Double(counts.records))
        let pending = try await sources.store.pendingSummary()
        text.add("agora_pending_changes", .gauge, help: "Changes waiting in the pending area (unknown key or suspended city), by peer.",
                 pending.waiting.sorted { $0.key < $1.key }.map { ([("peer", $0.key)], Double($0.value)) })
        text.add("agora_pending_dropped_total", .counter, help: "Changes dropped at the pending area's caps, by peer.",
                 pending.dropped.sorted { $0.key < $1.key }.map { ([("peer", $0.key)], Double($0.value)) })
        let readers = sources.store.readerStatus
        text.add("agora_store_readers_busy", .gauge, help: "Reader connections running a read now.", Double(readers.busy))
        text.add("agora_store_reads_waiting", .gauge, help: "Reads waiting for a reader connection.", Double(readers.waiting))
    }

    private func writeRoster(to text: inout MetricsText) {
        guard let snapshot = sources.roster?.snapshot, let roster = snapshot.roster else { return }
        text.add("agora_roster_sequence", .gauge, help: "Sequence number of the roster's head update.", Double(roster.sequence))
        var byStatus: [String: Int] = ["active": 0, "suspended": 0, "removed": 0]
        for member in roster.members.values { byStatus[member.status.rawValue, default: 0] += 1 }
        text.add("agora_roster_members", .gauge, help: "Members of the coalition, by status.",
                 byStatus.sorted { $0.key < $1.key }.map { ([("status", $0.key)], Double($0.value)) })
        text.add("agora_roster_fork", .gauge, help: "1 while the roster has an unresolved fork (the fold stops), else 0.",
                 snapshot.fold?.fork == nil ? 0 : 1)
    }

    private func writeSync(to text: inout MetricsText) async throws {
        let peers = try await sources.store.syncSummary()
        func family(_ name: String, _ kind: MetricsText.Kind, _ help: String, _ value: (Store.SyncPeerSummary) -> Double?) {
            text.add(name, kind, help: help, peers.compactMap { peer in value(peer).map { ([("peer", peer.peer)], $0) } })
        }
        family("agora_sync_attempts_total", .counter, "Sync attempts with each peer.") { Double($0.attempts) }
        family("agora_sync_failures_total", .counter, "Sync attempts with each peer that failed.") { Double($0.failures) }
        family("agora_sync_round_trips_total", .counter, "Reconciliation round trips with each peer.") { Double($0.roundTrips) }
        family("agora_sync_sent_bytes_total", .counter, "Bytes sent to each peer (reconciliation and change batches).") { Double($0.bytesSent) }
        family("agora_sync_received_bytes_total", .counter, "Bytes received from each peer.") { Double($0.bytesReceived) }
        family("agora_sync_sent_changes_total", .counter, "Changes each peer newly stored from this node.") { Double($0.changesSent) }
        family("agora_sync_received_changes_total", .counter, "Changes this node newly stored from each peer.") { Double($0.changesReceived) }
        family("agora_sync_last_attempt_timestamp_seconds", .gauge, "When the last attempt with each peer started, Unix seconds.") {
            $0.lastAttemptMilliseconds.map { Double($0) / 1000 }
        }
        family("agora_sync_last_success_timestamp_seconds", .gauge, "When the last successful attempt with each peer started, Unix seconds.") {
            $0.lastSuccessMilliseconds.map { Double($0) / 1000 }
        }
    }

    private func writeRefusals(to text: inout MetricsText) {
        if let guardian = sources.federationGuard {
            text.add("agora_federation_refusals_total", .counter, help: "Federation-port requests refused by the roster check, by reason code.",
                     guardian.refusals.sorted { $0.key < $1.key }.map { ([("code", $0.key)], Double($0.value)) })
        }
        if let sync = sources.sync {
            text.add("agora_sync_refusals_total", .counter, help: "Sync requests or pushed changes refused, by error code.",
                     sync.refusals.sorted { $0.key < $1.key }.map { ([("code", $0.key)], Double($0.value)) })
        }
    }

    static func write(_ s: HTTPServerStatistics, to text: inout MetricsText) {
        text.add("agora_http_connections_open", .gauge, help: "Admitted connections open now.", Double(s.openConnections))
        text.add("agora_http_connections_total", .counter, help: "Connections by outcome at accept.", [
            ([("outcome", "accepted")], Double(s.acceptedConnections)), ([("outcome", "rejected")], Double(s.rejectedConnections)),
            ([("outcome", "dropped")], Double(s.droppedConnections)), ([("outcome", "client-limit")], Double(s.clientLimitDrops)),
        ])
        text.add("agora_http_requests_total", .counter, help: "Requests handed to a handler.", Double(s.requests))
        text.add("agora_http_refusals_total", .counter, help: "Connections or requests refused before a handler, by reason.", [
            ([("reason", "parse-error")], Double(s.parseErrors)), ([("reason", "handshake-failure")], Double(s.handshakeFailures)),
            ([("reason", "plain-http-on-tls")], Double(s.plainHTTPOnTLS)),
        ])
        text.add("agora_http_timeouts_total", .counter, help: "Connections timed out, by phase.", [
            ([("phase", "handshake")], Double(s.handshakeTimeouts)), ([("phase", "header")], Double(s.headerTimeouts)),
            ([("phase", "body")], Double(s.bodyTimeouts)), ([("phase", "idle")], Double(s.idleTimeouts)),
            ([("phase", "write")], Double(s.writeTimeouts)),
        ])
    }
}
