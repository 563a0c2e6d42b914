import Foundation
import AgoraCore
import AgoraCrypto
import AgoraTesting
@testable import AgoraStore

/// Real signed changes (AgoraCore + the test keys) for the store's integration tests.
struct CoreFixtures {
    static let coalition = "ccdr"
    static let cities = ["amsterdam", "barcelona", "brussels", "coalition", "dublin", "sofia", "tirana"]

    let directory: KeyDirectory
    let signer = ChangeSigner(crypto: TestKeys.crypto)

    init() throws {
        directory = try KeyDirectory(Self.cities.map { KeyDirectory.Entry(key: try TestKeys.privateKey($0).publicKeyBytes, city: $0) },
                                     crypto: TestKeys.crypto)
    }

    /// A store with the real merge and verifier, through `Store.Options.node`; `clock` nil skips the skew check.
    /// `keys` replaces the fixtures' key directory.
    func store(in directory: String, clock: Int64? = nil, keys: KeyDirectory? = nil) throws -> Store {
        var options = Store.Options.node(coalition: Self.coalition, directory: keys ?? self.directory, crypto: TestKeys.crypto,
                                         maxSkewMilliseconds: clock == nil ? nil : 300_000,
                                         clock: { clock ?? 1_700_000_000_000 })
        options.readers = 2
        return try Store(path: directory + "/agora.db", options: options)
    }

    /// Signs `operations` on `record` by `city` at `hlc`, with the test key named `key` (default: the city's).
    func sign(_ record: String, city: String? = nil, key: String? = nil, hlc: UInt64,
              _ operations: [UnsignedOperation]) throws -> VerifiedChange {
        let id = try require(RecordID(record))
        let author = city ?? id.city
        let unsigned = UnsignedChange(coalition: Self.coalition, record: id, city: author,
                                      hlc: HLCTimestamp(milliseconds: hlc), operations: operations)
        return try signer.sign(unsigned, key: try TestKeys.privateKey(key ?? author))
    }

    /// The fixtures' directory plus `extra` keys (test key name, city, status, steward).
    func directory(adding extra: [(name: String, city: String, status: KeyDirectory.Status, steward: Bool)]) throws -> KeyDirectory {
        let more = try extra.map { KeyDirectory.Entry(key: try TestKeys.privateKey($0.name).publicKeyBytes, city: $0.city,
                                                      status: $0.status, isSteward: $0.steward) }
        return try KeyDirectory(Array(directory.entries.values) + more, crypto: TestKeys.crypto)
    }

    /// The publish change of every record in `nodes/*/catalog/`, in file order.
    func catalog() throws -> [VerifiedChange] {
        let nodes = ExternalVectors.projectRoot.appendingPathComponent("nodes")
        var changes: [VerifiedChange] = []
        for city in Self.cities {
            let folder = nodes.appendingPathComponent(city).appendingPathComponent("catalog")
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".json") }.sorted() ?? []
            for file in files {
                let document = try RecordDocument.parse(Array(try Data(contentsOf: folder.appendingPathComponent(file))))
                let unsigned = try require(RecordPublisher.change(
                    for: document, from: RecordState(record: document.id), coalition: Self.coalition, city: document.city,
                    hlc: HLCTimestamp(milliseconds: 1_650_000_000_000 + UInt64(changes.count))))
                changes.append(try signer.sign(unsigned, key: try TestKeys.privateKey(document.city)))
            }
        }
        return changes
    }
}

struct Missing: Error {}

/// `#require` outside a test body.
func require<T>(_ value: T?) throws -> T {
    guard let value else { throw Missing() }
    return value
}
