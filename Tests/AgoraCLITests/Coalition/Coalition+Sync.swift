import AgoraCore
import AgoraTesting
import Foundation

/// One `agora sync --json` run: the attempts it printed (one per peer) and how it exited.
struct SyncRun {
    var attempts: [JSONValue]
    var status: Int32
    var error: String

    /// The attempts that failed.
    var failures: [JSONValue] { attempts.filter { $0["error"] != .null } }
}

extension Coalition {
    /// The message `agora sync` gives while the node's server runs and holds its store.
    static let servingRefusal = "agora serve is running on this node"

    /// `agora sync --json` on `city` with `peer` (nil: every active peer), by hand.
    @discardableResult
    func sync(_ city: String, peer: String? = nil) async throws -> SyncRun {
        try await sync(city, peers: [peer])[0]
    }

    /// `agora sync --json` on `city` with each of `peers` in turn (nil: every active peer). A
    /// node whose server refuses a sync by hand while it runs is stopped for the runs and
    /// started again on the same ports, as an operator would.
    func sync(_ city: String, peers: [String?]) async throws -> [SyncRun] {
        func arguments(_ peer: String?) -> [String] { ["sync", "--json", "--dir", city] + (peer.map { ["--peer", $0] } ?? []) }
        var results: [ChildProcess.Result] = []
        for peer in peers { results.append(await agora(arguments(peer))) }
        if let node = nodes[city], results.contains(where: { $0.status != 0 && $0.error.contains(Self.servingRefusal) }) {
            await node.stop()
            results = []
            for peer in peers { results.append(await agora(arguments(peer))) }
            try await node.start()
        }
        return try results.map { result in
            let attempts = try result.output.split(separator: "\n").map { try CanonicalJSON.decode(Array($0.utf8)) }
            guard result.status == 0 || !attempts.isEmpty else {
                throw FixtureError(message: "agora sync --dir \(city): \(result.status) \(result.error)")
            }
            return SyncRun(attempts: attempts, status: result.status, error: result.error)
        }
    }

    /// Rounds by hand that bring `cities` (default: all) to one set: the first syncs with each
    /// of the others, twice, so what it gathered in the first pass reaches those it met first.
    func syncRounds(_ cities: [String]? = nil) async throws {
        let cities = cities ?? self.cities
        guard let hub = cities.first else { return }
        let others = cities.dropFirst().map { Optional($0) }
        try await sync(hub, peers: others + others)
    }

    /// Waits until `cities` (default: all) serve the same state, and returns it: the served nodes'
    /// engines do the work; without engines, rounds are run by hand.
    @discardableResult
    func converge(_ cities: [String]? = nil) async throws -> NodeState {
        if engine { return try await waitForConvergence(cities) }
        try await syncRounds(cities)
        return try await waitForConvergence(cities) { try await syncRounds(cities) }
    }
}
