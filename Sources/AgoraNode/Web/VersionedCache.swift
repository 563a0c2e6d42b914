import Foundation

/// Values computed from the store, each kept with the store version it was computed at; a
/// lookup at another version misses. Bounded: when full, it starts again empty.
final class VersionedCache: @unchecked Sendable {
    // @unchecked: `entries` is only read and written under `lock`.
    private let lock = NSLock()
    private var entries: [String: (version: Int64, value: any Sendable)] = [:]
    /// The most values kept.
    static let capacity = 512

    func value<T: Sendable>(for key: String, version: Int64) -> T? {
        lock.withLock {
            guard let entry = entries[key], entry.version == version else { return nil }
            return entry.value as? T
        }
    }

    func store(_ value: some Sendable, for key: String, version: Int64) {
        lock.withLock {
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = (version, value)
        }
    }
}
