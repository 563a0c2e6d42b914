import AgoraCore
import AgoraCrypto

/// Merge throughput: 100,000 verified changes over 1,000 records (100 each, by the owner, a
/// co-author and a member, with set removes, deletes and a redaction), merged into states
/// and their canonical JSON on one thread.
enum MergeBenchmark {
    static let benchmark = Benchmark(
        name: "merge",
        summary: "RecordMerge.states for 100,000 changes over 1,000 records, plus canonical state JSON (one thread)",
        run: run)

    static let recordCount = 1_000
    static let changesPerRecord = 100

    static func run(seconds: Double) throws -> [Figure] {
        let crypto = OpenSSLChangeCryptography()
        let owner = try Ed25519.PrivateKey(seed: [UInt8](repeating: 1, count: 32))
        let coAuthor = try Ed25519.PrivateKey(seed: [UInt8](repeating: 2, count: 32))
        let member = try Ed25519.PrivateKey(seed: [UInt8](repeating: 3, count: 32))
        let directory = try KeyDirectory([.init(key: owner.publicKeyBytes, city: "tirana"),
                                          .init(key: coAuthor.publicKeyBytes, city: "sofia"),
                                          .init(key: member.publicKeyBytes, city: "dublin")], crypto: crypto)
        let signer = ChangeSigner(crypto: crypto)
        var changes: [VerifiedChange] = []
        changes.reserveCapacity(recordCount * changesPerRecord)
        for r in 0..<recordCount {
            let record = RecordID("tirana/practice/record-\(r)")!
            var previous: VerifiedChange?
            for n in 0..<changesPerRecord {
                let (key, city, ops) = operations(n, previous: previous)
                let change = try signer.sign(UnsignedChange(coalition: "ccdr", record: record, city: city,
                                                            hlc: HLCTimestamp(milliseconds: 1_700_000_000_000 + UInt64(n)),
                                                            operations: ops),
                                             key: [owner, coAuthor, member][key])
                changes.append(change)
                previous = change
            }
        }
        changes.reverse()
        var stateBytes = 0, runs = 0
        let started = Clocks.monotonic(), cpu = Clocks.userCPU()
        repeat {
            let states = RecordMerge.states(changes: changes, directory: directory)
            stateBytes = states.values.reduce(0) { $0 + $1.canonicalJSON.count }
            runs += 1
        } while Clocks.monotonic() - started < seconds
        let cpuSeconds = (Clocks.userCPU() - cpu) / Double(runs)
        let wallSeconds = (Clocks.monotonic() - started) / Double(runs)
        return [
            Figure(name: "merge.changes", value: Double(changes.count) / cpuSeconds, unit: "changes/s"),
            Figure(name: "merge.records", value: Double(recordCount) / cpuSeconds, unit: "records/s"),
            Figure(name: "merge.seconds", value: cpuSeconds * 1_000, unit: "ms-per-100k"),
            Figure(name: "merge.changes.wall", value: Double(changes.count) / wallSeconds, unit: "changes/s"),
            Figure(name: "merge.state-bytes", value: Double(stateBytes) / Double(recordCount), unit: "bytes-per-record"),
        ]
    }

    /// The n-th change of a record: which key (0 owner, 1 co-author, 2 member), its city, its operations.
    static func operations(_ n: Int, previous: VerifiedChange?) -> (Int, String, [UnsignedOperation]) {
        if n == 0 {
            return (0, "tirana", [.set(field: "title", language: "en", value: .string("Record")), .add(field: "coAuthors", value: .string("sofia")),
                                  .add(field: "themes", value: .string("transparency/open-data")), .set(field: "stage", language: nil, value: .string("pilot"))])
        }
        switch n % 10 {
        case 1, 4: return (1, "sofia", [.set(field: "summary", language: "bg", value: .string("Обобщение \(n)"))])
        case 2: return (2, "dublin", [.contribute(entry: "adoption", language: nil, value: .object(["note": .object(["en": .string("Adopted \(n)")])]))])
        case 3: return (0, "tirana", [.add(field: "tags", value: .string("tag-\(n % 7)"))])
        case 5:
            guard let previous, case .add = previous.header.operations.first else { return (0, "tirana", [.delete]) }
            return (0, "tirana", [.remove(field: "tags", adds: [AddTag(change: previous.id, index: 0)])])
        case 6: return (0, "tirana", [.undelete])
        case 7: return (2, "dublin", [.set(field: "title", language: "en", value: .string("not permitted"))])
        case 8: return (0, "tirana", previous.map { [.redact(change: $0.id)] } ?? [.delete])
        default: return (0, "tirana", [.set(field: "title", language: "en", value: .string("Title \(n)")),
                                       .set(field: "title", language: "sq", value: .string("Titulli \(n)"))])
        }
    }
}
