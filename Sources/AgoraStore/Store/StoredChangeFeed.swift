import Foundation

/// Who to tell when changes are stored for the first time: the sync engine pushes them to peers
/// (`protocol/SYNC.md`, section 11). The writer calls ``publish(_:)`` on its own thread right
/// after each commit, inside the task that asked for the write, so an observer can read that
/// task's task-local values (where the change came from). Observers must return at once.
public final class StoredChangeFeed: @unchecked Sendable {
    // @unchecked: `observers` is only touched under `lock`.
    private let lock = NSLock()
    private var observers: [@Sendable ([[UInt8]]) -> Void] = []

    init() {}

    /// Calls `observer` with the ids (32 bytes each) of the changes every later commit newly
    /// stored (never with an empty list; a rolled-back batch calls nothing).
    public func observe(_ observer: @escaping @Sendable ([[UInt8]]) -> Void) {
        lock.withLock { observers.append(observer) }
    }

    /// Tells every observer about `ids`.
    func publish(_ ids: [[UInt8]]) {
        guard !ids.isEmpty else { return }
        let observers = lock.withLock { self.observers }
        for observer in observers { observer(ids) }
    }
}
