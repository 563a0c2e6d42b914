import Foundation
import Testing
import AgoraCore
import AgoraTesting
@testable import AgoraStore

/// Issue 12, item 1, as a property through the store: any two ingestion orders and batchings of
/// any mix of body-less and complete copies of the same changes (some changes travel only without
/// bodies), under any key directory (compromised and retired keys, stewards), give byte-identical
/// states and verdicts, equal to the pure merge of the best copies; and a node whose directory
/// changed on the way gets there too once it fetched what it lacks and the bodies
/// `changesMissingBodies()` lists. Each store retries its body-less copies after its last batch, as
/// `agora import` and sync do. A failure names its seed; set `AGORA_PROPERTY_SEED` to replay it.
@Suite struct ConvergencePropertyTests {
    static let histories = 40
    static var seeds: [UInt64] {
        if let text = ProcessInfo.processInfo.environment["AGORA_PROPERTY_SEED"], let seed = UInt64(text) { return [seed] }
        return (0..<UInt64(histories)).map { 0xB0D1_0000 + $0 }
    }

    let fixtures: CoreFixtures
    init() throws { fixtures = try CoreFixtures() }

    @Test(arguments: seeds) func everyOrderAndMixOfCopiesConverges(seed: UInt64) async throws {
        var generator = ConvergenceHistory(fixtures: fixtures, seed: seed)
        let keys = try generator.directory(), earlier = try generator.directory()
        let changes = try generator.changes(count: Int.random(in: 3...12, using: &generator.rng))
        let (copies, best) = generator.copies(of: changes)
        let expected = RecordMerge.states(changes: best, directory: keys).filter { !$0.value.changes.isEmpty }  // all aside: no record
            .map { ($0.key.description, String(decoding: $0.value.canonicalJSON, as: UTF8.self)) }.sorted { $0.0 < $1.0 }

        let a = try await ingested(generator.batches(copies), keys: keys, name: "\(seed)-a")
        let b = try await ingested(generator.batches(copies), keys: keys, name: "\(seed)-b")
        let c = try await ingested(generator.batches(copies), keys: earlier, name: "\(seed)-c")
        let dir = (c.path as NSString).deletingLastPathComponent
        await c.close()
        let moved = try fixtures.store(in: dir, keys: keys)
        _ = try await moved.rebuild()
        try await fetchWhatIsMissing(into: moved, from: best)

        let states = try await Self.states(a)
        #expect(states == expected.map { "\($0.0) \($0.1)" }, "seed \(seed): store differs from the pure merge")
        #expect(try await Self.states(b) == states, "seed \(seed): another order gives another state")
        #expect(try await Self.states(moved) == states, "seed \(seed): a node whose directory changed does not converge")
        let verdicts = try await Self.verdicts(a)
        #expect(try await Self.verdicts(b) == verdicts, "seed \(seed): verdicts differ between orders")
        #expect(try await Self.verdicts(moved) == verdicts, "seed \(seed): verdicts differ after the directory change")
        _ = try await a.rebuild()
        #expect(try await Self.states(a) == states, "seed \(seed): rebuild differs")
        for store in [a, b, moved] { await store.close() }
    }

    func ingested(_ batches: [[VerifiedChange]], keys: KeyDirectory, name: String) async throws -> Store {
        let store = try fixtures.store(in: Fixtures.directory(name), keys: keys)
        for batch in batches { _ = try await store.ingest(wire: batch.map(\.change.wireBytes)) }
        let bodyless = batches.joined().filter(\.change.isMissingBodies)
        _ = try await store.ingest(wire: bodyless.map(\.change.wireBytes))
        return store
    }

    /// What sync will do: fetch every change the node lacks, and a complete copy of each change
    /// it holds without bodies that no effective redaction covers, from a peer holding `changes`
    /// (a body-less copy where no complete one exists).
    func fetchWhatIsMissing(into store: Store, from changes: [VerifiedChange]) async throws {
        var held = Set<String>()
        for try await entry in store.allChanges() { held.insert(entry.change.idHex) }
        let missing = Set(try await store.changesMissingBodies().map(Hex.encode))
        let wanted = changes.filter { !held.contains($0.id.hex) || missing.contains($0.id.hex) }
        _ = try await store.ingest(wire: wanted.map(\.change.wireBytes))
    }

    /// Every record's id and canonical state.
    static func states(_ store: Store) async throws -> [String] {
        try await store.allStates().map { "\($0.id) \($0.state)" }
    }

