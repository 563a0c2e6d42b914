/// A coalition's roster updates as received, in any order, and their fold into the current roster.
///
/// The fold is a pure function of the genesis and the **set** of updates: arrival order,
/// duplicates and replays do not change it. From the genesis it applies, one sequence number at
/// a time, the only valid child of the head. Two valid children of one parent are a **fork**:
/// the fold stops before them (neither branch counts) until a `resolve-fork` update, signed by
/// the steward quorum, picks one. See `protocol/ROSTER.md`, "The fold".
public struct RosterChain: Sendable {
    /// The first update, the coalition's root of trust.
    public let genesis: RosterUpdate
    /// Every other update held, by id: applied, waiting for its parent, or past a fork.
    public private(set) var updates: [RosterUpdateID: RosterUpdate] = [:]
    private var children: [RosterUpdateID: [RosterUpdateID]] = [:]

    /// A chain holding only `genesis`.
    /// - Throws: `RosterError` when `genesis` does not found a roster.
    public init(genesis: RosterUpdate, crypto: any ChangeCryptography) throws(RosterError) {
        _ = try Roster(genesis: genesis, crypto: crypto)
        self.genesis = genesis
    }

    /// The coalition id.
    public var coalition: String { genesis.coalition }

    /// Adds an update; false when nothing new was learnt (a replay, or the genesis). An update is
    /// its header: a copy of a header already held adds its signatures to the held ones (so a
    /// co-signature arriving alone completes a draft). Signatures are the caller's check
    /// (``RosterUpdate/parse(_:coalition:crypto:)``); authority is the fold's.
    @discardableResult
    public mutating func insert(_ update: RosterUpdate, crypto: any ChangeCryptography) -> Bool {
        guard let parent = update.parent, update.coalition == coalition else { return false }
        if let held = updates[update.id] {
            let joined = update.signatures.reduce(held) { u, s in u.signatures.contains { $0.key == s.key } ? u : u.adding(s, crypto: crypto) }
            updates[update.id] = joined
            return joined.signatures != held.signatures
        }
        updates[update.id] = update
        children[parent, default: []].append(update.id)
        children[parent]?.sort()
        return true
    }

    /// Drops updates (refused ones, or waiting ones over a bound).
    public mutating func remove(_ ids: some Sequence<RosterUpdateID>) {
        for id in ids {
            guard let update = updates.removeValue(forKey: id), let parent = update.parent else { continue }
            children[parent]?.removeAll { $0 == id }
        }
    }

    /// The children of `id` held, sorted by id.
    public func children(of id: RosterUpdateID) -> [RosterUpdate] {
        (children[id] ?? []).compactMap { updates[$0] }
    }

    /// Folds the chain from the genesis: see the type's summary.
    public func fold(crypto: any ChangeCryptography) -> RosterFold {
        // The genesis was checked by init; a failure here cannot happen, and would fold to nothing.
        guard var roster = try? Roster(genesis: genesis, crypto: crypto) else {
            return RosterFold(roster: nil, applied: [], fork: nil, refused: [:], waiting: Array(updates.keys).sorted())
        }
        var applied: [RosterUpdate] = [genesis]
        var refused: [RosterUpdateID: RosterError] = [:]
        var fork: RosterFork?
        while true {
            var valid: [(RosterUpdate, Roster)] = []
            for child in children(of: roster.head) {
                do { valid.append((child, try roster.applying(child, crypto: crypto))) } catch { refused[child.id] = error }
            }
            if valid.count > 1, let kept = resolution(of: valid, crypto: crypto) { valid = [kept] }
            guard let (update, next) = valid.first else { break }
            guard valid.count == 1 else {
                fork = RosterFork(parent: roster.head, sequence: roster.sequence + 1, candidates: valid.map(\.0.id))
                break
            }
            applied.append(update)
            roster = next
        }
        let reached = Set(applied.map(\.id)).union(refused.keys)
        return RosterFold(roster: roster, applied: applied, fork: fork, refused: refused,
                          waiting: updates.keys.filter { !reached.contains($0) }.sorted())
    }

    /// The one candidate of a fork that a valid `resolve-fork` child keeps while dropping every
    /// other candidate; nil when none or more than one is so kept.
    private func resolution(of candidates: [(RosterUpdate, Roster)], crypto: any ChangeCryptography) -> (RosterUpdate, Roster)? {
        let ids = Set(candidates.map(\.0.id))
        let kept = candidates.filter { update, after in
            children(of: update.id).contains { child in
                let drops = child.operations.contains { op in
                    if case .resolveFork(let keep, let drop) = op { return keep == update.id && ids.subtracting([keep]).isSubset(of: drop) }
                    return false
                }
                return drops && (try? after.applying(child, crypto: crypto)) != nil
            }
        }
        return kept.count == 1 ? kept[0] : nil
    }
}

/// Two or more valid updates with the same parent: nodes apply neither and alert.
public struct RosterFork: Sendable, Hashable {
    /// The last update every branch shares (the roster stays here).
    public let parent: RosterUpdateID
    /// The sequence number the candidates share.
    public let sequence: UInt64
    /// The competing updates, sorted by id.
    public let candidates: [RosterUpdateID]
}

/// The result of folding a chain.
public struct RosterFold: Sendable {
    /// The roster at the head (nil only for a chain whose genesis cannot found one).
    public let roster: Roster?
    /// The applied updates in chain order, the genesis first.
    public let applied: [RosterUpdate]
    /// The fork the fold stopped at, if any.
    public let fork: RosterFork?
    /// Children of applied updates that are not valid there, and why: they never will be.
    public let refused: [RosterUpdateID: RosterError]
    /// Updates not reached: their parent is not held, or lies past a fork.
    public let waiting: [RosterUpdateID]
}
