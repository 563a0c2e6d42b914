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
        let copies = deduplicated(changes.filter { $0.header.record == record })
        var merge = MergeEvaluation(record: record, changes: inSet(copies, directory: directory), directory: directory)
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

    /// The changes that are part of the set (`protocol/PROTOCOL.md` 5.6): every complete copy, and a
    /// body-less one only when an effective redaction covers it. A body-less copy that none covers
    /// (its redaction's key was marked compromised after the bodies were erased, say) waits aside
    /// for its bodies and counts for nothing, so no verdict depends on whether a node holds bodies.
    public static func inSet(_ changes: [VerifiedChange], directory: KeyDirectory) -> [VerifiedChange] {
        guard changes.contains(where: \.change.isMissingBodies) else { return changes }
        let headers = Dictionary(changes.map { ($0.id, $0.header) }, uniquingKeysWith: { a, _ in a })
        var covered = Set<ChangeID>()
        for redaction in changes {
            for target in redaction.header.redactedChanges {
                if let header = headers[target], RedactionRule.redacts(redaction.header, target: header, directory: directory) {
                    covered.insert(target)
                }
            }
        }
        return changes.filter { !$0.change.isMissingBodies || covered.contains($0.id) }
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
