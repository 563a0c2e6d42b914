import AgoraCore
import AgoraTesting
import Foundation
import Testing
@testable import AgoraCLI

/// The roster commands on real node directories: founding, admitting, refusals that change
/// nothing, the pending area, compromised keys and enrolment from a bundle.
@Suite struct RosterCommandTests {
    /// A secretariat node with a genesis (its signing key and a second steward), and tirana's
    /// node with one published record, exported.
    func coalition(_ label: String = #function) async throws -> (sec: NodeFixture, tirana: NodeFixture, export: String) {
        let tirana = try await NodeFixture.make(label: label + "-t")
        try tirana.write("p.json", NodeFixture.practice())
        #expect(await tirana.run(["publish", "p.json"]).code == .success)
        let export = await tirana.run(["export", "--format", "jsonl"]).out
        let sec = try await NodeFixture.make(city: "secretariat", name: "Secretariat", label: label + "-s")
        #expect(await sec.run(["keys", "generate", "--out", "s2.key"]).code == .success)
        let s2 = try json(await sec.run(["keys", "show", "s2.key", "--json"]))["publicKey"]?.stringValue ?? ""
        let genesis = await sec.run(["roster", "genesis", "--coalition", "ccdr", "--steward-key", "node/keys/signing.key", "--steward", s2])
        #expect(genesis.code == .success, "\(genesis.err)")
        return (sec, tirana, export)
    }

    func json(_ result: RunResult) throws -> JSONValue { try CanonicalJSON.decode(Array(result.out.utf8)) }

    func addMember(_ sec: NodeFixture, _ node: NodeFixture, city: String = "tirana") async throws -> RunResult {
        let status = try json(await node.run(["status", "--json"]))
        return await sec.run(["roster", "add-member", city, "--key", status["signingKey"]?.stringValue ?? "",
                              "--url", "https://127.0.0.1:8443", "--federation-url", "https://127.0.0.1:9443",
                              "--pin", "sha256//" + (status["pin"]?.stringValue ?? ""), "--name", "Tirana", "--country", "AL"])
    }

    @Test func changesWaitForTheirKeyAndTakeEffectWhenTheRosterAdmitsIt() async throws {
        let (sec, tirana, export) = try await coalition()
        try sec.write("in.jsonl", export)
        let imported = await sec.run(["import", "in.jsonl"])
        #expect(imported.code == .partial, "\(imported.err)")
        #expect(imported.err.contains("1 wait in the pending area"))
        #expect(try json(await sec.run(["status", "--json"]))["pending"]?["waiting"] == .number(1))
        #expect(await sec.run(["show", "tirana/practice/open-data-portal"]).code != .success)

        let added = try await addMember(sec, tirana)
        #expect(added.code == .success, "\(added.err)")
        #expect(added.out.contains("1 pending change(s) took effect"))
        #expect(try json(await sec.run(["status", "--json"]))["pending"]?["waiting"] == .number(0))
        #expect(await sec.run(["show", "tirana/practice/open-data-portal"]).code == .success)
    }

    @Test func aCompromisedKeysChangesBecomeIneffective() async throws {
        let (sec, tirana, export) = try await coalition()
        #expect(try await addMember(sec, tirana).code == .success)
        try sec.write("in.jsonl", export)
        let imported = await sec.run(["import", "in.jsonl"])
        #expect(imported.code == .success, "\(imported.err)")
        let key = try json(await tirana.run(["status", "--json"]))["signingKey"]?.stringValue ?? ""
        let marked = await sec.run(["roster", "compromised", key])
        #expect(marked.code == .success, "\(marked.err)")
        let shown = await sec.run(["show", "tirana/practice/open-data-portal", "--json"])
        #expect(shown.out.contains("key-compromised"), "\(shown.out)\(shown.err)")
    }

    @Test func anUpdateSignedByANonStewardIsRefusedAndChangesNothing() async throws {
        let (sec, tirana, _) = try await coalition()
        #expect(try await addMember(sec, tirana).code == .success)
        let before = await sec.run(["roster", "show", "--json"]).out
        try FileManager.default.copyItem(at: tirana.directory.appendingPathComponent("node/keys/signing.key"),
                                        to: sec.directory.appendingPathComponent("tirana.key"))
        let refused = await sec.run(["roster", "suspend", "tirana", "--sign", "tirana.key"])
        #expect(refused.code != .success)
        #expect(refused.err.contains("not-permitted") && refused.err.contains("needs a steward's signature"))
        #expect(await sec.run(["roster", "show", "--json"]).out == before)
        let stewards = await sec.run(["roster", "set-stewards", "--steward", String(repeating: "ab", count: 32), "--out", "s.update"])
        #expect(stewards.code == .success, "\(stewards.err)")
        #expect(await sec.run(["roster", "show", "--json"]).out == before, "a one-signature steward list is only a draft")
    }

