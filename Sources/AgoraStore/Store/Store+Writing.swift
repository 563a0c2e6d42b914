import Foundation

/// Writes: ingest, rebuild, erasure.
extension Store {
    /// Largest batch one `ingest` call takes (one transaction); split bigger imports.
    public static let maximumBatch = 5_000

    /// Verifies (on every core), then stores a batch in one transaction: dedupe -> store ->
    /// re-merge the touched records -> reindex. Idempotent: a change the store has is a duplicate.
    ///
    /// - Returns: accepted, duplicate and refused counts, refusals with reasons.
    /// - Throws: ``StoreError`` (`diskFull`, `notWritable`, …); then nothing of the batch was written.
    public func ingest(_ batch: [StoredChange]) async throws(StoreError) -> IngestReport {
        let writer = try requireWriter()
        guard batch.count <= Self.maximumBatch else {
            throw StoreError(.database, "a batch holds at most \(Self.maximumBatch) changes; this one has \(batch.count)")
        }
        let (accepted, refusals) = await verify(batch)
        return try await writer.ingest(accepted, refusals: refusals)
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

    /// Runs the verifier over `batch` on every core, off the cooperative pool.
    func verify(_ batch: [StoredChange]) async -> ([StoredChange], [IngestReport.Refusal]) {
        guard let verifier, !batch.isEmpty else { return (batch, []) }
        let reasons: [String?] = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let results = VerdictBuffer(count: batch.count)
                DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                    results.set(index, verifier.refusal(for: batch[index]))
                }
                continuation.resume(returning: results.values)
            }
        }
        var accepted: [StoredChange] = []
        var refusals: [IngestReport.Refusal] = []
        for (change, reason) in zip(batch, reasons) {
            if let reason {
                refusals.append(.init(id: change.idHex, recordID: change.recordID, reason: reason))
            } else {
                accepted.append(change)
            }
        }
        return (accepted, refusals)
    }
}

/// Results written by concurrentPerform iterations, each to its own index.
final class VerdictBuffer: @unchecked Sendable {
    // @unchecked: every iteration writes a distinct index of a buffer allocated up front,
    // and `values` is read only after concurrentPerform returns.
    private var storage: [String?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: String?) {
        storage.withUnsafeMutableBufferPointer { $0[index] = value }
    }
    var values: [String?] { storage }
}
