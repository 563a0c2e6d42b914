/// The changes waiting to be pushed to peers (`protocol/SYNC.md`, section 11), in arrival order,
/// bounded: past ``maximumChanges`` the newest are dropped and counted, and anti-entropy repairs
/// them. A pure value; the engine guards it with a lock.
public struct PushQueue: Sendable {
    /// One change to push.
    public struct Entry: Sendable, Equatable {
        /// The change id (32 bytes).
        public var id: [UInt8]
        /// The member it came from (not pushed back to it); nil for a local change.
        public var source: String?
    }

    /// Changes waiting unless configured: 10,000 (about 20 MiB of wire form at worst).
    public static let defaultMaximumChanges = 10_000

    /// The most changes held.
    public let maximumChanges: Int
    /// Changes dropped at the cap since the queue was made.
    public private(set) var dropped = 0
    private var entries: [Entry] = []
    private var head = 0

    /// An empty queue holding at most `maximumChanges`.
    public init(maximumChanges: Int = defaultMaximumChanges) { self.maximumChanges = max(1, maximumChanges) }

    /// Changes waiting.
    public var count: Int { entries.count - head }

    /// Adds `ids` from `source`; returns how many were dropped at the cap.
    @discardableResult
    public mutating func add(_ ids: [[UInt8]], source: String?) -> Int {
        let room = max(0, maximumChanges - count)
        for id in ids.prefix(room) { entries.append(Entry(id: id, source: source)) }
        let lost = max(0, ids.count - room)
        dropped += lost
        return lost
    }

    /// Takes up to `limit` changes from the front that share one source (a batch goes to one
    /// set of targets); empty when none wait.
    public mutating func take(_ limit: Int) -> [Entry] {
        guard head < entries.count else { return [] }
        let source = entries[head].source
        var batch: [Entry] = []
        while head < entries.count, batch.count < limit, entries[head].source == source {
            batch.append(entries[head])
            head += 1
        }
        if head == entries.count || head > 4_096 {
            entries.removeFirst(head)
            head = 0
        }
        return batch
    }
}
