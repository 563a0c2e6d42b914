import Foundation

/// Writes: ingest, rebuild, erasure.
extension Store {
    /// Largest batch one `ingest` call takes (one transaction); split bigger imports.
    public static let maximumBatch = 5_000

    /// Stores changes that are already verified (a node's own new changes, or a trusted replay) in
    /// one transaction: dedupe -> store -> re-merge the touched records -> reindex.
    /// Idempotent: a change the store has is a duplicate and changes nothing.
    ///
    /// - Returns: accepted, duplicate and refused counts, refusals with reasons.
    /// - Throws: ``StoreError`` (`diskFull`, `notWritable`, …); then nothing of the batch was written.
    public func ingest(_ batch: [StoredChange]) async throws(StoreError) -> IngestReport {
        try checkBatchSize(batch.count)
        return try await requireWriter().ingest(Array(batch.enumerated().map { ($0.offset, $0.element) }), refusals: [])
    }

    /// Verifies changes in wire form (one JSON Lines line each, without the newline) on every
    /// core with the store's verifier, then stores the accepted ones as ``ingest(_:)`` does.
    /// A refused change is reported with its position and reason; the rest of the batch goes on.
    public func ingest(wire lines: [[UInt8]]) async throws(StoreError) -> IngestReport {
        try checkBatchSize(lines.count)
        guard let verifier else {
            throw StoreError(.closed, "this store was opened without a verifier; it cannot take changes in wire form")
        }
        let (results, premerged) = await verifyAndPremerge(lines, with: verifier)
        var accepted: [(index: Int, change: StoredChange)] = []
        var refusals: [IngestReport.Refusal] = []
        for (index, result) in results.enumerated() {
            switch result {
            case .success(let change): accepted.append((index, change))
            case .failure(let refusal):
                refusals.append(.init(index: index, id: refusal.id, recordID: refusal.recordID, code: refusal.code,
                                      reason: refusal.message))
            }
        }
        return try await requireWriter().ingest(accepted, refusals: refusals, premerged: premerged)
    }

    func checkBatchSize(_ count: Int) throws(StoreError) {
        guard count <= Self.maximumBatch else {
            throw StoreError(.database, "a batch holds at most \(Self.maximumBatch) changes; this one has \(count)")
        }
    }

    /// Recomputes every record's state, facets and search row from the change log alone.
    public func rebuild(progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws(StoreError) -> RebuildReport {
        try await requireWriter().rebuild(progress: progress)
    }

    /// Removes what erased text may leave behind: old FTS segments (`optimize`) and the WAL
    /// (`wal_checkpoint(TRUNCATE)`). Ingest does this by itself after a redaction.
    /// - Returns: whether the WAL is now empty (false while a long read holds an old snapshot).
    public func eraseResidue() async throws(StoreError) -> Bool {
        try await requireWriter().eraseResidue()
    }

    /// Writes a consistent snapshot of the whole database to a new file at `path` (`VACUUM INTO`),
    /// while the node keeps running. The copy is compact and has no WAL. See `docs/STORAGE.md`, "Backup".
    /// - Throws: ``StoreError`` when `path` exists or cannot be written.
    public func backup(to path: String) async throws(StoreError) {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.notWritable, "\(path) already exists; a backup never overwrites a file")
        }
        try await requireWriter().backup(to: path)
    }

    /// Verifies `lines` and merges each record of the accepted changes on every core, off the
    /// cooperative pool, one batch at a time (`verifying` gate): the next batch is verified while
    /// the writer stores this one, never more. The parsed form the verifier keeps for the merge is
    /// dropped by the thread that merged it, so at most one batch of parsed changes is alive.
    func verifyAndPremerge(_ lines: [[UInt8]], with verifier: any ChangeVerifying) async
        -> ([Result<StoredChange, StoreRefusal>], [String: PremergedRecord]) {
        guard !lines.isEmpty else { return ([], [:]) }
        let (merger, gate) = (self.merger, self.verifying)
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                gate.wait()  // a dispatch thread, not a Task: waiting here blocks no cooperative thread
                let verdicts = VerdictBuffer(count: lines.count)
                DispatchQueue.concurrentPerform(iterations: lines.count) { index in
                    verdicts.set(index, verifier.verify(wire: lines[index]))
                }
                let premerged = PremergedRecord.premergeNow(verdicts, merger: merger)
                gate.signal()
                continuation.resume(returning: (verdicts.values, premerged))
            }
        }
    }
}

/// Verdicts written and read by concurrentPerform iterations, each at indices of its own.
///
/// A fixed buffer rather than an array: an array shared by threads could be copied on write
/// (and a write lost) whenever one thread holds a reference while another writes.
final class VerdictBuffer: @unchecked Sendable {
    // @unchecked: the buffer is allocated and initialized up front; concurrent iterations touch
    // distinct indices, and `values` is read only after they return.
    private let storage: UnsafeMutableBufferPointer<Result<StoredChange, StoreRefusal>>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: .failure(StoreRefusal(code: "internal", message: "not verified")))
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    var count: Int { storage.count }

    func set(_ index: Int, _ value: Result<StoredChange, StoreRefusal>) { storage[index] = value }

    /// The accepted change at `index`, if any.
    func change(at index: Int) -> StoredChange? { try? storage[index].get() }

    /// Drops the parsed form of the accepted change at `index`; the merge no longer needs it.
    func dropDecoded(at index: Int) {
        guard case .success(var change) = storage[index] else { return }
        storage[index] = .failure(StoreRefusal(code: "internal", message: "moving"))  // `change` is now the only copy
        change.decoded = nil
        storage[index] = .success(change)
    }

    var values: [Result<StoredChange, StoreRefusal>] { Array(storage) }
}