    @Test func aNewNodeEnrolsFromABundleAndBadBundlesChangeNothing() async throws {
        let (sec, tirana, _) = try await coalition()
        #expect(try await addMember(sec, tirana).code == .success)
        #expect(await sec.run(["roster", "bundle", "--out", "b.jsonl"]).code == .success)
        let bundle = try String(contentsOf: sec.directory.appendingPathComponent("b.jsonl"), encoding: .utf8)
        try tirana.write("bad.jsonl", "{\"not\":\"an update\"}\n")
        let bad = await tirana.run(["enrol", "bad.jsonl"])
        #expect(bad.code != .success && bad.err.contains("bundle line 1: schema-violation"))
        try tirana.write("other.jsonl", bundle.replacingOccurrences(of: "\"coalition\":\"ccdr\"", with: "\"coalition\":\"other\""))
        #expect(await tirana.run(["enrol", "other.jsonl"]).err.contains("wrong-coalition"))
        try tirana.write("deep.jsonl", String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n")
        #expect(await tirana.run(["enrol", "deep.jsonl"]).err.contains("malformed"))
        try tirana.write("big.jsonl", "{\"x\":\"" + String(repeating: "a", count: 70_000) + "\"}\n")
        #expect(await tirana.run(["enrol", "big.jsonl"]).err.contains("bundle line 1: oversized"))
        try tirana.write("empty.jsonl", "\n")
        #expect(await tirana.run(["enrol", "empty.jsonl"]).err.contains("the bundle is empty"))
        #expect(await tirana.run(["roster", "show"]).code != .success, "nothing was stored")
        try tirana.write("b.jsonl", bundle)
        #expect(await tirana.run(["enrol", "b.jsonl", "--genesis", String(repeating: "0", count: 64)]).err.contains("wrong-genesis"))
        let enrolled = await tirana.run(["enrol", "b.jsonl"])
        #expect(enrolled.code == .success, "\(enrolled.err)")
        // A bundle of another genesis (a second founding of the same coalition id) is refused.
        let rival = try await NodeFixture.make(city: "secretariat", name: "Secretariat", label: "rivalGenesis")
        #expect(await rival.run(["roster", "genesis", "--coalition", "ccdr"]).code == .success)
        #expect(await rival.run(["roster", "bundle", "--out", "r.jsonl"]).code == .success)
        try FileManager.default.copyItem(at: rival.directory.appendingPathComponent("r.jsonl"), to: tirana.directory.appendingPathComponent("r.jsonl"))
        let refused = await tirana.run(["enrol", "r.jsonl"])
        #expect(refused.code != .success && refused.err.contains("wrong-genesis"), "\(refused.err)")
        #expect(await tirana.run(["roster", "show", "--json"]).out == (await sec.run(["roster", "show", "--json"])).out)
    }
}

/// The pending area's caps as an operator meets them: set in node.json, said by import and status.
@Suite struct PendingCapCommandTests {
    @Test func changesOverTheQuotaAreDroppedCountedAndSaid() async throws {
        let tirana = try await NodeFixture.make(label: "capSource")
        for slug in ["one", "two", "three"] {
            try tirana.write("\(slug).json", NodeFixture.practice(slug: slug))
            #expect(await tirana.run(["publish", "\(slug).json"]).code == .success)
        }
        let export = await tirana.run(["export", "--format", "jsonl"]).out
        let target = try await NodeFixture.make(city: "sofia", name: "Sofia", label: "capTarget")
        let configURL = target.directory.appendingPathComponent("node/node.json")
        guard case .object(var config) = try CanonicalJSON.decode(Array(try Data(contentsOf: configURL))) else { return }
        config["pending"] = .object(["perPeer": .number(2), "total": .number(10)])
        try Data(CanonicalJSON.encode(.object(config))).write(to: configURL)
        try target.write("in.jsonl", export)
        let imported = await target.run(["import", "in.jsonl"])
        #expect(imported.err.contains("2 wait in the pending area") && imported.err.contains("1 dropped: the pending area is full"),
                "\(imported.err)")
        let status = try CanonicalJSON.decode(Array(await target.run(["status", "--json"]).out.utf8))
        #expect(status["pending"]?["waiting"] == .number(2) && status["pending"]?["dropped"] == .number(1))
        let refusedConfig = await target.run(["status"])
        #expect(refusedConfig.code == .success)
        config["pending"] = .object(["perPeer": .number(0)])
        try Data(CanonicalJSON.encode(.object(config))).write(to: configURL)
        let bad = await target.run(["status"])
        #expect(bad.code != .success && bad.err.contains("pending.perPeer must be an integer from 1 to 10000000"), "\(bad.err)")
    }
}
