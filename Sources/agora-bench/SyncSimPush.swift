import AgoraCore
import AgoraCrypto
import AgoraNode
import Foundation

/// Push on, in simulated time (issue 14, item 8): N nodes run the engine's real logic
/// (`SyncSchedule`: one anti-entropy session per peer per jittered interval, the push fanout
/// drawn by `pushTargets`, the gossip rule of `protocol/SYNC.md` section 11) and real sessions
/// (`SyncSessionRunner` against `SyncResponderService` over `InProcessSyncTransport`). One fresh
/// change lands at a random node at t = 0 into a network in steady state (every pair's next
/// session spread over the interval); the trial ends when every node holds it.
///
/// Network model: a push reaches its target one round trip (`rtt`) after it is sent; a session
/// takes `roundTrips × rtt`, and what it moves is stored when it ends. Processing is free.
final class SimPushNetwork: @unchecked Sendable {
    // @unchecked: used by the simulation's one task only.
    enum Event { case push(to: Int, from: Int), session(node: Int) }

    let nodes: [SimNode]
    let names: [String]
    var schedules: [SyncSchedule]
    let fresh: SyncItem
    let rtt: Int64
    let bound: UInt64
    var random: SplitMix64
    var queue = EventQueue<Event>()
    var holders = Set<Int>()
    /// Nodes that got the change by push (not by a session).
    var reachedByPush = 0
    /// Pushes sent, and sessions held.
    var pushes = 0, sessions = 0

    init(count: Int, base: [SyncItem], fresh: SyncItem, policy: SyncSchedule.Policy, rtt: Int64, seed: UInt64) {
        random = SplitMix64(seed: seed)
        nodes = (0..<count).map { _ in SimNode(items: base) }
        names = (0..<count).map { "n\($0)" }
        self.fresh = fresh
        self.rtt = rtt
        bound = fresh.milliseconds + 1
        schedules = []
        for node in 0..<count {
            // Steady state: each pair's next session falls uniformly within one jittered interval.
            var states: [String: SyncSchedule.PeerState] = [:]
            for peer in names.indices where peer != node {
                let interval = Double(policy.interval) * Double.random(in: (1 - policy.jitter)...(1 + policy.jitter), using: &random)
                states[names[peer]] = SyncSchedule.PeerState(due: Int64(Double.random(in: 0..<interval, using: &random)), failures: 0)
            }
            let schedule = SyncSchedule(policy: policy, peers: states)
            schedules.append(schedule)
            if let due = schedule.nextDue { queue.add(.session(node: node), at: due) }
        }
    }

    /// Runs until every node holds the change; the time it took (ms).
    func converge(writer: Int) async throws -> Int64 {
        await store(at: writer, at: 0, pushedBy: nil, origin: .local)
        while holders.count < nodes.count, let (time, event) = queue.next() {
            switch event {
            case .push(let to, let from):
                if await store(at: to, at: time, pushedBy: from, origin: .peer(names[from])) { reachedByPush += 1 }
            case .session(let node):
                try await runSessions(of: node, at: time)
            }
        }
        return queue.now
    }

    /// Stores the change at `node` if new; a fresh local change or a pushed one is pushed on.
    @discardableResult
    func store(at node: Int, at time: Int64, pushedBy from: Int?, origin: ChangeOrigin) async -> Bool {
        guard await nodes[node].add(fresh) else { return false }
        holders.insert(node)
        if case .antiEntropy = origin { return true }  // fetched in its own session: not forwarded
        let excluded: Set<String> = from.map { [names[$0]] } ?? []
        for target in schedules[node].pushTargets(excluding: excluded, using: &random) {
            pushes += 1
            queue.add(.push(to: Int(target.dropFirst()) ?? 0, from: node), at: time + rtt)
        }
        return true
    }

    /// The sessions `node` has due at `time`, each moving the change both ways when it ends.
    func runSessions(of node: Int, at time: Int64) async throws {
        for name in schedules[node].due(at: time) {
            let peer = Int(name.dropFirst()) ?? 0
            let run = try await session(node, with: peer)
            let end = time + Int64(run.roundTrips) * rtt
            if !run.outcome.need.isEmpty || !run.outcome.needRanges.isEmpty {
                await store(at: node, at: end, pushedBy: peer, origin: .antiEntropy(name))
            }
            if !run.outcome.have.isEmpty || !run.outcome.haveRanges.isEmpty {
                await store(at: peer, at: end, pushedBy: node, origin: .peer(names[node]))
            }
            schedules[node].succeeded(name, now: time, using: &random)
        }
        if let due = schedules[node].nextDue { queue.add(.session(node: node), at: due) }
    }

    /// One real session, `initiator` with `responder`.
    func session(_ initiator: Int, with responder: Int) async throws -> SyncRun {
        sessions += 1
        let nonce = (0..<8).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        return try await SyncSessionRunner.run(
            items: nodes[initiator].tree.items(from: SyncKey(milliseconds: 0), to: SyncKey(milliseconds: bound)), bound: bound,
            transport: InProcessSyncTransport(service: nodes[responder].service), session: "p\(sessions)", nonce: nonce,
            sha256: { SHA256.hash($0) })
    }

    /// Idle traffic: bytes one node spends per peer in one interval once converged (it starts one
    /// session with each peer and answers one from each), measured on `sample` nodes.
    func idleBytesPerPeer(sample: Int) async throws -> Double {
        var bytes = 0, pairs = 0
        for node in 0..<min(sample, nodes.count) {
            for peer in nodes.indices where peer != node {
                let run = try await session(node, with: peer)
                bytes += 2 * (run.bytesSent + run.bytesReceived)  // its own session, and the peer's with it
                pairs += 1
            }
        }
        return Double(bytes) / Double(max(1, pairs))
    }
}

/// A min-queue of timed events; ties leave in insertion order, so a trial replays from its seed.
struct EventQueue<Element> {
    private var heap: [(time: Int64, order: Int, element: Element)] = []
    private var order = 0
    /// The time of the last event taken.
    private(set) var now: Int64 = 0

    mutating func add(_ element: Element, at time: Int64) {
        order += 1
        heap.append((max(time, now), order, element))
        var child = heap.count - 1
        while child > 0, Self.less(heap[child], heap[(child - 1) / 2]) {
            heap.swapAt(child, (child - 1) / 2)
            child = (child - 1) / 2
        }
    }

    mutating func next() -> (Int64, Element)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, Self.less(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count, Self.less(heap[right], heap[smallest]) { smallest = right }
            if smallest == parent { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        now = top.time
        return (top.time, top.element)
    }

    private static func less(_ a: (time: Int64, order: Int, element: Element), _ b: (time: Int64, order: Int, element: Element)) -> Bool {
        (a.time, a.order) < (b.time, b.order)
    }
}
