extension SyncSession {
    /// Builds this side's entries for the ranges the peer opened (after those put off last
    /// time), keeping the message within `budget` bytes and the range limit, and records the
    /// ranges they open.
    ///
    /// When the next entry would pass a limit, one `later` puts it and every later range off to
    /// the next message. The first entry is always sent, so each message makes progress; no
    /// entry is larger than 64 KiB (a split of 4,096 parts of 16 bytes), so the budget must
    /// leave that much room below `SyncLimits.maximumMessageBytes`.
    mutating func respond(to newRanges: [PeerRange], budget: Int) -> [SyncEntry] {
        let peerRanges = pending + newRanges
        pending = []
        var entries: [SyncEntry] = []
        var newlyOpen: [OpenRange] = []
        var size = 0, skip = 0
        for (index, range) in peerRanges.enumerated() {
            guard let (action, opened) = decide(range) else {
                skip += 1
                continue
            }
            let entrySize = SyncSession.encodedSize(action, skip: skip, parameters: parameters)
            let tooBig = size + entrySize > budget - 10 || newlyOpen.count + opened.count > limits.maximumRangesPerMessage
            if !entries.isEmpty && tooBig {
                entries.append(SyncEntry(skip: skip, action: .later))
                pending = Array(peerRanges[index...])
                break
            }
            entries.append(SyncEntry(skip: skip, action: action))
            newlyOpen.append(contentsOf: opened)
            size += entrySize
            skip = 0
        }
        open = carried + newlyOpen
        carried = []
        return entries
    }

    /// The action for one peer range and the ranges it opens; `nil` when the range is closed
    /// without an entry (it matches, or the initiator found the responder holds nothing there).
    private mutating func decide(_ range: PeerRange) -> (SyncAction, [OpenRange])? {
        let mine = source.summary(from: range.lower, to: range.upper)
        switch range.payload {
        case .fingerprint(let theirs):
            let ours = fingerprint(mine, length: theirs.count)
            if ours == theirs { return nil }
            let theyAreEmpty = theirs == fingerprint(.empty, length: theirs.count)
            return isInitiator ? decideAsInitiator(range, mine, theyAreEmpty) : decideAsResponder(range, mine, theyAreEmpty)
        case .list(let tags):
            if mine.count <= UInt64(policy.answerItems) || range.lower.isNarrower(than: range.upper, parts: 2) {
                return (answer(range, tags: tags), [])
            }
            if tags.isEmpty { return (.all(mine), []) }
            return split(range, mine)
        }
    }

    private mutating func decideAsInitiator(_ range: PeerRange, _ mine: SyncSummary, _ theyAreEmpty: Bool) -> (SyncAction, [OpenRange])? {
        if theyAreEmpty {
            outcome.haveRanges.append(SyncKeyRange(lower: range.lower, upper: range.upper, count: mine.count))
            given = given + mine
            return nil
        }
        let narrow = range.lower.isNarrower(than: range.upper, parts: 2)
        if mine.count <= UInt64(policy.listItems) || (narrow && mine.count <= UInt64(limits.maximumListItems)) {
            let items = source.items(from: range.lower, to: range.upper)
            let opened = OpenRange(lower: range.lower, upper: range.upper, listed: items, wasEmpty: items.isEmpty)
            return (.list(tags: items.map { tag($0.id) }), [opened])
        }
        return split(range, mine)
    }

    private func decideAsResponder(_ range: PeerRange, _ mine: SyncSummary, _ theyAreEmpty: Bool) -> (SyncAction, [OpenRange])? {
        if mine.count == 0 { return (.none, []) }
        if theyAreEmpty {
            if mine.count <= UInt64(policy.answerItems) { return (answer(range, tags: []), []) }
            return (.all(mine), [])
        }
        return split(range, mine)
    }

    /// The answer to a list: which tags match none of this side's items, and this side's items
    /// that match no tag.
    private func answer(_ range: PeerRange, tags: [UInt64]) -> SyncAction {
        let items = source.items(from: range.lower, to: range.upper)
        let ours = Set(items.map { tag($0.id) })
        let theirs = Set(tags)
        let lacking = tags.map { !ours.contains($0) }
        let extras = items.filter { !theirs.contains(tag($0.id)) }.map(\.id)
        return .answer(lacking: lacking, extras: extras)
    }

    /// A split of the range into the policy's number of parts (one if it cannot be cut).
    private func split(_ range: PeerRange, _ mine: SyncSummary) -> (SyncAction, [OpenRange]) {
        var parts = policy.parts(count: mine.count, message: messages + 1, limit: limits.maximumBranching)
        while parts > 1 && range.lower.isNarrower(than: range.upper, parts: parts) { parts /= 2 }
        let bounds = range.lower.bounds(to: range.upper, parts: parts)
        var fingerprints: [UInt8] = []
        fingerprints.reserveCapacity(parts * parameters.fingerprintLength)
        var opened: [OpenRange] = []
        opened.reserveCapacity(parts)
        for part in 0..<parts {
            let summary = source.summary(from: bounds[part], to: bounds[part + 1])
            fingerprints.append(contentsOf: fingerprint(summary))
            opened.append(OpenRange(lower: bounds[part], upper: bounds[part + 1], listed: nil, wasEmpty: summary.count == 0))
        }
        return (.split(parts: parts, fingerprints: fingerprints), opened)
    }

    /// The encoded size of one entry.
    static func encodedSize(_ action: SyncAction, skip: Int, parameters: SyncParameters) -> Int {
        let header = SyncByteWriter.varintLength(UInt64(skip) << 3 | UInt64(action.code))
        switch action {
        case .split(let parts, let fingerprints): return header + SyncByteWriter.varintLength(UInt64(parts)) + fingerprints.count
        case .list(let tags): return header + SyncByteWriter.varintLength(UInt64(tags.count)) + tags.count * parameters.tagLength
        case .answer(let lacking, let extras):
            return header + SyncByteWriter.varintLength(UInt64(lacking.count)) + (lacking.count + 7) / 8
                + SyncByteWriter.varintLength(UInt64(extras.count)) + extras.count * SyncID.byteCount
        case .none: return header
        case .all(let summary): return header + SyncByteWriter.varintLength(summary.count) + 32
        case .later: return header
        }
    }
}
