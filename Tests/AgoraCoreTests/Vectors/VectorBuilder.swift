import AgoraCore
import AgoraCrypto
import AgoraTesting

/// Builds the files of `protocol/vectors/` from fixed test keys. Deterministic: Ed25519
/// signatures are, so the same code always writes the same bytes.
/// `scripts/gen-vectors` writes them; `ProtocolVectorTests` checks the committed copies.
struct VectorBuilder {
    static let names = ["tirana", "tirana-old", "sofia", "brussels", "secretariat"]
    static let coalition = "ccdr"
    static let now: UInt64 = 1_700_000_000_000
    let crypto = TestKeys.crypto

    func key(_ name: String) throws -> Ed25519.PrivateKey { try TestKeys.privateKey(name) }
    func hex(_ name: String) throws -> String { Hex.encode(try key(name).publicKeyBytes) }
    func city(_ name: String) -> String { String(name.split(separator: "-")[0]) }

    /// Every file, by name, as the JSON to write.
    func files() throws -> [(String, JSONValue)] {
        [("keys.json", try keys()), ("changes.json", try changes()), ("rejections.json", try rejections()),
         ("merge.json", try merges()), ("sync.json", try sync()), ("roster.json", try roster())]
    }

    func keys() throws -> JSONValue {
        .object([
            "description": "Fixed Ed25519 test keys. seed = SHA-256(UTF-8 \"agora-test-key:\" + name). Never use them outside tests.",
            "keys": .array(try VectorBuilder.names.map { name in
                .object(["name": .string(name), "seed": .string(Hex.encode(TestKeys.seed(name))), "publicKey": .string(try hex(name))])
            }),
        ])
    }

    /// The default directory: every test key active for its city, `secretariat` a steward.
    func directory(_ statuses: [String: KeyDirectory.Status] = [:]) throws -> KeyDirectory {
        try KeyDirectory(VectorBuilder.names.map { name in
            KeyDirectory.Entry(key: try key(name).publicKeyBytes, city: city(name), status: statuses[name] ?? .active,
                               isSteward: name == "secretariat")
        }, crypto: crypto)
    }

    func unsigned(_ author: String, _ record: String, _ hlc: HLCTimestamp, _ ops: [UnsignedOperation]) -> UnsignedChange {
        UnsignedChange(coalition: VectorBuilder.coalition, record: RecordID(record)!, city: city(author), hlc: hlc, operations: ops)
    }

    func sign(_ author: String, _ change: UnsignedChange) throws -> VerifiedChange {
        try ChangeSigner(crypto: crypto).sign(change, key: try key(author))
    }

    static func text(_ bytes: [UInt8]) -> JSONValue { .string(String(decoding: bytes, as: UTF8.self)) }
}
