import AgoraCore
import AgoraCrypto
import AgoraNode
import Foundation

/// What the roster commands share: the roster now, the key that signs, and handing updates to
/// the node (or to `agora serve` over its admin socket, so its federation port sees them at once).
extension CommandContext {
    /// The roster as the node holds it (read-only; works while `agora serve` runs).
    func currentRoster() async throws -> Roster {
        let snapshot = try await withNode(writable: false) { $0.roster.snapshot }
        guard let roster = snapshot.roster else {
            throw CLIError.failure("this node holds no roster yet: found one with 'agora roster genesis' or enrol with 'agora enrol BUNDLE'")
        }
        return roster
    }

    /// The key that signs roster updates: `--sign FILE`, else `keys/steward.key` when it exists,
    /// else the node's signing key.
    func rosterSigningKey() throws -> Ed25519.PrivateKey {
        if let path = arguments.string("sign") { return try KeyFile.readEd25519PrivateKey(at: io.resolve(path).path) }
        let steward = nodeDirectory.url(for: RosterCommands.stewardKeyPath)
        if FileManager.default.fileExists(atPath: steward.path) { return try KeyFile.readEd25519PrivateKey(at: steward.path) }
        let config = try nodeDirectory.loadConfig()
        return try KeyFile.readEd25519PrivateKey(at: nodeDirectory.url(for: config.signingKeyPath).path)
    }

    /// Hands updates to the node and prints what it did; a refusal is the user's error (exit 1).
    @discardableResult
    func submitRoster(_ updates: [RosterUpdate], lines extra: [[UInt8]] = [], verb: String) async throws -> JSONValue {
        let lines = updates.map(\.wireBytes) + extra
        let intake: JSONValue
        if let client = await AdminClient.running(in: nodeDirectory.root.path) {
            do { intake = try await client.roster(lines: lines) } catch {
                throw CLIError.failure("the running server refused the roster update: \(error.message)", cause: error)
            }
        } else {
            intake = try await withNode(writable: true) { try await $0.roster.receive(lines).json }
        }
        try reportIntake(intake, verb: verb, ids: updates.map(\.id.hex))
        return intake
    }

    func reportIntake(_ intake: JSONValue, verb: String, ids: [String]) throws {
        if let refused = intake["refused"]?.arrayValue?.first(where: { r in r["id"]?.stringValue.map(ids.contains) ?? true }) {
            let path = refused["path"]?.stringValue.map { " at \($0)" } ?? ""
            throw CLIError.failure("the roster refused the update (\(refused["code"]?.stringValue ?? "?")\(path)): \(refused["message"]?.stringValue ?? "")")
        }
        if arguments.flag("json") {
            out.line(String(decoding: CanonicalJSON.encode(intake), as: UTF8.self))
            return
        }
        let seq = Int(intake["seq"]?.numberValue ?? 0)
        out.line("\(verb): roster at seq \(seq)" + (ids.count == 1 ? " (update \(ids[0]))" : ""))
        if let released = intake["released"]?.numberValue, released > 0 { out.line("\(Int(released)) pending change(s) took effect") }
        if let fork = intake["fork"], !fork.isNull {
            err.line("warning: the roster is forked at seq \(Int(fork["seq"]?.numberValue ?? 0)): neither branch applies until the stewards resolve it (docs/FEDERATION.md)")
        }
    }

    /// A stamp for `at`: `--at MS`, else now.
    func rosterStamp() throws -> HLCTimestamp {
        let ms = try arguments.value("at", as: Int.self).map(Int64.init) ?? io.now()
        guard ms >= 0 else { throw CLIError.usage("--at must be Unix milliseconds, 0 or more") }
        return HLCTimestamp(milliseconds: UInt64(ms))
    }

    /// The positional city id, checked.
    func cityArgument() throws -> String {
        let city = try arguments.required("CITY")
        guard RecordID.isCityID(city) else { throw CLIError.usage("'\(city)' is not a city id ([a-z][a-z0-9-]{1,39})", command: path) }
        return city
    }

    /// A 64-hex public key argument.
    func keyArgument(_ text: String) throws -> [UInt8] {
        guard let key = Hex.decode(text, count: 32) else { throw CLIError.usage("'\(text)' is not an Ed25519 public key: expected 64 lowercase hex digits") }
        return key
    }
}
