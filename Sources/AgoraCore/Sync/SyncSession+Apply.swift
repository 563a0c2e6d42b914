extension SyncSession {
    /// Applies the peer's entries to the ranges this side opened; returns the ranges the peer
    /// opened in turn. Ranges no entry addresses matched and are closed.
    mutating func apply(_ entries: [SyncEntry]) throws(SyncError) -> [PeerRange] {
        var opened: [PeerRange] = []
        carried = []
        var index = 0
        for (position, entry) in entries.enumerated() {
            try closeMatching(from: index, count: entry.skip)
            index += entry.skip
            guard index < open.count else {
                throw SyncError(.rangesOutOfOrder, "entry \(position) addresses range \(index) of \(open.count) open ranges")
            }
            if case .later = entry.action {
                guard position == entries.count - 1 else { throw SyncError(.rangesOutOfOrder, "entry \(position + 1) follows a later") }
                carried = Array(open[index...])
                return opened
            }
            try apply(entry.action, to: open[index], opening: &opened)
            index += 1
        }
        try closeMatching(from: index, count: open.count - index)
        return opened
    }

    /// Closes `count` ranges from `index` as matching; a list may not be passed over.
    private func closeMatching(from index: Int, count: Int) throws(SyncError) {
        for range in open[index..<min(open.count, index + count)] where range.listed != nil {
            throw SyncError(.unansweredList, "the list of range \(range.lower)..<\(range.upper) got no answer")
        }
    }

    private mutating func apply(_ action: SyncAction, to range: OpenRange, opening opened: inout [PeerRange]) throws(SyncError) {
        switch action {
        case .split(let parts, let fingerprints):
            try appendParts(of: range, parts: parts, fingerprints: fingerprints, to: &opened)
        case .list(let tags):
            guard !isInitiator else { throw SyncError(.badAction, "only the initiator lists") }
            opened.append(PeerRange(lower: range.lower, upper: range.upper, payload: .list(tags)))
        case .answer(let lacking, let extras):
            try takeAnswer(range, lacking: lacking, extras: extras)
        case .none:
            guard isInitiator else { throw SyncError(.badAction, "only the responder sends none") }
            giveAll(range)
        case .all(let summary):
            guard isInitiator else { throw SyncError(.badAction, "only the responder sends all") }
            outcome.needRanges.append(SyncKeyRange(lower: range.lower, upper: range.upper, count: summary.count))
            gotten = gotten + summary
            if !range.wasEmpty && range.listed?.isEmpty != true {
                // The responder took this side's fingerprint for an empty range's (a collision):
                // offer everything here too; the final check will report the session inconsistent.
                giveAll(range)
            }
        case .later:
            break  // handled by the caller
        }
    }

    private func appendParts(of range: OpenRange, parts: Int, fingerprints: [UInt8], to opened: inout [PeerRange]) throws(SyncError) {
        guard parts == 1 || !range.lower.isNarrower(than: range.upper, parts: parts) else {
            throw SyncError(.invalidAction, "a split of range \(range.lower)..<\(range.upper) into \(parts) parts, more than its key points")
        }
        let bounds = range.lower.bounds(to: range.upper, parts: parts)
        let length = parameters.fingerprintLength
        for part in 0..<parts {
            let fingerprint = Array(fingerprints[(part * length)..<((part + 1) * length)])
            opened.append(PeerRange(lower: bounds[part], upper: bounds[part + 1], payload: .fingerprint(fingerprint)))
        }
    }

    private mutating func takeAnswer(_ range: OpenRange, lacking: [Bool], extras: [SyncID]) throws(SyncError) {
        guard isInitiator else { throw SyncError(.badAction, "only the responder answers") }
        let listed = range.listed ?? []
        guard lacking.count == listed.count else {
            throw SyncError(.invalidAction, "an answer of \(lacking.count) flags to a list of \(listed.count)")
        }
        for (item, isLacking) in zip(listed, lacking) where isLacking {
            outcome.have.append(item)
            given.add(item.id)
        }
        for id in extras {
            outcome.need.append(id)
            gotten.add(id)
        }
        if range.listed == nil && !range.wasEmpty {
            // An answer to a fingerprint: the responder took it for an empty range's, so its
            // extras are all it holds here, and this side's other items are all to give.
            let theirs = Set(extras)
            for item in source.items(from: range.lower, to: range.upper) where !theirs.contains(item.id) {
                outcome.have.append(item)
                given.add(item.id)
            }
        }
    }

    /// Records every item of this side in `range` as one to give.
    private mutating func giveAll(_ range: OpenRange) {
        let summary = source.summary(from: range.lower, to: range.upper)
        outcome.haveRanges.append(SyncKeyRange(lower: range.lower, upper: range.upper, count: summary.count))
        given = given + summary
    }
}
