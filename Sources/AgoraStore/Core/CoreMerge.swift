import AgoraCore

/// The store's merge: AgoraCore's `RecordMerge` over a record's stored changes and a key directory.
///
/// When the key directory changes (a roster update), open the store with the new one and call
/// `rebuild()`, so every verdict is judged against it.
public struct CoreMerge: RecordMerging {
    /// Which keys belong to which city, and their status.
    public var directory: KeyDirectory
    /// Hashing, to recompute each change's id from its header.
    public var crypto: any ChangeCryptography

    public init(directory: KeyDirectory, crypto: any ChangeCryptography) {
        self.directory = directory
        self.crypto = crypto
    }

    public func merge(recordID: String, changes: [StoredChange]) throws -> MergedRecord {
        guard let record = RecordID(recordID) else {
            throw StoreError(.merge, "\(recordID) is not a record id")
        }
        let verified = try changes.map { change in
            if let decoded = change.decoded, change.bodies != nil || decoded.bodies.isEmpty { return decoded }
            return VerifiedChange(trusting: try change.signedChange(), crypto: crypto)
        }
        let state = RecordMerge.state(of: record, changes: verified, directory: directory)
        var ineffective: [[UInt8]: String] = [:]
        var erased: Set<[UInt8]> = []
        for status in state.changes {
            let id = Hex.decode(status.id.hex, count: 32) ?? []
            switch status.outcome {
            case .effective: break
            case .ineffective(let reason): ineffective[id] = reason.description
            case .redacted: erased.insert(id)
            }
        }
        let inSet = Set(state.changes.map(\.id))
        for change in verified where !inSet.contains(change.id) {  // held aside, awaiting its bodies
            ineffective[Hex.decode(change.id.hex, count: 32) ?? []] = IneffectiveReason.bodiesAwaited.description
        }
        return MergedRecord(canonicalState: String(decoding: state.canonicalJSON, as: UTF8.self), core: state,
                            ineffective: ineffective, erased: erased)
    }
}
