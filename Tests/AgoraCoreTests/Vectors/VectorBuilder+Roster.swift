import AgoraCore
import AgoraCrypto
import AgoraTesting
import Foundation

/// `roster.json`: roster chains as wire lines, and what folding each gives (`protocol/ROSTER.md`).
extension VectorBuilder {
    static let rosterKeys = ["steward-1", "steward-2", "steward-3", "tirana", "tirana-2", "sofia", "brussels"]

    func roster() throws -> JSONValue {
        let signer = RosterSigner(crypto: crypto)
        let s1 = try key("steward-1"), s2 = try key("steward-2")
        let genesis = try signer.genesis(coalition: VectorBuilder.coalition, stewards: [
            Roster.Steward(key: s1.publicKeyBytes, city: "secretariat"), Roster.Steward(key: s2.publicKeyBytes, city: "secretariat"),
        ], key: s1)
        var roster = try Roster(genesis: genesis, crypto: crypto)
        var chain: [RosterUpdate] = []
        func step(_ ops: [RosterOperation], _ by: Ed25519.PrivateKey, cosign: Ed25519.PrivateKey? = nil) throws {
            var update = try signer.update(ops, on: roster, key: by)
            if let cosign { update = try signer.cosign(update, key: cosign) }
            roster = try roster.applying(update, crypto: crypto)
            chain.append(update)
        }
        try step([try member("tirana", "Tirana", "AL"), try member("sofia", "Sofia", "BG")], s1)
        try step([.addKey(city: "tirana", key: try key("tirana-2").publicKeyBytes),
                  .retireKey(key: try key("tirana").publicKeyBytes, at: HLCTimestamp(milliseconds: VectorBuilder.now))], try key("tirana"))
        try step([.suspendMember(city: "sofia")], s2)
        try step([.setStewards(stewards: [Roster.Steward(key: s1.publicKeyBytes, city: "secretariat"),
                                          Roster.Steward(key: try key("steward-3").publicKeyBytes, city: "secretariat")],
                               at: HLCTimestamp(milliseconds: VectorBuilder.now))], s1, cosign: s2)
        let base = try Roster(genesis: genesis, crypto: crypto).applying(chain[0], crypto: crypto)
        let byMember = try signer.update([try member("brussels", "Brussels", "BE")], on: base, key: s1)
        let forged = RosterUpdate.parseUnchecked(byMember, replacingSignaturesWith: try key("tirana"), crypto: crypto)
        let rival = try signer.update([.suspendMember(city: "tirana")], on: base, key: s2)
        let oneSignature = try signer.update([.setStewards(stewards: [Roster.Steward(key: s1.publicKeyBytes, city: "secretariat")],
                                                           at: HLCTimestamp(milliseconds: 1))], on: base, key: s1)
        return .object([
            "description": "Each scenario: fold the genesis and the updates (wire lines, in any order). Keys are named as in keys (seed = SHA-256(\"agora-test-key:\" + name)).",
            "keys": .array(try VectorBuilder.rosterKeys.map { name in
                .object(["name": .string(name), "seed": .string(Hex.encode(TestKeys.seed(name))), "publicKey": .string(try hex(name))])
            }),
            "genesis": VectorBuilder.text(genesis.wireBytes),
            "signedMessage": .string(Hex.encode(genesis.signingMessage)),
            "genesisId": .string(genesis.id.hex),
            "scenarios": .array([
                try scenario("a chain: members, a rotation signed by the city, a suspension, a steward list co-signed", genesis, chain),
                try scenario("an update signed by a member, not a steward, is refused", genesis, [chain[0], forged]),
                try scenario("a steward-list change with one steward signature is refused", genesis, [chain[0], oneSignature]),
                try scenario("two valid updates with one parent: a fork, neither applies", genesis, chain + [rival]),
                try scenario("an update whose parent is not held waits", genesis, [chain[0], chain[2]]),
            ]),
        ])
    }

    func member(_ city: String, _ name: String, _ country: String) throws -> RosterOperation {
        let pin = Data(SHA256.hash(Array("pin:\(city)".utf8))).base64EncodedString()
        return .addMember(city: city, name: name, country: country, keys: [try key(city).publicKeyBytes],
                          node: Roster.Node(url: "https://\(city).example", federationURL: "https://\(city).example:9443", pin: pin))
    }

    func scenario(_ name: String, _ genesis: RosterUpdate, _ updates: [RosterUpdate]) throws -> JSONValue {
        var chain = try RosterChain(genesis: genesis, crypto: crypto)
        for update in updates { chain.insert(update, crypto: crypto) }
        let fold = chain.fold(crypto: crypto)
        return .object([
            "name": .string(name),
            "updates": .array(updates.map { VectorBuilder.text($0.wireBytes) }),
            "roster": VectorBuilder.text(CanonicalJSON.encode(fold.roster?.json ?? .null)),
            "keyDirectory": VectorBuilder.text(CanonicalJSON.encode(fold.roster?.keyDirectory.json ?? .null)),
            "fork": fold.fork.map { f in
                .object(["parent": .string(f.parent.hex), "seq": .number(Double(f.sequence)), "candidates": .array(f.candidates.map { .string($0.hex) })])
            } ?? .null,
            "refused": .object(fold.refused.reduce(into: [:]) { $0[$1.key.hex] = .string($1.value.code.name) }),
            "waiting": .array(fold.waiting.map { .string($0.hex) }),
        ])
    }
}

extension RosterUpdate {
    /// `update`'s header signed by `key` alone, whatever the key may do (a vector of a refusal).
    static func parseUnchecked(_ update: RosterUpdate, replacingSignaturesWith key: Ed25519.PrivateKey, crypto: any ChangeCryptography) -> RosterUpdate {
        let signature = (try? key.signature(for: update.signingMessage)) ?? []
        return RosterUpdate(coalition: update.coalition, parent: update.parent, sequence: update.sequence, operations: update.operations,
                            signatures: [Signature(key: key.publicKeyBytes, signature: signature)], crypto: crypto)
    }
}
