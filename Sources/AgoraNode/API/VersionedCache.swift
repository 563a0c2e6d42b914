import Foundation

/// Values computed from the store (search results, city pages), each kept with the store
/// version it was computed at (``AgoraStore/Store/version()``); a lookup at another version
/// misses. See `docs/WEB.md`, "Speed".
///
/// Bounded twice: at most ``capacity`` values and at most ``byteLimit`` bytes of them (each
/// value's size as the caller estimates it); past either bound the values stored first are
/// dropped first. Values of an older version are dropped as soon as a newer one is stored, and
/// a value computed at an older version than the newest stored is not kept.
final class VersionedCache: @unchecked Sendable {
    // @unchecked: every member below is only read and written under `lock`.
    private let lock = NSLock()
    private var entries: [String: (value: any Sendable, bytes: Int)] = [:]
    /// Keys in the order they were stored (the oldest first), for eviction.
    private var order: [String] = []
    private var bytes = 0
    /// The version of every entry.
    private var version: Int64 = .min

    /// The most values kept.
    static let capacity = 512
    /// The most bytes of values kept (as estimated by their callers): 32 MiB.
    static let byteLimit = 32 * 1_048_576

    let capacity: Int
    let byteLimit: Int

    init(capacity: Int = VersionedCache.capacity, byteLimit: Int = VersionedCache.byteLimit) {
        self.capacity = capacity
        self.byteLimit = byteLimit
    }

    /// The value stored for `key` at `version`, or nil.
    func value<T: Sendable>(for key: String, version: Int64) -> T? {
        lock.withLock {
            guard version == self.version else { return nil }
            return entries[key]?.value as? T
        }
    }

    /// Keeps `value` (about `bytes` bytes) for `key` at `version`; a value larger than the whole
    /// budget, or computed at an older version than the cache holds, is not kept.
    func store(_ value: some Sendable, bytes: Int, for key: String, version: Int64) {
        lock.withLock {
            if version > self.version {
                entries.removeAll(keepingCapacity: true)
                order.removeAll(keepingCapacity: true)
                self.bytes = 0
                self.version = version
            }
            guard version == self.version, bytes <= byteLimit else { return }
            if let old = entries[key] {
                self.bytes -= old.bytes
                order.removeAll { $0 == key }
            }
            while !order.isEmpty && (order.count >= capacity || self.bytes + bytes > byteLimit) {
                let oldest = order.removeFirst()
                self.bytes -= entries.removeValue(forKey: oldest)?.bytes ?? 0
            }
            entries[key] = (value, bytes)
            order.append(key)
            self.bytes += bytes
        }
    }

    /// How many values and bytes are kept now (for tests and metrics).
    var usage: (count: Int, bytes: Int) { lock.withLock { (entries.count, bytes) } }
}
