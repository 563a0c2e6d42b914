import AgoraCore
import AgoraHTTP
import AgoraNode
import AgoraStore
import Foundation

/// Serving while syncing (issue 14, item 8), driven by `scripts/bench/sync-backfill`: the node in
/// `AGORA_BENCH_NODE` (enrolled, empty) is served in this process on a public port of its own;
/// `/healthz` and a search (`AGORA_BENCH_PATHS`, one path per line, cycled) are timed one after
/// the other over one keep-alive TLS connection, first while the node backfills everything from
/// its peer `AGORA_BENCH_PEER` through `LocalNode.syncRound(with:)` (the engine's own path), in
/// the same process and on the same store the server reads, then once it is idle and holds the
/// whole catalog (`AGORA_BENCH_PROBES` of each, default 200).
enum SyncServeBenchmark {
    static let benchmark = Benchmark(
        name: "sync-serve",
        summary: "p50/p99 of /healthz and a search on a node idle and while it backfills from a peer",
        run: { _ in try StoreBenchmark.blocking { try await run() } })

    static func run() async throws -> [Figure] {
        let environment = ProcessInfo.processInfo.environment
        guard let dir = environment["AGORA_BENCH_NODE"], let pathsFile = environment["AGORA_BENCH_PATHS"],
              let peer = environment["AGORA_BENCH_PEER"] else {
            throw BenchError("set AGORA_BENCH_NODE, AGORA_BENCH_PATHS and AGORA_BENCH_PEER")
        }
        let probes = Int(environment["AGORA_BENCH_PROBES"] ?? "") ?? 200
        let paths = try String(contentsOfFile: pathsFile, encoding: .utf8).split(separator: "\n").map(String.init)
        let directory = NodeDirectory(root: URL(fileURLWithPath: dir))
        let served = try await ServedNode.open(directory)
        let configuration = NodeServer.Configuration(port: 0, credentials: served.credentials,
                                                     adminSocketPath: AdminClient.socketPath(in: dir),
                                                     adminToken: served.adminToken)
        let server = try NodeServer.start(configuration, services: .init(store: served.store, writer: LocalNodeWriter(node: served.node),
                                                                          exporter: served.node, roster: served.node.roster),
                                          log: NodeLog { _ in })
        let client = try HTTPClient(configuration: HTTPClientConfiguration())
        let endpoint = HTTPEndpoint.tls(host: "127.0.0.1", port: server.port, pin: server.pin)
        let started = Clocks.monotonic()
        let finished = Finished()
        let sync = Task {
            defer { finished.set() }
            return try await served.node.syncRound(with: peer)
        }
        var busy = Probes(), n = 0
        while !finished.value {
            try await busy.take(client, endpoint, search: paths[n % paths.count])
            n += 1
        }
        let attempts = try await sync.value
        let seconds = Clocks.monotonic() - started
        var idle = Probes()  // the same node, idle, now that it holds the whole catalog
        for n in 0..<probes { try await idle.take(client, endpoint, search: paths[n % paths.count]) }
        client.closeIdleConnections()
        await server.shutdown()
        await served.store.close()
        guard let attempt = attempts.first, attempt.error == nil else { throw BenchError("the backfill failed: \(attempts)") }
        return [
            Figure(name: "sync-serve.backfill.changes", value: Double(attempt.changesReceived), unit: "changes"),
            Figure(name: "sync-serve.backfill.seconds", value: seconds, unit: "s"),
            Figure(name: "sync-serve.idle.healthz.p50", value: StoreQueries.percentile(idle.healthz, 0.5), unit: "ms"),
            Figure(name: "sync-serve.idle.healthz.p99", value: StoreQueries.percentile(idle.healthz, 0.99), unit: "ms"),
            Figure(name: "sync-serve.idle.search.p50", value: StoreQueries.percentile(idle.search, 0.5), unit: "ms"),
            Figure(name: "sync-serve.idle.search.p99", value: StoreQueries.percentile(idle.search, 0.99), unit: "ms"),
            Figure(name: "sync-serve.busy.probes", value: Double(busy.healthz.count), unit: "-"),
            Figure(name: "sync-serve.busy.refused", value: Double(busy.refused), unit: "-"),
            Figure(name: "sync-serve.idle.refused", value: Double(idle.refused), unit: "-"),
            Figure(name: "sync-serve.busy.healthz.p50", value: StoreQueries.percentile(busy.healthz, 0.5), unit: "ms"),
            Figure(name: "sync-serve.busy.healthz.p99", value: StoreQueries.percentile(busy.healthz, 0.99), unit: "ms"),
            Figure(name: "sync-serve.busy.search.p50", value: StoreQueries.percentile(busy.search, 0.5), unit: "ms"),
            Figure(name: "sync-serve.busy.search.p99", value: StoreQueries.percentile(busy.search, 0.99), unit: "ms"),
            Figure(name: "sync-serve.rss.peak", value: Double(StoreBenchmark.peakRSSKiB()) / 1024, unit: "MiB"),
        ]
    }

    /// Whether the backfill is over (set once by its task, read by the probing loop).
    final class Finished: @unchecked Sendable {
        // @unchecked: `done` is only touched while `lock` is held.
        private let lock = NSLock()
        private var done = false
        var value: Bool { lock.withLock { done } }
        func set() { lock.withLock { done = true } }
    }

    /// Latencies of `/healthz` and of searches, in milliseconds.
    struct Probes {
        var healthz: [Double] = []
        var search: [Double] = []
        /// Answers other than 200 (a search refused as busy, say), timed all the same.
        var refused = 0

        mutating func take(_ client: HTTPClient, _ endpoint: HTTPEndpoint, search path: String) async throws {
            healthz.append(try await time(client, endpoint, "/healthz"))
            search.append(try await time(client, endpoint, path))
        }

        mutating func time(_ client: HTTPClient, _ endpoint: HTTPEndpoint, _ target: String) async throws -> Double {
            let started = Clocks.monotonic()
            let response = try await client.send(HTTPClientRequest(target: target), to: endpoint)
            if response.status.code != 200 { refused += 1 }
            return (Clocks.monotonic() - started) * 1000
        }
    }
}
