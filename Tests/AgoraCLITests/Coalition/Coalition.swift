import AgoraCore
import AgoraTesting
import Foundation
import Testing

/// A coalition of real `agora serve` processes on 127.0.0.1, founded and enrolled with the
/// runbook's commands (`docs/FEDERATION.md`, `scripts/federation-runbook`): the secretariat's
/// node holds the steward key and the roster; every node serves its public and federation ports.
///
/// Use it through ``withCoalition(_:label:body:)``, which stops every process even when the
/// test fails.
final class Coalition: @unchecked Sendable {
    // @unchecked Sendable: `nodes` is filled once in `found` before the coalition is shared.
    let root: URL
    let binary: URL
    /// The nodes by city, the secretariat's included.
    private(set) var nodes: [String: ServedProcess] = [:]
    /// The genesis id of the roster.
    private(set) var genesis = ""
    static let secretariat = "secretariat"
    /// `agora serve` options of every node: the sync engine on a short interval, so a test
    /// waits seconds for what the engine does (failures back off from it).
    static let engineOptions = ["--sync-interval", "0.5"]
    /// Whether the served nodes sync on their own (otherwise rounds are run by hand).
    let engine: Bool

    init(root: URL, binary: URL, engine: Bool) {
        self.root = root
        self.binary = binary
        self.engine = engine
    }

    /// The node of `city`.
    func node(_ city: String) -> ServedProcess {
        guard let node = nodes[city] else { preconditionFailure("no node \(city) in the coalition") }
        return node
    }

    /// Every city, the secretariat first, then the others sorted.
    var cities: [String] { [Self.secretariat] + nodes.keys.filter { $0 != Self.secretariat }.sorted() }

    /// Runs `agora ARGS` (the built binary) in the coalition's folder.
    @discardableResult
    func agora(_ arguments: [String]) async -> ChildProcess.Result {
        await ChildProcess.run(binary.path, arguments, currentDirectory: root.path, timeout: .seconds(300))
    }

    /// Runs `agora ARGS --dir <city>`; throws with its stderr unless it exits 0.
    @discardableResult
    func agora(_ city: String, _ arguments: [String]) async throws -> ChildProcess.Result {
        let result = await agora(arguments + ["--dir", city])
        guard result.status == 0 else {
            throw FixtureError(message: "agora \(arguments.joined(separator: " ")) --dir \(city): \(result.status) \(result.error)")
        }
        return result
    }

    /// Writes a file in the coalition's folder; returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = root.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Founds the coalition: the secretariat (steward key, genesis) and a node for each of
    /// `cities`, all serving; each is added to the roster with its ports and pin, and enrols
    /// from the secretariat's bundle, checking the genesis id.
    static func found(_ cities: [String], label: String, engine: Bool = true) async throws -> Coalition {
        guard let binary = BuiltBinary.url else { throw FixtureError(message: "the agora binary was not built") }
        let coalition = Coalition(root: try makeTemporaryDirectory(label), binary: binary, engine: engine)
        let sec = Self.secretariat
        try await coalition.initNode(sec)
        try await coalition.agora(sec, ["keys", "generate", "--out", "\(sec)/keys/steward.key"])
        try await coalition.agora(sec, ["roster", "genesis", "--coalition", "ccdr", "--steward-key", "\(sec)/keys/steward.key"])
        for city in cities { try await coalition.initNode(city) }
        for city in coalition.cities { try await coalition.node(city).start() }
        for city in coalition.cities { try await coalition.addMember(city) }
        coalition.genesis = try await coalition.rosterField(sec, "genesis")
        try await coalition.distributeRoster(to: cities)
        return coalition
    }

    /// `agora init` for `city`, and its (not yet started) process.
    func initNode(_ city: String) async throws {
        try await agora(city, ["init", "--city", city, "--name", city.capitalized, "--country", "BG"])
        nodes[city] = ServedProcess(city: city, directory: root.appendingPathComponent(city), binary: binary,
                                    options: engine ? Self.engineOptions : ["--no-sync"])
    }

    /// `agora roster add-member` on the secretariat (through its running server) with `city`'s
    /// key and pin from `agora status --json`, and its served ports (or `federationURL`, for a
    /// member whose federation port the test plays).
    func addMember(_ city: String, federationURL: String? = nil) async throws {
        let status = try CanonicalJSON.decode(try await agora(city, ["status", "--json"]).stdout)
        let node = nodes[city]
        try await agora(Self.secretariat, ["roster", "add-member", city, "--key", status["signingKey"]?.stringValue ?? "",
                                          "--url", node?.url ?? "https://127.0.0.1:1",
                                          "--federation-url", federationURL ?? node?.federationURL ?? "https://127.0.0.1:1",
                                          "--pin", status["pin"]?.stringValue ?? ""])
    }

    /// The secretariat's current bundle, enrolled on each of `cities` (through their servers).
    func distributeRoster(to cities: [String]) async throws {
        try await agora(Self.secretariat, ["roster", "bundle", "--out", "ccdr.bundle"])
        for city in cities {
            try await agora(city, ["enrol", "ccdr.bundle", "--genesis", genesis])
        }
    }

    /// A field of `agora roster show --json` on `city`.
    func rosterField(_ city: String, _ field: String) async throws -> String {
        let shown = try CanonicalJSON.decode(try await agora(city, ["roster", "show", "--json"]).stdout)
        if let text = shown[field]?.stringValue { return text }
        return shown[field]?.numberValue.map { String(Int($0)) } ?? ""
    }

    /// Stops every node (SIGTERM, then SIGKILL after a deadline).
    func stopAll() async {
        for node in nodes.values { await node.stop() }
    }
}

/// Founds a coalition of the secretariat and `cities` (their nodes syncing on their own with
/// `engine`, else only by hand), runs `body`, and stops every process whether `body` returns or
/// throws. Without a built `agora` binary it does nothing (a SKIP line).
func withCoalition(_ cities: [String], engine: Bool = true, label: String = #function,
                   body: (Coalition) async throws -> Void) async throws {
    guard BuiltBinary.url != nil else { return }
    let coalition = try await Coalition.found(cities, label: label, engine: engine)
    do {
        try await body(coalition)
    } catch {
        await coalition.stopAll()
        throw error
    }
    await coalition.stopAll()
    try? FileManager.default.removeItem(at: coalition.root)
}
