import AgoraTesting
import AgoraCore

/// Builds random but plausible histories of one record: concurrent edits, set adds and
/// removes, deletes and undeletes, contributions, redactions, co-author changes, unknown
/// operations, and authors whose keys are active, retired or compromised.
struct HistoryGenerator {
    var rng: SplitMix64
    let tirana = Author("tirana")
    let tiranaOld = Author("tirana", keyName: "tirana-old")
    let sofia = Author("sofia")
    let brussels = Author("brussels")
    let steward = Author("secretariat")
    var changes: [VerifiedChange] = []
    var adds: [(field: String, tag: AddTag)] = []

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func directory() throws -> KeyDirectory {
        let old: KeyDirectory.Status = rng.pick([.active, .retired(at: HLCTimestamp(milliseconds: UInt64.random(in: 1...20, using: &rng))), .compromised])
        let sofiaStatus: KeyDirectory.Status = rng.chance(0.2) ? .compromised : .active
        return try KeyDirectory([tirana.entry(), tiranaOld.entry(old), sofia.entry(sofiaStatus), brussels.entry(),
                                 steward.entry(steward: true)])
    }

    mutating func history(count: Int) throws -> [VerifiedChange] {
        for _ in 0..<count {
            let author = rng.pick([tirana, tirana, tiranaOld, sofia, sofia, brussels, steward])
            let ms = UInt64.random(in: 1...20, using: &rng)
            let counter = UInt32.random(in: 0...1, using: &rng)
            let ops = operations(for: author)
            let change = try Fixtures.change(author, ms, ops, counter: counter)
            for (i, op) in ops.enumerated() {
                if case .add(let field, _) = op { adds.append((field, AddTag(change: change.id, index: i))) }
            }
            changes.append(change)
        }
        return changes
    }

    mutating func operations(for author: Author) -> [UnsignedOperation] {
        if author.city == "secretariat" || rng.chance(0.08), let target = redactable(by: author) {
            return [.redact(change: target)]
        }
        return (0..<Int.random(in: 1...3, using: &rng)).map { _ in operation(for: author) }
    }

    func redactable(by author: Author) -> ChangeID? {
        let own = changes.filter { author.city == "secretariat" || $0.header.city == author.city }
        return own.isEmpty ? nil : own[own.count / 2].id
    }

    mutating func operation(for author: Author) -> UnsignedOperation {
        let word = rng.pick(["a", "b", "c", "d"])
        let value: JSONValue = rng.chance(0.15) ? .null : .string(word)
        switch Int.random(in: 0..<11, using: &rng) {
        case 0, 1: return .set(field: rng.pick(["title", "summary"]), language: rng.pick(["en", "sq", "bg"]), value: value)
        case 2: return .set(field: "stage", language: nil, value: rng.chance(0.2) ? .null : .string(rng.pick(RecordField.stages)))
        case 3: return .add(field: "tags", value: .string(word))
        case 4:
            let candidates = adds.filter { $0.field == "tags" }
            guard !candidates.isEmpty else { return .add(field: "tags", value: .string(word)) }
            return .remove(field: "tags", adds: [rng.pick(candidates).tag])
        case 5: return rng.chance(0.5) ? .delete : .undelete
        case 6: return .add(field: "coAuthors", value: .string(rng.pick(["sofia", "brussels"])))
        case 7:
            let candidates = adds.filter { $0.field == "coAuthors" }
            guard !candidates.isEmpty else { return .delete }
            return .remove(field: "coAuthors", adds: [rng.pick(candidates).tag])
        case 8: return .contribute(entry: "adoption", language: nil, value: rng.chance(0.2) ? .null : ["note": ["en": .string(word)]])
        case 9: return .contribute(entry: "translation", language: rng.pick(["nl", "ca"]), value: ["title": .string(word)])
        default: return .raw(["op": "future-op", "value": .string(word)])
        }
    }
}
