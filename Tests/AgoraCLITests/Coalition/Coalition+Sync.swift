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
    /// `agora sync --json` on `city` with `peer` (nil: every active peer), by hand: handed to
    /// the node's server when it runs, else run from its directory.
    @discardableResult
    func sync(_ city: String, peer: String? = nil) async throws -> SyncRun {
        let result = await agora(["sync", "--json", "--dir", city] + (peer.map { ["--peer", $0] } ?? []))
        let attempts = try result.output.split(separator: "\n").map { try CanonicalJSON.decode(Array($0.utf8)) }
        guard result.status == 0 || !attempts.isEmpty else {
            throw FixtureError(message: "agora sync --dir \(city): \(result.status) \(result.error)")
        }
        return SyncRun(attempts: attempts, status: result.status, error: result.error)
    }

    /// Rounds by hand that bring `cities` (default: all) to one set: the first syncs with each
    /// of the others, twice, so what it gathered in the first pass reaches those it met first.
    func syncRounds(_ cities: [String]? = nil) async throws {
        let cities = cities ?? self.cities
        guard let hub = cities.first else { return }
        for _ in 0..<2 {
            for peer in cities.dropFirst() { try await sync(hub, peer: peer) }
        }
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
