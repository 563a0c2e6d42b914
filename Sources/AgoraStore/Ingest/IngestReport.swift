/// What one `ingest` did with each change of its batch.
public struct IngestReport: Sendable, Equatable {
    /// A change the store would not keep, and why.
    public struct Refusal: Sendable, Equatable {
        /// The change's position in the batch (0-based; the line number minus one for a file).
        public var index: Int
        /// The change id in hex, or empty when the change could not be read.
        public var id: String
        /// The record it claimed to write, or empty.
        public var recordID: String
        /// A stable code: the verifier's (`bad-signature`, …) or `missing-body`.
        public var code: String
        /// Why it was refused.
        public var reason: String

        public init(index: Int, id: String, recordID: String, code: String, reason: String) {
            self.index = index
            self.id = id
            self.recordID = recordID
            self.code = code
            self.reason = reason
        }
    }

    /// Changes stored for the first time.
    public var accepted = 0
    /// Changes the store already had (or that appeared twice in the batch).
    public var duplicates = 0
    /// Changes refused, with their reasons.
    public var refusals: [Refusal] = []
    /// Records whose state was recomputed.
    public var touchedRecords = 0
    /// Changes whose bodies were erased by this batch's redactions.
    public var erasedChanges = 0
    /// Changes held without bodies whose bodies a complete copy in this batch restored (they were
    /// not effectively redacted; see `protocol/PROTOCOL.md` 5.6). Counted among `duplicates` too.
    public var restoredBodies = 0
    /// Whether, after erasure, the WAL was truncated to zero bytes (true when nothing was erased).
    public var walTruncated = true

    /// The number of changes refused.
    public var refused: Int { refusals.count }

    public init() {}
}

/// What `rebuild` did.
public struct RebuildReport: Sendable, Equatable {
    /// Records recomputed from the change log.
    public var records = 0
    /// Changes read.
    public var changes = 0
}

/// Changes in wire form that ``Store/verify(wire:)`` checked and merged early, waiting for the
/// writer (``Store/ingest(_:)-(VerifiedBatch)``). Holds the parsed form of nothing: only the rows
/// to store and each record's early merge.
public struct VerifiedBatch: Sendable {
    /// The accepted changes with their positions in the batch.
    var accepted: [(index: Int, change: StoredChange)] = []
    /// The verifier's refusals.
    var refusals: [IngestReport.Refusal] = []
    /// Each record merged from the batch's changes alone.
    let premerged: [String: PremergedRecord]

    init(premerged: [String: PremergedRecord]) {
        self.premerged = premerged
    }
}
