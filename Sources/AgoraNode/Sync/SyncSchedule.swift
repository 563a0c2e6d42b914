/// The anti-entropy timetable of a node's peers (`protocol/SYNC.md`, section 11): when each peer
/// is due for a session, with jitter, and how long a failing peer is left alone (exponential
/// backoff, reset by a success). A pure state machine: time (Unix ms) and randomness are
/// parameters, so it is tested without a clock or a network.
public struct SyncSchedule: Sendable {
    /// The numbers the schedule runs by.
    public struct Policy: Sendable, Equatable {
        /// Time between two sessions with a peer that answers (before jitter), in ms.
        public var interval: Int64
        /// Every delay is scaled by a factor drawn uniformly from `[1 - jitter, 1 + jitter]`, so
        /// nodes started together drift apart and do not all call one peer at once.
        public var jitter: Double
        /// The longest wait after failures (before jitter), in ms; never below `interval`.
        public var backoffCap: Int64
        /// Peers a fresh change is pushed to (fewer when fewer are healthy).
        public var fanout: Int

        /// The anti-entropy interval unless configured: 30 s.
        public static let defaultInterval: Int64 = 30_000
        /// The jitter unless configured: ±25 %.
        public static let defaultJitter = 0.25
        /// The backoff cap unless configured: 10 min.
        public static let defaultBackoffCap: Int64 = 600_000
        /// The push fanout unless configured: 3.
        public static let defaultFanout = 3

        /// A policy; every argument has the documented default.
        public init(interval: Int64 = defaultInterval, jitter: Double = defaultJitter,
                    backoffCap: Int64 = defaultBackoffCap, fanout: Int = defaultFanout) {
            self.interval = max(1, interval)
            self.jitter = min(max(0, jitter), 0.9)
            self.backoffCap = max(self.interval, backoffCap)
            self.fanout = max(0, fanout)
        }

        /// The wait (before jitter) after `failures` consecutive failures: the interval while
        /// there are none, then `interval × 2^failures` (twice, four times, ...), at most `backoffCap`.
        public func delay(afterFailures failures: Int) -> Int64 {
            var delay = interval
            for _ in 0..<min(failures, 62) {
                delay = delay > backoffCap / 2 ? backoffCap : delay * 2
            }
            return min(delay, backoffCap)
        }
    }

    /// Where one peer stands.
    public struct PeerState: Sendable, Equatable {
        /// When its next session is due (Unix ms).
        public var due: Int64
        /// Failed sessions in a row (0 after a success).
        public var failures: Int
        /// Whether the peer was already retried at once in this run of failures because it
        /// reached us (``SyncSchedule/heard(from:now:)``); a success clears it.
        public var retriedOnContact = false

        /// A peer due at `due` after `failures` failures in a row.
        public init(due: Int64, failures: Int, retriedOnContact: Bool = false) {
            self.due = due
            self.failures = failures
            self.retriedOnContact = retriedOnContact
        }
    }

    /// The policy.
    public let policy: Policy
    /// Each peer's state, by city id.
    public private(set) var peers: [String: PeerState] = [:]

    /// A schedule under `policy`, with `peers` in the states given (empty unless given; a
    /// simulation starts from a steady state this way).
    public init(policy: Policy = Policy(), peers: [String: PeerState] = [:]) {
        self.policy = policy
        self.peers = peers
    }

    /// Makes the schedule's peers `cities` (the roster's active peers): a new peer is due at
    /// once, a peer no longer listed is forgotten, the others keep their state.
    public mutating func setPeers(_ cities: [String], now: Int64) {
        let wanted = Set(cities)
        peers = peers.filter { wanted.contains($0.key) }
        for city in wanted where peers[city] == nil { peers[city] = PeerState(due: now, failures: 0) }
    }

    /// The peers due at `now`, earliest first (ties by city id, so the order is fixed).
    public func due(at now: Int64) -> [String] {
        peers.filter { $0.value.due <= now }.sorted { ($0.value.due, $0.key) < ($1.value.due, $1.key) }.map(\.key)
    }

    /// When the next peer is due; nil without peers.
    public var nextDue: Int64? { peers.values.map(\.due).min() }

    /// Records a successful session with `city` at `now`: its failures reset, next due one
    /// jittered interval later.
    public mutating func succeeded(_ city: String, now: Int64, using random: inout some RandomNumberGenerator) {
        guard peers[city] != nil else { return }
        peers[city] = PeerState(due: now + jittered(policy.interval, using: &random), failures: 0)
    }

    /// Records a failed session with `city` at `now`: one more failure, next due after the
    /// jittered backoff delay.
    public mutating func failed(_ city: String, now: Int64, using random: inout some RandomNumberGenerator) {
        guard let state = peers[city] else { return }
        let failures = state.failures + 1
        peers[city] = PeerState(due: now + jittered(policy.delay(afterFailures: failures), using: &random), failures: failures,
                                retriedOnContact: state.retriedOnContact)
    }

    /// Records that `city` reached us (a request on the federation port): a peer backing off may
    /// be up again, so it is due at once, once per run of failures (a peer behind NAT reaches us
    /// but cannot be reached: its failures and backoff go on growing). A healthy peer keeps its state.
    public mutating func heard(from city: String, now: Int64) {
        guard let state = peers[city], state.failures > 0, !state.retriedOnContact else { return }
        peers[city] = PeerState(due: min(state.due, now), failures: state.failures, retriedOnContact: true)
    }

    /// Makes every peer due at `now` (after a bulk local write, or by hand), keeping failures.
    public mutating func makeAllDue(now: Int64) {
        for (city, state) in peers where state.due > now { peers[city]?.due = now }
    }

    /// Whether `city` has failed its last session (and is waiting out its backoff).
    public func isBackingOff(_ city: String) -> Bool { (peers[city]?.failures ?? 0) > 0 }

    /// Up to `policy.fanout` distinct peers, chosen uniformly at random among those that are not
    /// backing off and not in `excluded`: where a fresh change is pushed.
    public func pushTargets(excluding excluded: Set<String> = [], using random: inout some RandomNumberGenerator) -> [String] {
        var candidates = peers.filter { $0.value.failures == 0 && !excluded.contains($0.key) }.keys.sorted()
        candidates.shuffle(using: &random)
        return Array(candidates.prefix(policy.fanout))
    }

    /// `delay` scaled by a uniform factor in `[1 - jitter, 1 + jitter]`, at least 1 ms.
    func jittered(_ delay: Int64, using random: inout some RandomNumberGenerator) -> Int64 {
        guard policy.jitter > 0 else { return delay }
        let factor = Double.random(in: (1 - policy.jitter)...(1 + policy.jitter), using: &random)
        return max(1, Int64((Double(delay) * factor).rounded()))
    }
}
