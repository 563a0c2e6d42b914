import AgoraStore
import AgoraCore
import AgoraHTTP
import Foundation

/// The sync engine of a running node (`agora serve`; `protocol/SYNC.md`, section 11): anti-entropy
/// sessions with every peer the roster lists, on a jittered schedule with exponential backoff,
/// the roster pulled at the start of each round, and every fresh change pushed at once to a
/// bounded random fanout of peers. Every session is one recorded attempt (`sync_attempts`).
///
/// ```swift
/// let engine = SyncEngine(node: node, log: .standardError)
/// engine.start()
/// …
/// await engine.stop()   // before the store closes
/// ```
public final class SyncEngine: @unchecked Sendable {
    // @unchecked: `schedule`, `queue`, the tasks and the counters are only touched under `lock`;
    // the rest is immutable or Sendable.

    /// How the engine runs.
    public struct Configuration: Sendable {
        /// The schedule: interval, jitter, backoff cap, fanout.
        public var policy: SyncSchedule.Policy
        /// A change received from a peer is forwarded only while its HLC time is at most this
        /// far behind our clock (ms): fresh edits spread, old ones are left to anti-entropy.
        public var gossipWindow: Int64
        /// Changes waiting to be pushed, at most.
        public var maximumQueuedChanges: Int
        /// A `sync progress` log line every this many changes received in one session.
        public var progressStep: Int
        /// Whether ``SyncEngine/start()`` starts the schedule and push (false: `agora serve
        /// --no-sync`; rounds then run only by hand, through ``SyncEngine/roundNow(with:)``).
        public var runsOnSchedule: Bool

        /// The gossip window unless configured: 60 s.
        public static let defaultGossipWindow: Int64 = 60_000
        /// The progress step unless configured: 1,000 changes.
        public static let defaultProgressStep = 1_000

        /// A configuration; every argument has the documented default.
        public init(policy: SyncSchedule.Policy = SyncSchedule.Policy(), gossipWindow: Int64 = defaultGossipWindow,
                    maximumQueuedChanges: Int = PushQueue.defaultMaximumChanges, progressStep: Int = defaultProgressStep,
                    runsOnSchedule: Bool = true) {
            self.policy = policy
            self.gossipWindow = gossipWindow
            self.maximumQueuedChanges = maximumQueuedChanges
            self.progressStep = max(1, progressStep)
            self.runsOnSchedule = runsOnSchedule
        }
    }

    /// The node it syncs.
    public let node: LocalNode
    /// How it runs.
    public let configuration: Configuration
    let log: NodeLog
    let clock: @Sendable () -> Int64
    let lock = NSLock()
    var schedule: SyncSchedule
    var queue: PushQueue
    var random = SystemRandomNumberGenerator()
    var received: [String: Int] = [:]
    private var tasks: [Task<Void, Never>] = []
    private var stopped = false
    let roundWakeup = Wakeup()
    let pushWakeup = Wakeup()

    /// An engine for `node`, logging to `log`; `clock` is the wall clock in Unix ms.
    public init(node: LocalNode, configuration: Configuration = Configuration(), log: NodeLog,
                clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) {
        self.node = node
        self.configuration = configuration
        self.log = log
        self.clock = clock
        schedule = SyncSchedule(policy: configuration.policy)
        queue = PushQueue(maximumChanges: configuration.maximumQueuedChanges)
    }

    /// Starts the round and push loops, and listens to the store and the roster (unless the
    /// configuration says it does not run on a schedule). Call it once.
    public func start() {
        guard configuration.runsOnSchedule else {
            log.info("sync by hand only", [:])
            return
        }
        node.store.storedChanges.observe { [weak self] ids in self?.stored(ids, origin: ChangeOrigin.current) }
        node.roster.observe { [weak self] _ in self?.roundWakeup.signal() }
        lock.withLock {
            guard tasks.isEmpty, !stopped else { return }
            tasks = [Task { [self] in await runRounds() }, Task { [self] in await runPushes() }]
        }
        log.info("sync started", ["interval": "\(configuration.policy.interval) ms", "fanout": "\(configuration.policy.fanout)"])
    }

    /// Stops both loops and waits for them (a session in flight is abandoned, and recorded as
    /// failed). Call it before the store closes. Calling it again does nothing.
    public func stop() async {
        let running: [Task<Void, Never>] = lock.withLock {
            defer { tasks = []; stopped = true }
            return tasks
        }
        for task in running { task.cancel() }
        roundWakeup.signal()
        pushWakeup.signal()
        for task in running { await task.value }
    }

    var isStopped: Bool { lock.withLock { stopped } }

    /// Makes every peer due now (after a bulk write, or when pushes were dropped).
    public func syncSoon() {
        lock.withLock { schedule.makeAllDue(now: clock()) }
        roundWakeup.signal()
    }

    /// Notes a request from `city` on the federation port: a peer backing off is up again.
    public func heard(from city: String) {
        let woke: Bool = lock.withLock {
            let before = schedule.peers[city]
            schedule.heard(from: city, now: clock())
            return schedule.peers[city] != before
        }
        if woke { roundWakeup.signal() }
    }

    /// Changes received so far in each peer's current (or last) session, by city.
    public var receivedSoFar: [String: Int] { lock.withLock { received } }

    /// The schedule now (for status and tests).
    public var currentSchedule: SyncSchedule { lock.withLock { schedule } }

    /// Changes the store newly holds, from `origin`: queued for pushing, or counted as progress.
    func stored(_ ids: [[UInt8]], origin: ChangeOrigin) {
        switch origin {
        case .antiEntropy(let peer):
            let (before, after) = lock.withLock {
                let before = received[peer, default: 0]
                received[peer] = before + ids.count
                return (before, before + ids.count)
            }
            if after / configuration.progressStep > before / configuration.progressStep {
                log.info("sync progress", ["peer": peer, "received": String(after)])
            }
        case .local, .peer:
            let source: String? = if case .peer(let city) = origin { city } else { nil }
            let lost = lock.withLock { queue.add(ids, source: source) }
            pushWakeup.signal()
            if lost > 0 {
                log.write(.warning, "push queue full", ["dropped": String(lost), "limit": String(configuration.maximumQueuedChanges)])
                syncSoon()
            }
        }
    }

    /// The roster's active peers other than this node, by city.
    func rosterPeers() -> [String: Roster.Member] {
        let peers = node.roster.snapshot.roster?.peers(excluding: node.config.cityID) ?? []
        return Dictionary(peers.map { ($0.city, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
