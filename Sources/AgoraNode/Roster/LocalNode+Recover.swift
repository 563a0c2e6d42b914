public import AgoraCore
import AgoraStore

extension LocalNode {
    /// After a compromise, re-signs under the node's (new) key the state of every record of this
    /// city as the city vouches for it: the changes of `key` stamped up to `before` (the time of
    /// the theft) count again, later ones do not. Each record whose vouched state differs from
    /// the current one gets one change writing the difference (`RecordPublisher`), and the
    /// `deleted` flag when it differs.
    /// - Returns: the writes made, one per record that needed one.
    /// - Throws: ``NodeError`` when `key` is not this city's compromised key in the directory.
    public func recover(compromisedKey key: [UInt8], vouchingUpTo before: HLCTimestamp) async throws -> [WriteResult] {
        guard let entry = keyDirectory.entry(for: key), entry.city == config.cityID else {
            throw NodeError(.invalidInput, "key \(Hex.encode(key)) is not one of \(config.cityID)'s keys in the roster")
        }
        guard entry.status == .compromised else {
            throw NodeError(.invalidInput, "key \(Hex.encode(key)) is not marked compromised; a steward runs 'agora roster compromised' first")
        }
        guard signingKey.map({ $0.publicKeyBytes != key }) ?? false else {
            throw NodeError(.invalidInput, "the node still signs with the compromised key; run 'agora keys rotate' first")
        }
        var entries = keyDirectory.entries
        entries[Hex.encode(key)] = KeyDirectory.Entry(key: key, city: entry.city, status: .retired(at: before), isSteward: entry.isSteward)
        let vouching = try KeyDirectory(Array(entries.values))
        var writes: [WriteResult] = []
        for (id, _) in try await store.allStates() where id.hasPrefix(config.cityID + "/") {
            guard let record = RecordID(id) else { continue }
            let history = try await store.history(id).map(\.change)
            let vouched = try NodeMerger.state(recordID: id, changes: history, directory: vouching, crypto: crypto)
            let current = try await state(of: record)
            var operations: [UnsignedOperation] = []
            if let document = vouched.document, vouched.exists { operations = RecordPublisher.operations(for: document, from: current) }
            if vouched.isDeleted != current.isDeleted { operations.append(vouched.isDeleted ? .delete : .undelete) }
            guard !operations.isEmpty else { continue }
            writes.append(try await write(record: record, operations: operations))
        }
        return writes
    }
}
