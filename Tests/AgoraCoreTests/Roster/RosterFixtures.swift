import AgoraCore
import AgoraCrypto
import AgoraTesting
import Foundation

/// A small coalition for roster tests, with the real Ed25519 and SHA-256: two stewards of the
/// secretariat and test keys for cities, all fixed (`TestKeys`).
struct RosterFixture {
    static let coalition = "ccdr"
    let crypto = TestKeys.crypto
    let signer = RosterSigner(crypto: TestKeys.crypto)
    let steward1: Ed25519.PrivateKey
    let steward2: Ed25519.PrivateKey
    let genesis: RosterUpdate

    init() throws {
        steward1 = try TestKeys.privateKey("steward-1")
        steward2 = try TestKeys.privateKey("steward-2")
        genesis = try signer.genesis(coalition: Self.coalition,
                                     stewards: [Roster.Steward(key: steward1.publicKeyBytes, city: "secretariat"),
                                                Roster.Steward(key: steward2.publicKeyBytes, city: "secretariat")],
                                     key: steward1)
    }

    func key(_ name: String) throws -> Ed25519.PrivateKey { try TestKeys.privateKey(name) }

    /// A valid pin for `name`'s node: base64 of SHA-256 of the name.
    static func pin(_ name: String) -> String { Data(SHA256.hash(Array("pin:\(name)".utf8))).base64EncodedString() }

    static func node(_ city: String, pin: String? = nil) -> Roster.Node {
        Roster.Node(url: "https://\(city).example", federationURL: "https://\(city).example:9443", pin: pin ?? self.pin(city))
    }

    func addMember(_ city: String, keyName: String? = nil) throws -> RosterOperation {
        .addMember(city: city, name: city.capitalized, country: "AL", keys: [try key(keyName ?? city).publicKeyBytes], node: Self.node(city))
    }

    func root() throws -> Roster { try Roster(genesis: genesis, crypto: crypto) }

    /// A chain of updates from the genesis, each applied, signed by steward 1 unless `key` says otherwise.
    func chain(_ steps: [[RosterOperation]]) throws -> (roster: Roster, updates: [RosterUpdate]) {
        var roster = try root()
        var updates: [RosterUpdate] = []
        for ops in steps {
            let update = try signer.update(ops, on: roster, key: steward1)
            roster = try roster.applying(update, crypto: crypto)
            updates.append(update)
        }
        return (roster, updates)
    }

    /// The fold of the genesis plus `updates`, inserted in the order given.
    func fold(_ updates: [RosterUpdate]) throws -> RosterFold {
        var chain = try RosterChain(genesis: genesis, crypto: crypto)
        for update in updates { chain.insert(update, crypto: crypto) }
        return chain.fold(crypto: crypto)
    }

    /// An update signed by `key` without the signer's own check, as an attacker would write it.
    func raw(_ ops: [RosterOperation], on roster: Roster, keys: [Ed25519.PrivateKey], sequence: UInt64? = nil) throws -> RosterUpdate {
        var bytes = CanonicalJSON.encode(.object([
            "update": .object(["format": .number(1), "coalition": .string(roster.coalition), "parent": .string(roster.head.hex),
                               "seq": .number(Double(sequence ?? roster.sequence + 1)), "ops": .array(ops.map(\.json))]),
            "signatures": .array([]),
        ]))
        let header = try CanonicalJSON.decode(bytes)["update"] ?? .null
        let message = RosterUpdate.signaturePrefix + [0] + Array(roster.coalition.utf8) + [0] + CanonicalJSON.encode(header)
        let sigs = try keys.sorted { $0.publicKeyBytes.lexicographicallyPrecedes($1.publicKeyBytes) }.map { k in
            JSONValue.object(["key": .string(Hex.encode(k.publicKeyBytes)), "sig": .string(Hex.encode(try k.signature(for: message)))])
        }
        bytes = CanonicalJSON.encode(.object(["update": header, "signatures": .array(sigs)]))
        return try RosterUpdate.parse(bytes, crypto: crypto)
    }
}
