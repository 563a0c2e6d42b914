import Foundation

/// A thread of its own that runs blocks one after another.
///
/// Blocking SQLite work runs here rather than on a dispatch queue: on Linux, Swift's cooperative
/// pool is built on libdispatch's global queues, which are only as wide as the core count, so a
/// few reads blocked for seconds on a dispatch queue would stall every task of the process (the
/// HTTP handlers among them). Call ``stop()`` when done; the thread ends after the queued blocks.
final class WorkerThread: @unchecked Sendable {
    // @unchecked: `blocks` and `stopped` are only touched while `condition` is locked.
    private let condition = NSCondition()
    private var blocks: [() -> Void] = []
    private var stopped = false

    init(name: String) {
        let thread = Thread { [self] in runLoop() }
        thread.name = name
        thread.start()
    }

    /// Queues `block`; it runs after every block queued before it.
    func async(_ block: @escaping () -> Void) {
        condition.lock()
        blocks.append(block)
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread end once the queued blocks are done.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    /// Takes every queued block at once and runs them in order (no O(n) removal per block when
    /// many are queued, as a writer's are under a burst of writes).
    private func runLoop() {
        while true {
            condition.lock()
            while blocks.isEmpty && !stopped { condition.wait() }
            if blocks.isEmpty {
                condition.unlock()
                return
            }
            let batch = blocks
            blocks = []
            condition.unlock()
            for block in batch { block() }
        }
    }
}
