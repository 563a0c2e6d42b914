import AgoraCore
import AgoraCrypto
import AgoraStore

/// What one local write did.
public struct WriteResult: Sendable, Equatable {
    /// The record written.
    public let record: String
    /// The new change's id; nil when there was nothing to change.
    public let changeID: String?
    /// How many operations the change carries.
    public let operations: Int
    /// Why the merge kept the change without letting it take effect, if it did.
    public let ineffectiveReason: String?
}

extension LocalNode {
    /// Signs `operations` on `record` with the node's key at a fresh HLC stamp and stores the change.
    ///
    /// The stamp is above every stamp the record already has and not behind the wall clock.
    /// - Throws: ``NodeError`` when the change is refused, `StoreError` when the store fails.
    public func write(record: RecordID, operations: [UnsignedOperation]) async throws -> WriteResult {
        guard !operations.isEmpty else { return WriteResult(record: record.description, changeID: nil, operations: 0, ineffectiveReason: nil) }
        guard let signingKey else { throw NodeError(.fileSystem, "the node was opened read-only; it cannot sign") }
        let history = try await store.history(record.description)
        let last = history.map { HLCTimestamp(milliseconds: UInt64(max(0, $0.change.hlcMilliseconds)), counter: UInt32(clamping: $0.change.hlcCounter)) }.max()
        var hlc = HybridLogicalClock(last: last ?? HLCTimestamp(milliseconds: 0))
        let unsigned = UnsignedChange(coalition: config.coalition, record: record, city: config.cityID,
                                      hlc: hlc.now(wallMilliseconds: wallMilliseconds), operations: operations)
        let signed: VerifiedChange
        do {
            signed = try ChangeSigner(crypto: crypto).sign(unsigned, key: signingKey)
        } catch let rejection as ChangeRejection {
            throw NodeError(.invalidInput, "\(record): \(rejection)", cause: rejection)
        }
        let report = try await store.ingest([StoredChange(signed)])
        if let refusal = report.refusals.first {
            throw NodeError(.invalidInput, "\(record): the store refused the change: \(refusal.reason)")
        }
        let entry = try await store.change(Hex.decode(signed.id.hex, count: 32) ?? [])
        return WriteResult(record: record.description, changeID: signed.id.hex, operations: operations.count,
                           ineffectiveReason: entry.flatMap { $0.isEffective ? nil : ($0.reason ?? "ineffective") })
    }

    /// The current merged state of a record (empty when it has no changes).
    public func state(of record: RecordID) async throws -> RecordState {
        let history = try await store.history(record.description)
        return try NodeMerger.state(recordID: record.description, changes: history.map(\.change),
                                    directory: keyDirectory, crypto: crypto)
    }

    /// Publishes a complete record document: writes only what differs from the current state.
    ///
    /// - Throws: ``NodeError`` `.notPermitted` when the record belongs to another city that has
    ///   not made this one a co-author.
    public func publish(_ document: RecordDocument) async throws -> WriteResult {
        let current = try await state(of: document.id)
        try checkMayWriteContent(document.id, current)
        return try await write(record: document.id, operations: RecordPublisher.operations(for: document, from: current))
    }

    /// Refuses a content write this node's city may not make (the merge would keep it ineffective).
    func checkMayWriteContent(_ record: RecordID, _ state: RecordState) throws {
        guard record.city != config.cityID, !state.coAuthors.contains(config.cityID) else { return }
        throw NodeError(.notPermitted, "\(record) belongs to \(record.city); this node signs for \(config.cityID), which is not a co-author")
    }

    /// Marks a record deleted (`undo`: clears the flag).
    public func delete(_ record: RecordID, undo: Bool = false) async throws -> WriteResult {
        let current = try await state(of: record)
        guard current.exists else { throw NodeError(.notFound, "no record \(record) on this node") }
        guard record.city == config.cityID else {
            throw NodeError(.notPermitted, "\(record) belongs to \(record.city); only its owner may delete it")
        }
        guard current.isDeleted == undo else {
            return WriteResult(record: record.description, changeID: nil, operations: 0, ineffectiveReason: nil)
        }
        return try await write(record: record, operations: [undo ? .undelete : .delete])
    }

    /// Writes this city's adoption entry on another city's record (`nil` removes it).
    /// - Throws: ``NodeError`` `.notPermitted` for a record of this node's own city: the merge
    ///   would keep such a change ineffective (`protocol/PROTOCOL.md` 5.3).
    public func adopt(_ record: RecordID, adoption: JSONValue?) async throws -> WriteResult {
        guard record.city != config.cityID else {
            throw NodeError(.notPermitted, "\(record) belongs to \(config.cityID), this node's own city: a city does not adopt its own record")
        }
        return try await write(record: record, operations: [.contribute(entry: "adoption", language: nil, value: adoption ?? .null)])
    }

    /// Redacts one of this city's changes: nodes drop its bodies and the merge ignores it.
    public func redact(changeID: String) async throws -> WriteResult {
        guard let id = ChangeID(hex: changeID), let bytes = Hex.decode(changeID, count: 32) else {
            throw NodeError(.invalidInput, "'\(changeID)' is not a change id (64 lowercase hex digits)")
        }
        guard let target = try await store.change(bytes) else { throw NodeError(.notFound, "no change \(changeID) on this node") }
        guard target.change.authorCity == config.cityID else {
            throw NodeError(.notPermitted, "change \(changeID) was written by \(target.change.authorCity); a city redacts only its own changes")
        }
        guard let record = RecordID(target.change.recordID) else { throw NodeError(.invalidInput, "change \(changeID) names no valid record") }
        return try await write(record: record, operations: [.redact(change: id)])
    }
}
