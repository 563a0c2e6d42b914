import Foundation

/// A signal one task waits for, with a timeout: ``signal()`` wakes the waiter, or the next wait
/// when nobody waits (signals do not pile up). The sync engine's loops sleep on it.
final class Wakeup: @unchecked Sendable {
    // @unchecked: `pending` and `waiter` are only touched under `lock`.
    private let lock = NSLock()
    private var pending = false
    private var waiter: CheckedContinuation<Void, Never>?

    /// Wakes the waiter, or the next ``wait(milliseconds:)``.
    func signal() {
        let waking: CheckedContinuation<Void, Never>? = lock.withLock {
            defer { waiter = nil }
            if waiter == nil { pending = true }
            return waiter
        }
        waking?.resume()
    }

    /// Returns after a ``signal()`` or after `milliseconds`, whichever comes first.
    func wait(milliseconds: Int64) async {
        let timer = Task { [weak self] in
            guard (try? await Task.sleep(for: .milliseconds(max(1, milliseconds)))) != nil else { return }  // cancelled: woken already
            self?.signal()
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now: Bool = lock.withLock {
                if pending {
                    pending = false
                    return true
                }
                waiter = continuation
                return false
            }
            if now { continuation.resume() }
        }
        timer.cancel()  // a timer that fired anyway only makes the next wait return early, which the loops allow
    }
}