    /// Every held change's verdict, reason and erasure, by id, but for those waiting aside for their
    /// bodies (not part of the set, not offered in sync).
    static func verdicts(_ store: Store) async throws -> [String: String] {
        var out: [String: String] = [:]
        let aside = Set(try await store.changesMissingBodies())
        for try await entry in store.allChanges() where !aside.contains(entry.change.id) {
            out[entry.change.idHex] = "\(entry.isEffective) \(entry.isRedacted) \(entry.reason ?? "-") \(entry.isErased)"
        }
        return out
    }
}

/// Random histories of two records with real signatures: edits, unknown operations, deletes,
/// contributions, and redactions by any author of any earlier changes (own, foreign, several at
/// once), signed by keys whose status the directory draws at random.
struct ConvergenceHistory {
    let fixtures: CoreFixtures
    var rng: SplitMix64
    static let records = ["tirana/practice/a", "tirana/practice/b"]
    /// Test key name and city of each author.
    static let authors = [("tirana", "tirana"), ("tirana-2", "tirana"), ("sofia", "sofia"), ("steward", "coalition")]

    init(fixtures: CoreFixtures, seed: UInt64) {
        self.fixtures = fixtures
        rng = SplitMix64(seed: seed)
    }

    mutating func status() -> KeyDirectory.Status {
        rng.pick([.active, .active, .compromised, .retired(at: HLCTimestamp(milliseconds: UInt64.random(in: 1...12, using: &rng)))])
    }

    mutating func directory() throws -> KeyDirectory {
        try fixtures.directory(adding: [("tirana-2", "tirana", status(), false), ("steward", "coalition", status(), true)])
            .replacing(city: "sofia", key: try TestKeys.privateKey("sofia").publicKeyBytes, status: rng.chance(0.3) ? .compromised : .active)
    }

    mutating func changes(count: Int) throws -> [VerifiedChange] {
        var made: [VerifiedChange] = []
        for _ in 0..<count {
            let (key, city) = rng.pick(Self.authors)
            let record = rng.pick(Self.records)
            let hlc = UInt64.random(in: 1...12, using: &rng)
            let ops = operations(city: city, earlier: made.filter { $0.header.record.description == record })
            made.append(try fixtures.sign(record, city: city, key: key, hlc: hlc, ops))
        }
        return made
    }

    mutating func operations(city: String, earlier: [VerifiedChange]) -> [UnsignedOperation] {
        if !earlier.isEmpty, rng.chance(0.35) {
            return (0..<Int.random(in: 1...2, using: &rng)).map { _ in .redact(change: rng.pick(earlier).id) }
        }
        let word = JSONValue.string(rng.pick(["budget", "open", "data"]))
        if city != "tirana" { return [.contribute(entry: "adoption", language: nil, value: .object(["note": .object(["en": word])]))] }
        return (0..<Int.random(in: 1...2, using: &rng)).map { _ in
            rng.pick([.set(field: "budget", language: nil, value: word), .set(field: "title", language: "en", value: word),
                      .add(field: "tags", value: word), .delete, .raw(.object(["op": .string("rate"), "value": word]))])
        }
    }

    /// The copies that travel: for most changes one complete copy, plus body-less copies of about
    /// half of them; about one change in five travels only without bodies. Also the best copy of
    /// each change (complete when one travels).
    mutating func copies(of changes: [VerifiedChange]) -> (copies: [VerifiedChange], best: [VerifiedChange]) {
        var copies: [VerifiedChange] = [], best: [VerifiedChange] = []
        for change in changes {
            let bodyless = rng.chance(0.2)
            best.append(bodyless ? change.withoutBodies : change)
            copies.append(best.last ?? change)
            if rng.chance(0.5) { copies.append(change.withoutBodies) }
        }
        return (copies, best)
    }

    /// `copies` in a random order, cut into random batches.
    mutating func batches(_ copies: [VerifiedChange]) -> [[VerifiedChange]] {
        var rest = copies.shuffled(using: &rng)[...]
        var out: [[VerifiedChange]] = []
        while !rest.isEmpty {
            let size = Int.random(in: 1...max(1, rest.count), using: &rng)
            out.append(Array(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return out
    }
}

extension KeyDirectory {
    /// The same directory with `city`'s entry for `key` given `status`.
    func replacing(city: String, key: [UInt8], status: KeyDirectory.Status) throws -> KeyDirectory {
        try KeyDirectory(entries.values.map { entry in
            entry.key == key ? KeyDirectory.Entry(key: key, city: city, status: status, isSteward: entry.isSteward) : entry
        })
    }
}
