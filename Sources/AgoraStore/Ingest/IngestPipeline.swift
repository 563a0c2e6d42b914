/// Batches of wire lines stored in input order while the next one is verified: the writer stores
/// batch N as batch N+1 is verified on every core, and never takes N+1 before N is stored (a
/// later batch may hold a change whose redaction is in an earlier one). At most two batches are
/// held at once. `agora import` and the store benchmark both ingest through it.
public struct IngestPipeline {
    let store: Store
    private var storing: Task<IngestReport, any Error>?

    public init(store: Store) { self.store = store }

    /// Verifies `lines` (while the batch before is being stored), waits until that batch is
    /// stored, then hands `lines` to the writer. An empty batch is passed through in order.
    /// - Returns: the report of the batch before, or nil for the first batch.
    /// - Throws: ``StoreError`` from verifying `lines` or from storing the batch before; the
    ///   pipeline then holds nothing (`lines` were not stored).
    public mutating func add(_ lines: [[UInt8]]) async throws -> IngestReport? {
        let verified: VerifiedBatch?
        do {
            verified = lines.isEmpty ? nil : try await store.verify(wire: lines)
        } catch {
            await abandon()
            throw error
        }
        let previous = try await finish()
        let store = self.store
        storing = Task {
            guard let verified else { return IngestReport() }
            return try await store.ingest(verified)
        }
        return previous
    }

    /// Waits until the last batch handed over is stored.
    /// - Returns: its report, or nil when none is pending.
    public mutating func finish() async throws -> IngestReport? {
        defer { storing = nil }
        return try await storing?.value
    }

    /// Waits for a batch still being stored and drops its report (after an error elsewhere, so
    /// no write goes on behind the caller).
    public mutating func abandon() async {
        _ = try? await finish()
    }
}
