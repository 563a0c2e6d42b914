import Foundation

/// A serial executor that runs its jobs on one thread it owns (a ``WorkerThread``).
///
/// The writer actor runs on it, so blocking SQLite calls never occupy a thread of Swift's
/// cooperative pool (which has only as many threads as cores).
final class ThreadExecutor: SerialExecutor, @unchecked Sendable {
    // @unchecked: the only state is the worker, which is thread-safe.
    private let worker: WorkerThread

    init(name: String) { worker = WorkerThread(name: name) }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        worker.async { [unowned self] in unowned.runSynchronously(on: self.asUnownedSerialExecutor()) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets the thread end once the queued jobs are done.
    func stop() { worker.stop() }
}
