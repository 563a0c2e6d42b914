import AgoraCore
import AgoraNode
import Foundation

/// Anti-entropy simulation (issue 14, item 8): 100 and 1,000 nodes running the real
/// reconciliation engine (`SyncSessionRunner` initiators against `SyncResponderService`s over
/// `InProcessSyncTransport`), each node choosing a peer at random every round. Items are
/// synthetic `(milliseconds, id)` pairs (set reconciliation needs no signatures).
///
/// Push off: `writes` fresh changes land at random nodes just before round 1; the figure is the
/// number of rounds until every node holds all of them (p50, p99, max over the trials), next to
/// the target log2(N) + 3. Idle: the bytes of a round once converged (every session then ends
/// `equal`), per node. Push on (`SimPushNetwork`): the engine's own schedule, fanout and gossip
/// rule in simulated time; the time until every node holds one fresh change, and the idle bytes
/// per peer per anti-entropy interval. `--seconds` is ignored.
enum SyncSimBenchmark {
    static let benchmark = Benchmark(
        name: "sync-sim",
        summary: "anti-entropy of 100 and 1,000 nodes: rounds to converge (pull, push), idle bytes",
        run: { _ in try StoreBenchmark.blocking { try await run() } })

    /// (nodes, trials): p99 over 100 trials each.
    static let cases = [(100, 100), (1_000, 100)]
    /// Items every node holds before the trial.
    static let baseItems = 100
    /// Fresh changes written just before round 1 (push off).
    static let writes = 10
    /// Peers a node pushes a fresh change to (push on): the engine's default.
    static let fanout = SyncSchedule.Policy.defaultFanout
    /// Push on: trials per N (each builds N schedules of N - 1 peers).
    static let pushTrials = [100: 100, 1_000: 20]
    /// Push on: the network round trip (ms) a push or a session message costs.
    static let rtt: Int64 = 20
    /// Push on: nodes whose idle sessions with every peer are measured.
    static let idleSample = 5
    /// Rounds after which a trial counts as not converged.
    static let maximumRounds = 64
    static let start: UInt64 = 1_764_547_200_000

    static func run() async throws -> [Figure] {
        var figures: [Figure] = []
        for (nodes, trials) in cases {
            var pull: [Int] = [], push: [Int] = [], idle: [Double] = [], sessions = 0, inconsistent = 0
            let before = SyncBenchmark.cpuNow()
            for trial in 0..<trials {
                let seed = UInt64(nodes * 1_000 + trial)
                for pushing in [false, true] {
                    let trial = try await converge(nodes: nodes, seed: seed, push: pushing)
                    if pushing { push.append(trial.rounds) } else { pull.append(trial.rounds); idle.append(trial.idleBytes) }
                    sessions += trial.network.sessions
                    inconsistent += trial.network.inconsistentSessions
                }
            }
            let onFigures = try await pushOn(nodes: nodes, trials: pushTrials[nodes] ?? 10)
            let cpu = SyncBenchmark.cpuNow() - before
            let name = "sync-sim.n\(nodes)"
            figures += [
                Figure(name: "\(name).pull.rounds.p50", value: percentile(pull, 0.50), unit: "rounds"),
                Figure(name: "\(name).pull.rounds.p99", value: percentile(pull, 0.99), unit: "rounds"),
                Figure(name: "\(name).pull.rounds.max", value: Double(pull.max() ?? 0), unit: "rounds"),
                Figure(name: "\(name).pull.target", value: log2(Double(nodes)) + 3, unit: "rounds"),
                Figure(name: "\(name).push.rounds.p50", value: percentile(push, 0.50), unit: "rounds"),
                Figure(name: "\(name).push.rounds.p99", value: percentile(push, 0.99), unit: "rounds"),
                Figure(name: "\(name).idle.bytes-per-node-round", value: idle.reduce(0, +) / Double(idle.count), unit: "B"),
                Figure(name: "\(name).trials", value: Double(trials), unit: "-"),
                Figure(name: "\(name).sessions", value: Double(sessions), unit: "-"),
                Figure(name: "\(name).sessions.inconsistent", value: Double(inconsistent), unit: "-"),
                Figure(name: "\(name).cpu", value: cpu, unit: "s"),
            ] + onFigures
        }
        figures.append(Figure(name: "sync-sim.rss.peak", value: Double(StoreBenchmark.peakRSSKiB()) / 1024, unit: "MiB"))
        return figures
    }

