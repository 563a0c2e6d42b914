import Foundation

/// A merge result reduced to what the writer stores: the canonical state, the search and facet
/// entry, and the verdicts (the parsed state is dropped, it is large).
struct IndexedRecord: Sendable {
    var canonicalState: String
    var entry: IndexEntry
    var ineffective: [[UInt8]: String]
    var erased: Set<[UInt8]>

    init(_ merged: MergedRecord) {
        canonicalState = merged.canonicalState
        entry = merged.indexEntry
        ineffective = merged.ineffective
        erased = merged.erased
    }
}

/// A record merged before the writer, on every core, from the changes of one batch alone.
/// The writer uses it only if the log holds exactly `ids` for that record (a record that is
/// new, as most are during an import) and the batch had no body-less copy (the log may hold a
/// complete one, or refuse it); otherwise it merges again from the log.
struct PremergedRecord: Sendable {
    var ids: Set<[UInt8]>
    var record: IndexedRecord

    /// Merges each record of the accepted changes in `verdicts` from those changes alone, on every
    /// core, and drops each change's parsed form right after its record is merged (on the same
    /// thread, while it is still in that core's cache). Blocks the caller: call it from a thread
    /// of your own or a dispatch queue, never from a Task.
    static func premergeNow(_ verdicts: VerdictBuffer, merger: any RecordMerging) -> [String: PremergedRecord] {
        var positions: [String: [Int]] = [:]
        for index in 0..<verdicts.count {
            if let change = verdicts.change(at: index) { positions[change.recordID, default: []].append(index) }
        }
        let groups = Array(positions)
        guard !groups.isEmpty else { return [:] }
        let results = SlotBuffer<PremergedRecord?>(count: groups.count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: groups.count) { index in
            let (recordID, positions) = groups[index]
            do {  // `group` ends here, so `dropDecoded` holds the last reference and frees each tree on this core
                let group = positions.compactMap(verdicts.change(at:))
                if !group.contains(where: { $0.bodies == nil }), let merged = try? merger.merge(recordID: recordID, changes: group) {
                    results[index] = PremergedRecord(ids: Set(group.map(\.id)), record: IndexedRecord(merged))
                }
            }
            for position in positions { verdicts.dropDecoded(at: position) }
        }
        var byRecord: [String: PremergedRecord] = Dictionary(minimumCapacity: groups.count)
        for (index, result) in results.values.enumerated() { byRecord[groups[index].key] = result }
        return byRecord
    }
}
