import AgoraCore

/// What one ingest stored, as the re-merge needs it: the new changes, the body-less ones kept
/// provisionally, the held changes whose bodies a complete copy restored, and what the merge refused.
///
/// A body-less copy is kept only when the change is effectively redacted, and the merge is what
/// says so (`protocol/PROTOCOL.md`, "Verification" step 10 and "Redaction"): the writer stores it,
/// merges, and takes it out again when the merge does not report it redacted.
struct IngestBatch {
    /// A body-less copy the merge did not report redacted, with its position in the batch.
    struct Refused {
        let id: [UInt8]
        let index: Int
        let recordID: String

        var refusal: IngestReport.Refusal {
            .init(index: index, id: Hex.encode(id), recordID: recordID, code: "missing-body", reason: IngestBatch.missingBodyReason)
        }
    }

    static let missingBodyReason = "the change has no bodies and no effective redaction of it is known "
        + "(one by a key that passes the key checks and permitted to redact it)"

    /// The records to re-merge.
    var records = Set<String>()
    /// The changes stored now, by id.
    var fresh: [[UInt8]: StoredChange] = [:]
    /// Body-less changes stored now, by id, with their positions: kept only if the merge reports them redacted.
    var provisional: [[UInt8]: Int] = [:]
    /// Held changes whose bodies this batch restored.
    var restored = Set<[UInt8]>()
    /// Body-less changes taken out again.
    var refused: [Refused] = []

    /// Notes a change inserted now, at `index` in the batch.
    mutating func add(_ change: StoredChange, index: Int) {
        fresh[change.id] = change
        records.insert(change.recordID)
        if change.bodies == nil { provisional[change.id] = index }
    }

    /// A second copy of a change inserted earlier in this batch: a complete copy replaces a body-less one.
    mutating func complete(_ held: StoredChange, with copy: StoredChange, _ db: Database) throws {
        guard held.bodies == nil, let bodies = copy.bodies else { return }
        try db.run("UPDATE changes SET bodies = ? WHERE id = ?", [.blob(bodies), .blob(copy.id)])
        fresh[copy.id] = copy
        provisional[copy.id] = nil
    }

    /// A complete copy of a change the log holds: it restores the bodies of a change held without
    /// them, unless the last merge reported that change redacted (`effective` = 2, which stays true
    /// as changes are added). The merge that follows erases them again if a redaction in this
    /// batch covers it.
    mutating func restore(_ copy: StoredChange, _ db: Database) throws {
        guard let bodies = copy.bodies else { return }
        try db.run("UPDATE changes SET bodies = ? WHERE id = ? AND bodies IS NULL AND effective <> ?",
                   [.blob(bodies), .blob(copy.id), .int(StoredVerdict.redacted.rawValue)])
        guard db.changedRows == 1 else { return }
        restored.insert(copy.id)
        records.insert(copy.recordID)
    }

    /// Takes out the provisional body-less changes of `ids` that `merged` does not report redacted.
    /// - Returns: whether any was taken out (the record must then be merged again).
    mutating func refuseUnredacted(among ids: [[UInt8]], recordID: String, merged: IndexedRecord, _ db: Database) throws -> Bool {
        let unredacted = ids.filter { provisional[$0] != nil && !merged.erased.contains($0) }
        for id in unredacted {
            try db.run("DELETE FROM changes WHERE id = ?", [.blob(id)])
            try db.run("DELETE FROM redactions WHERE redaction = ?", [.blob(id)])
            refused.append(Refused(id: id, index: provisional[id] ?? 0, recordID: recordID))
            provisional[id] = nil
            fresh[id] = nil
        }
        return !unredacted.isEmpty
    }

    /// How many restored changes still hold their bodies after the merge (not erased again).
    func restoredCount(_ db: Database) throws -> Int {
        try restored.reduce(0) { count, id in
            count + (try db.first("SELECT 1 FROM changes WHERE id = ? AND bodies IS NOT NULL", [.blob(id)]) { _ in 1 } ?? 0)
        }
    }
}