    /// One trial: rounds until every node holds every write, and (push off) the bytes per node
    /// of one more, idle, round.
    static func converge(nodes: Int, seed: UInt64, push: Bool) async throws -> (rounds: Int, idleBytes: Double, network: SimNetwork) {
        var random = SplitMix64(seed: seed)
        func item(_ offset: UInt64) -> SyncItem {
            SyncItem(milliseconds: start + offset, id: SyncID(words: (random.next(), random.next(), random.next(), random.next())))
        }
        let base = (0..<UInt64(baseItems)).map { item($0) }.sorted()
        let bound = start + UInt64(baseItems + writes) + 1
        let network = SimNetwork(count: nodes, base: base, bound: bound, seed: random.next())
        var fresh: [Int: [SyncItem]] = [:]
        for offset in 0..<(push ? 1 : writes) {
            let change = item(UInt64(baseItems + offset))
            fresh[await network.write(change), default: []].append(change)
        }
        var rounds = 0
        while !network.isConverged {
            guard rounds < maximumRounds else { throw BenchError("\(nodes) nodes did not converge in \(maximumRounds) rounds") }
            rounds += 1
            fresh = try await network.round(pushing: push ? fresh : [:], fanout: fanout)
        }
        guard !push else { return (rounds, 0, network) }
        _ = try await network.round(pushing: [:], fanout: fanout)
        return (rounds, Double(network.lastRoundBytes) / Double(nodes), network)
    }

    /// Push on, in simulated time: p50/p99/max ms until every node holds a fresh change, the
    /// share of nodes push reached (the rest by sessions), and idle bytes per peer per interval.
    static func pushOn(nodes: Int, trials: Int) async throws -> [Figure] {
        var times: [Int] = [], byPush = 0.0, pushes = 0, sessions = 0, idle = 0.0
        let policy = SyncSchedule.Policy(fanout: fanout)
        for trial in 0..<trials {
            var random = SplitMix64(seed: UInt64(nodes * 7_919 + trial))
            func item(_ offset: UInt64) -> SyncItem {
                SyncItem(milliseconds: start + offset, id: SyncID(words: (random.next(), random.next(), random.next(), random.next())))
            }
            let base = (0..<UInt64(baseItems)).map { item($0) }.sorted()
            let network = SimPushNetwork(count: nodes, base: base, fresh: item(UInt64(baseItems)), policy: policy, rtt: rtt, seed: random.next())
            times.append(Int(try await network.converge(writer: random.below(nodes))))
            byPush += Double(network.reachedByPush) / Double(nodes - 1)
            pushes += network.pushes
            sessions += network.sessions
            if trial == 0 { idle = try await network.idleBytesPerPeer(sample: idleSample) }
        }
        let name = "sync-sim.n\(nodes).push"
        return [
            Figure(name: "\(name).ms.p50", value: percentile(times, 0.50), unit: "ms"),
            Figure(name: "\(name).ms.p99", value: percentile(times, 0.99), unit: "ms"),
            Figure(name: "\(name).ms.max", value: Double(times.max() ?? 0), unit: "ms"),
            Figure(name: "\(name).reached-by-push", value: 100 * byPush / Double(trials), unit: "%"),
            Figure(name: "\(name).pushes-per-trial", value: Double(pushes) / Double(trials), unit: "-"),
            Figure(name: "\(name).sessions-per-trial", value: Double(sessions) / Double(trials), unit: "-"),
            Figure(name: "\(name).idle.bytes-per-peer-interval", value: idle, unit: "B"),
            Figure(name: "\(name).trials", value: Double(trials), unit: "-"),
        ]
    }

    /// The `p` quantile of `values` (nearest rank).
    static func percentile(_ values: [Int], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return Double(sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)])
    }
}
