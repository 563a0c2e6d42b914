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
    /// The same as ``verify(wire:)`` followed by ``ingest(_:)-(VerifiedBatch)``.
    public func ingest(wire lines: [[UInt8]]) async throws(StoreError) -> IngestReport {
        try await ingest(try await verify(wire: lines))
    }

    /// The first half of ``ingest(wire:)``: verifies `lines` and merges their records early, on
    /// every core, without writing. Verify the next batch while the writer stores this one, and
    /// hand batches to ``ingest(_:)-(VerifiedBatch)`` in order (``IngestPipeline`` does both): a
    /// later batch may depend on an earlier one (a change whose bodies were erased is kept only
    /// once a redaction that effectively redacts it is stored).
    /// Only one batch is verified at a time; a second call waits for the first.
    public func verify(wire lines: [[UInt8]]) async throws(StoreError) -> VerifiedBatch {
        try checkBatchSize(lines.count)
        guard let verifier else {
            throw StoreError(.closed, "this store was opened without a verifier; it cannot take changes in wire form")
        }
        let (results, premerged) = await verifyAndPremerge(lines, with: verifier)
        var batch = VerifiedBatch(premerged: premerged)
        for (index, result) in results.enumerated() {
            switch result {
            case .success(let change): batch.accepted.append((index, change))
            case .failure(let refusal):
                batch.refusals.append(.init(index: index, id: refusal.id, recordID: refusal.recordID, code: refusal.code,
                                            reason: refusal.message))
            }
        }
        return batch
    }

    /// The second half of ``ingest(wire:)``: stores a batch ``verify(wire:)`` accepted, in one
    /// transaction, and reports its refusals with the writer's.
    public func ingest(_ batch: VerifiedBatch) async throws(StoreError) -> IngestReport {
        try await requireWriter().ingest(batch.accepted, refusals: batch.refusals, premerged: batch.premerged)
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
                    verdicts[index] = verifier.verify(wire: lines[index])
                }
                let premerged = PremergedRecord.premergeNow(verdicts, merger: merger)
                gate.signal()
                continuation.resume(returning: (verdicts.values, premerged))
            }
        }
    }
}

/// The verifier's verdicts on a batch, one slot per line.
typealias VerdictBuffer = SlotBuffer<Result<StoredChange, StoreRefusal>>

extension SlotBuffer where Element == Result<StoredChange, StoreRefusal> {
    /// Slots for `count` lines, none verified yet.
    convenience init(count: Int) {
        self.init(count: count, initial: .failure(StoreRefusal(code: "internal", message: "not verified")))
    }

    /// The accepted change at `index`, if any.
    func change(at index: Int) -> StoredChange? { try? self[index].get() }

    /// Drops the parsed form of the accepted change at `index`; the merge no longer needs it.
    func dropDecoded(at index: Int) {
        guard case .success(var change) = self[index] else { return }
        self[index] = .failure(StoreRefusal(code: "internal", message: "moving"))  // `change` is now the only copy
        change.decoded = nil
        self[index] = .success(change)
    }
}
