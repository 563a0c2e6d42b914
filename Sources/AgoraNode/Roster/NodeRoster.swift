public import AgoraCore
import AgoraStore
import AgoraCrypto
import Foundation

/// A node's roster: the held chain (in the store), its fold, and the key directory, peers and
/// pins it yields. Every roster input goes through ``receive(_:)``; readers take ``snapshot``.
///
/// The key directory the store judges changes by (``LiveKeyDirectory``) is replaced when the
/// fold moves, and changes waiting in the pending area for a key or a reinstatement are tried
/// again. See `protocol/ROSTER.md` and `docs/FEDERATION.md`.
public actor NodeRoster {
    /// What the roster is now: nil until a genesis is held.
    public struct Snapshot: Sendable {
        /// The chain held (nil: no roster yet; the node runs on keys/directory.json alone).
        public let chain: RosterChain?
        /// Its fold.
        public let fold: RosterFold?
        /// The roster at the head.
        public var roster: Roster? { fold?.roster }
    }

    /// What one ``receive(_:)`` did.
    public struct Intake: Sendable {
        /// Updates newly held (or that gained signatures).
        public var held = 0
        /// Copies of updates already held.
        public var duplicates = 0
        /// Updates refused at parsing or by the fold, with why.
        public var refused: [(id: String?, error: RosterError)] = []
        /// The sequence number of the head after it.
        public var sequence: UInt64 = 0
        /// The fork the fold stops at, if any.
        public var fork: RosterFork?
        /// Pending changes stored because of it.
        public var released = 0
    }

    /// Updates held that do not attach (parent unknown, or past a fork): beyond this many, the
    /// newest arrivals are refused, so a peer cannot fill the table with orphans.
    public static let maximumWaitingUpdates = 1_000

    let store: Store
    let coalition: String
    let keys: LiveKeyDirectory
    let fileKeys: KeyDirectory
    let crypto = OpenSSLChangeCryptography()
    let pending: PendingArea
    private var chain: RosterChain?
    private var fold: RosterFold?
    private let published: RosterBoard

    init(store: Store, coalition: String, keys: LiveKeyDirectory, fileKeys: KeyDirectory, pending: PendingArea, board: RosterBoard) {
        self.store = store
        self.coalition = coalition
        self.keys = keys
        self.fileKeys = fileKeys
        self.pending = pending
        self.published = board
    }

    /// The roster now, readable from any thread without waiting (the federation port's check).
    public nonisolated var snapshot: Snapshot { published.snapshot }

    /// Calls `observer` after every change of the fold (sync uses it to refresh its peers).
    public nonisolated func observe(_ observer: @escaping @Sendable (Snapshot) -> Void) { published.observe(observer) }

    /// Reads the held chain from the store and folds it.
    func load() async throws {
        let rows = try await store.rosterRows()
        guard let first = rows.first(where: { $0.parent == nil }) else { return }
        var chain = try RosterChain(genesis: try RosterUpdate.parse(first.wire, coalition: coalition, crypto: crypto), crypto: crypto)
        for row in rows where row.parent != nil {
            if let update = try? RosterUpdate.parse(row.wire, coalition: coalition, crypto: crypto) { chain.insert(update, crypto: crypto) }
        }
        self.chain = chain
        try await refold(releasing: false)
    }

    /// Takes roster updates in wire form (a bundle, a peer's answer, a local command), in any
    /// order: holds the valid ones, folds, saves, and releases the pending changes the new
    /// roster admits. A genesis is taken only when the node holds none (enrolment).
    /// - Throws: ``NodeError`` `invalidInput` for a genesis other than the held one (`wrong-genesis`); store errors.
    public func receive(_ lines: [[UInt8]]) async throws -> Intake {
        var intake = Intake()
        var changed: [RosterUpdate] = []
        for line in lines {
            let update: RosterUpdate
            do { update = try RosterUpdate.parse(line, coalition: coalition, crypto: crypto) } catch {
                intake.refused.append((nil, error))
                continue
            }
            if update.isGenesis {
                try adopt(genesis: update, into: &intake, changed: &changed)
                continue
            }
            guard var held = chain else {
                intake.refused.append((update.id.hex, RosterError(.wrongGenesis, "this node holds no roster yet; enrol from a bundle first")))
                continue
            }
            if held.insert(update, crypto: crypto) {
                intake.held += 1
                changed.append(held.updates[update.id] ?? update)
            } else {
                intake.duplicates += 1
            }
            chain = held
        }
        try await save(changed)
        intake.released = try await refold(releasing: true)
        try await trimRefusedAndOrphans(into: &intake)
        intake.sequence = fold?.roster?.sequence ?? 0
        intake.fork = fold?.fork
        return intake
    }

    private func adopt(genesis: RosterUpdate, into intake: inout Intake, changed: inout [RosterUpdate]) throws {
        if let held = chain {
            guard held.genesis.id == genesis.id else {
                throw NodeError(.invalidInput, RosterError(.wrongGenesis, "the genesis \(genesis.id.hex) is not this node's (\(held.genesis.id.hex))").description)
            }
            intake.duplicates += 1
            return
        }
        do { chain = try RosterChain(genesis: genesis, crypto: crypto) } catch {
            intake.refused.append((genesis.id.hex, error))
            return
        }
        intake.held += 1
        changed.append(genesis)
    }

    private func save(_ updates: [RosterUpdate]) async throws {
        try await store.saveRoster(updates.map { u in
            Store.RosterRow(id: Hex.decode(u.id.hex, count: 32) ?? [], parent: u.parent.flatMap { Hex.decode($0.hex, count: 32) },
                            sequence: u.sequence, wire: u.wireBytes)
        })
    }

    /// Refused updates are dropped for good; waiting ones past the bound too (newest first).
    private func trimRefusedAndOrphans(into intake: inout Intake) async throws {
        guard var held = chain, let fold else { return }
        var drop = Array(fold.refused.keys)
        for (id, error) in fold.refused.sorted(by: { $0.key < $1.key }) { intake.refused.append((id.hex, error)) }
        let excess = fold.waiting.count - Self.maximumWaitingUpdates
        if excess > 0 {
            let newest = fold.waiting.compactMap { held.updates[$0] }.sorted { ($0.sequence, $0.id) > ($1.sequence, $1.id) }.prefix(excess)
            for u in newest { intake.refused.append((u.id.hex, RosterError(.oversized, "more than \(Self.maximumWaitingUpdates) updates wait for a parent"))) }
            drop += newest.map(\.id)
        }
        guard !drop.isEmpty else { return }
        held.remove(drop)
        chain = held
        try await store.saveRoster([], removing: drop.compactMap { Hex.decode($0.hex, count: 32) })
    }

    /// Folds the chain, publishes it, replaces the live key directory and (when asked: a new
    /// input, not a load) releases pending changes and rebuilds stored verdicts when the directory
    /// changed (a key's status, or a key admitted that signed stored changes). A load needs
    /// neither: the stored verdicts were judged by this roster.
    @discardableResult
    private func refold(releasing: Bool) async throws -> Int {
        guard let chain else { return 0 }
        let before = keys.current
        let fold = chain.fold(crypto: crypto)
        self.fold = fold
        let directory = Self.directory(roster: fold.roster, file: fileKeys)
        keys.replace(with: directory)
        published.publish(Snapshot(chain: chain, fold: fold))
        guard releasing else { return 0 }
        if before != directory { _ = try await store.rebuild() }
        return try await pending.release(roster: fold.roster, directory: directory)
    }

    /// The roster's directory, plus keys of `keys/directory.json` the roster does not hold
    /// (the offline and testing path of `agora keys trust`); the roster wins for keys it holds.
    static func directory(roster: Roster?, file: KeyDirectory) -> KeyDirectory {
        guard let roster else { return file }
        var entries = roster.keyDirectory.entries
        for (hex, entry) in file.entries where entries[hex] == nil { entries[hex] = entry }
        return (try? KeyDirectory(Array(entries.values))) ?? roster.keyDirectory
    }
}
