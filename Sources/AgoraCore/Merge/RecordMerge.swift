/// The deterministic merge: the set of a record's changes plus the key directory give its state.
///
/// Pure and order-free: the result depends only on the *set* of changes (duplicates and
/// arrival order do not matter), so every node computes byte-identical state.
/// See `protocol/PROTOCOL.md`, "Merge".
public enum RecordMerge {
    /// The state of `record` from its changes. Changes for other records are ignored.
    /// - Parameters:
    ///   - record: the record to merge.
    ///   - changes: its verified changes, in any order, duplicates allowed.
    ///   - directory: which keys belong to which city, and their status.
    public static func state(of record: RecordID, changes: [VerifiedChange], directory: KeyDirectory) -> RecordState {
        var merge = MergeEvaluation(record: record, changes: deduplicated(changes.filter { $0.header.record == record }),
                                    directory: directory)
        merge.evaluate()
        return merge.apply()
    }

    /// The state of every record the changes name.
    public static func states(changes: [VerifiedChange], directory: KeyDirectory) -> [RecordID: RecordState] {
        let groups = Dictionary(grouping: changes, by: \.header.record)
        return groups.reduce(into: [:]) { result, group in
            result[group.key] = state(of: group.key, changes: group.value, directory: directory)
        }
    }

    /// The changes ordered by (HLC, id), each id once, bodies of copies united (they are hash-checked).
    static func deduplicated(_ changes: [VerifiedChange]) -> [VerifiedChange] {
        var byID: [ChangeID: VerifiedChange] = [:]
        for change in changes {
            guard let earlier = byID[change.id] else {
                byID[change.id] = change
                continue
            }
            if earlier.bodies.count < earlier.header.bodyHashes.count && change.bodies.count > earlier.bodies.count {
                let bodies = earlier.bodies.merging(change.bodies) { a, _ in a }
                byID[change.id] = VerifiedChange(id: change.id, change: SignedChange(
                    header: change.header, signature: change.change.signature, bodies: bodies))
            }
        }
        return byID.values.sorted { ($0.header.hlc, $0.id) < ($1.header.hlc, $1.id) }
    }
}
