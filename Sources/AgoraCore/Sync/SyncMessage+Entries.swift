extension SyncMessage {
    /// Writes a body: each entry as `varint(skip << 3 | action)` and the action's payload.
    static func write(_ entries: [SyncEntry], tagLength: Int, to w: inout SyncByteWriter) {
        for entry in entries {
            w.varint(UInt64(entry.skip) << 3 | UInt64(entry.action.code))
            write(entry.action, tagLength: tagLength, to: &w)
        }
    }

    private static func write(_ action: SyncAction, tagLength: Int, to w: inout SyncByteWriter) {
        switch action {
        case .split(let parts, let fingerprints):
            w.varint(UInt64(parts))
            w.append(fingerprints)
        case .list(let tags):
            w.varint(UInt64(tags.count))
            for tag in tags {
                for shift in stride(from: 8 * (tagLength - 1), through: 0, by: -8) { w.byte(UInt8(truncatingIfNeeded: tag >> UInt64(shift))) }
            }
        case .answer(let lacking, let extras):
            w.varint(UInt64(lacking.count))
            w.append(bitmap(lacking))
            w.varint(UInt64(extras.count))
            for id in extras { w.append(id.bytes) }
        case .none:
            break
        case .all(let summary):
            w.varint(summary.count)
            w.append(summary.sumBytes)
        case .later:
            break
        }
    }

    /// The flags as bits, least significant bit first, padding bits zero.
    static func bitmap(_ flags: [Bool]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: (flags.count + 7) / 8)
        for (i, flag) in flags.enumerated() where flag { out[i >> 3] |= 1 << UInt8(i & 7) }
        return out
    }

    /// Reads entries to the end of the message.
    static func readEntries(_ r: inout SyncByteReader, _ parameters: SyncParameters, _ limits: SyncLimits) throws(SyncError) -> [SyncEntry] {
        var entries: [SyncEntry] = []
        var opened = 0
        while !r.isAtEnd {
            let header = try r.varint("an entry header")
            guard header >> 3 <= UInt64(limits.maximumRangesPerMessage) else {
                throw SyncError(.rangesOutOfOrder, "an entry skips \(header >> 3) ranges")
            }
            let action = try readAction(code: Int(header & 7), &r, parameters, limits)
            opened += action.openedRanges
            guard opened <= limits.maximumRangesPerMessage else {
                throw SyncError(.overLimit, "the message opens more than \(limits.maximumRangesPerMessage) ranges")
            }
            entries.append(SyncEntry(skip: Int(header >> 3), action: action))
        }
        return entries
    }

    private static func readAction(code: Int, _ r: inout SyncByteReader, _ p: SyncParameters, _ limits: SyncLimits) throws(SyncError) -> SyncAction {
        switch code {
        case 0:
            let parts = try r.count("the parts of a split", limit: limits.maximumBranching)
            guard parts >= 1 else { throw SyncError(.invalidAction, "a split into 0 parts") }
            return .split(parts: parts, fingerprints: Array(try r.take(parts * p.fingerprintLength, "the fingerprints of a split")))
        case 1:
            let count = try r.count("the length of a list", limit: limits.maximumListItems)
            let bytes = try r.take(count * p.tagLength, "the tags of a list")
            var tags: [UInt64] = []
            tags.reserveCapacity(count)
            var tag: UInt64 = 0
            for (i, b) in bytes.enumerated() {
                tag = tag << 8 | UInt64(b)
                if (i + 1) % p.tagLength == 0 { tags.append(tag); tag = 0 }
            }
            return .list(tags: tags)
        case 2: return try readAnswer(&r, limits)
        case 3: return .none
        case 4:
            let count = try r.varint("the count of an all")
            let sum = Array(try r.take(32, "the sum of an all"))
            return .all(SyncSummary(sumBytes: sum, count: count) ?? .empty)
        case 5: return .later
        default: throw SyncError(.badAction, "unknown action \(code)")
        }
    }

    private static func readAnswer(_ r: inout SyncByteReader, _ limits: SyncLimits) throws(SyncError) -> SyncAction {
        let count = try r.count("the length of an answer", limit: limits.maximumListItems)
        let bitmap = try r.take((count + 7) / 8, "the bitmap of an answer")
        var lacking: [Bool] = []
        lacking.reserveCapacity(count)
        for i in 0..<count { lacking.append(bitmap[bitmap.startIndex + (i >> 3)] >> UInt8(i & 7) & 1 == 1) }
        if count % 8 != 0, let last = bitmap.last, last >> UInt8(count % 8) != 0 {
            throw SyncError(.invalidAction, "padding bits set in the bitmap of an answer")
        }
        let extraCount = try r.varint("the extras of an answer")
        guard extraCount <= UInt64(r.remaining / SyncID.byteCount) else {
            throw SyncError(.truncated, "\(extraCount) extras of 32 bytes; \(r.remaining) bytes are left")
        }
        var extras: [SyncID] = []
        extras.reserveCapacity(Int(extraCount))
        for _ in 0..<Int(extraCount) {
            guard let id = SyncID(bytes: try r.take(SyncID.byteCount, "an id")) else { break }
            extras.append(id)
        }
        return .answer(lacking: lacking, extras: extras)
    }
}

extension SyncAction {
    /// How many ranges this action opens.
    var openedRanges: Int {
        switch self {
        case .split(let parts, _): parts
        case .list: 1
        case .answer, .none, .all, .later: 0
        }
    }
}
