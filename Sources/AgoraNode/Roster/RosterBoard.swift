import Foundation

/// The roster snapshot every thread reads without waiting, and who to tell when it changes.
final class RosterBoard: @unchecked Sendable {
    // @unchecked: `snapshot` and `observers` are only touched under `lock`.
    private let lock = NSLock()
    private var current = NodeRoster.Snapshot(chain: nil, fold: nil)
    private var observers: [@Sendable (NodeRoster.Snapshot) -> Void] = []

    var snapshot: NodeRoster.Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func publish(_ snapshot: NodeRoster.Snapshot) {
        lock.lock()
        current = snapshot
        let observers = self.observers
        lock.unlock()
        for observer in observers { observer(snapshot) }
    }

    func observe(_ observer: @escaping @Sendable (NodeRoster.Snapshot) -> Void) {
        lock.lock()
        observers.append(observer)
        lock.unlock()
    }
}
