import AgoraCore
import AgoraCrypto
import AgoraNode
import Foundation

/// One simulated node: the items it holds (the initiator's side) and the responder service its
/// peers reconcile against (the engine's, over the in-process transport). Items are synthetic
/// `(milliseconds, id)` pairs: set reconciliation needs no signatures, so none are made.
final class SimNode: @unchecked Sendable {
    // @unchecked: mutated only between rounds, by the simulation's one task.
    let tree: FingerprintTree
    let service: SyncResponderService

    init(items: [SyncItem]) {
        tree = FingerprintTree(sorted: items)
        service = SyncResponderService(items: items, sha256: { SHA256.hash($0) })
    }

    /// Stores `item`; returns whether it was new.
    func add(_ item: SyncItem) async -> Bool {
        guard tree.insert(item) else { return false }
        await service.insert(item)
        return true
    }
}

/// N nodes that share a base set, then take fresh writes and run rounds: in each round every
/// node holds one anti-entropy session with a peer chosen at random (and, with push on, first
/// forwards each change it learnt in the previous round to `fanout` random peers). What a round
/// transfers is applied at its end, so every session of a round sees the state at its start.
final class SimNetwork: @unchecked Sendable {
    let nodes: [SimNode]
    private var universe: [SyncID: SyncItem] = [:]
    private var random: SplitMix64
    private var session = 0
    let bound: UInt64
    /// Bytes of every session of the last round, both ways.
    private(set) var lastRoundBytes = 0
    private(set) var total: Int
    /// Sessions whose final check failed (a collision; SYNC.md section 6), over the network's life.
    private(set) var inconsistentSessions = 0
    /// Sessions held, over the network's life.
    var sessions: Int { session }

    init(count: Int, base: [SyncItem], bound: UInt64, seed: UInt64) {
        nodes = (0..<count).map { _ in SimNode(items: base) }
        for item in base { universe[item.id] = item }
        total = base.count
        self.bound = bound
        random = SplitMix64(seed: seed)
    }

    /// Writes `item` at a random node; returns that node's index.
    func write(_ item: SyncItem) async -> Int {
        universe[item.id] = item
        total += 1
        let writer = random.below(nodes.count)
        _ = await nodes[writer].add(item)
        return writer
    }

    /// Whether every node holds every item.
    var isConverged: Bool { nodes.allSatisfy { $0.tree.count == total } }

    /// One round. `fresh` maps a node to the changes it must push (push on); returns the changes
    /// each node learnt this round, for the next round's pushes.
    func round(pushing fresh: [Int: [SyncItem]], fanout: Int) async throws -> [Int: [SyncItem]] {
        var deliveries: [(node: Int, items: [SyncItem])] = []
        for node in fresh.keys.sorted() {  // in node order: a trial replays from its seed
            for peer in peers(of: node, count: fanout) { deliveries.append((peer, fresh[node] ?? [])) }
        }
        lastRoundBytes = 0
        for index in nodes.indices {
            let peer = peers(of: index, count: 1)[0]
            deliveries += try await reconcile(index, with: peer)
        }
        var learnt: [Int: [SyncItem]] = [:]
        for (node, items) in deliveries {
            for item in items where await nodes[node].add(item) { learnt[node, default: []].append(item) }
        }
        return learnt
    }

    /// One session, `initiator` with `responder`: what each must receive.
    private func reconcile(_ initiator: Int, with responder: Int) async throws -> [(node: Int, items: [SyncItem])] {
        let mine = nodes[initiator].tree, theirs = nodes[responder].tree
        session += 1
        let nonce = (0..<8).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let run = try await SyncSessionRunner.run(
            items: mine.items(from: SyncKey(milliseconds: 0), to: SyncKey(milliseconds: bound)), bound: bound,
            transport: InProcessSyncTransport(service: nodes[responder].service), session: "s\(session)",
            nonce: nonce, sha256: { SHA256.hash($0) })
        lastRoundBytes += run.bytesSent + run.bytesReceived
        let outcome = run.outcome
        // A short fingerprint or tag collided (protocol/SYNC.md section 6): move what was found,
        // as an engine does; the next round's session, with a fresh nonce, finds the rest.
        if !outcome.isConsistent { inconsistentSessions += 1 }
        let pulled = outcome.need.compactMap { universe[$0] } + outcome.needRanges.flatMap { theirs.items(from: $0.lower, to: $0.upper) }
        let pushed = outcome.have + outcome.haveRanges.flatMap { mine.items(from: $0.lower, to: $0.upper) }
        return [(initiator, pulled), (responder, pushed)]
    }

    /// `count` distinct peers of `node` at random (never itself).
    private func peers(of node: Int, count: Int) -> [Int] {
        var chosen: [Int] = []
        while chosen.count < min(count, nodes.count - 1) {
            let peer = random.below(nodes.count)
            if peer != node && !chosen.contains(peer) { chosen.append(peer) }
        }
        return chosen
    }
}
