import AgoraCore
import AgoraTesting
import Foundation
import Testing
@testable import AgoraCLI

/// Key rotation and recovery, suspension and forks, through the CLI on real node directories.
@Suite struct RosterLifecycleTests {
    let base = RosterCommandTests()

    func json(_ result: RunResult) throws -> JSONValue { try CanonicalJSON.decode(Array(result.out.utf8)) }

    /// The coalition with tirana admitted and enrolled from the secretariat's bundle.
    func enrolled(_ label: String = #function) async throws -> (sec: NodeFixture, tirana: NodeFixture, export: String) {
        let (sec, tirana, export) = try await base.coalition(label)
        #expect(try await base.addMember(sec, tirana).code == .success)
        #expect(await sec.run(["roster", "bundle", "--out", "b.jsonl"]).code == .success)
        try FileManager.default.copyItem(at: sec.directory.appendingPathComponent("b.jsonl"), to: tirana.directory.appendingPathComponent("b.jsonl"))
        #expect(await tirana.run(["enrol", "b.jsonl"]).code == .success)
        return (sec, tirana, export)
    }

    @Test func aCityRotatesItsKeyWithAnUpdateSignedByItsCurrentKey() async throws {
        let (_, tirana, _) = try await enrolled()
        let old = try json(await tirana.run(["status", "--json"]))["signingKey"]?.stringValue ?? ""
        let rotated = await tirana.run(["keys", "rotate", "--json"])
        #expect(rotated.code == .success, "\(rotated.err)")
        let result = try json(rotated)
        #expect(result["oldKey"]?.stringValue == old && result["update"]?.stringValue != nil)
        let new = result["newKey"]?.stringValue ?? ""
        #expect(try json(await tirana.run(["status", "--json"]))["signingKey"]?.stringValue == new)
        let keys = try json(await tirana.run(["roster", "show", "--json"]))["members"]?.arrayValue?.first?["keys"]?.arrayValue ?? []
        #expect(keys.map { $0["status"]?.stringValue } == ["retired", "active"])
        try tirana.write("q.json", NodeFixture.practice(slug: "after-rotation"))
        let published = await tirana.run(["publish", "q.json"])
        #expect(published.code == .success && !published.out.contains("ineffective"), "\(published.out)\(published.err)")
    }

    @Test func keysRecoverRestoresTheCitysRecordsUnderTheNewKey() async throws {
        let (sec, tirana, _) = try await enrolled()
        let old = try json(await tirana.run(["status", "--json"]))["signingKey"]?.stringValue ?? ""
        #expect(await sec.run(["roster", "compromised", old]).code == .success)
        #expect(await sec.run(["roster", "bundle", "--out", "b2.jsonl"]).code == .success)
        try FileManager.default.copyItem(at: sec.directory.appendingPathComponent("b2.jsonl"), to: tirana.directory.appendingPathComponent("b2.jsonl"))
        #expect(await tirana.run(["enrol", "b2.jsonl"]).code == .success)
        let lost = await tirana.run(["show", "tirana/practice/open-data-portal", "--json"])
        #expect(lost.out.contains("key-compromised"))
        let rotated = try json(await tirana.run(["keys", "rotate", "--json"]))
        #expect(rotated["update"]?.isNull == true, "a compromised key cannot sign its own rotation")
        let newKey = rotated["newKey"]?.stringValue ?? ""
        #expect(await sec.run(["roster", "add-key", "tirana", newKey]).code == .success)
        #expect(await sec.run(["roster", "bundle", "--out", "b3.jsonl"]).code == .success)
        try FileManager.default.copyItem(at: sec.directory.appendingPathComponent("b3.jsonl"), to: tirana.directory.appendingPathComponent("b3.jsonl"))
        #expect(await tirana.run(["enrol", "b3.jsonl"]).code == .success)
        let recovered = await tirana.run(["keys", "recover", "--key", old, "--before", "1780000000000"])
        #expect(recovered.code == .success, "\(recovered.err)")
        #expect(recovered.out.contains("1 record(s) re-signed"))
        let shown = try json(await tirana.run(["show", "tirana/practice/open-data-portal", "--json"]))
        #expect(shown["fields"]?["title"]?["en"]?.stringValue == "Open data portal" || String(describing: shown).contains("Open data portal"))
    }

    @Test func aSuspendedMembersChangesWaitUntilItIsReinstated() async throws {
        let (sec, tirana, export) = try await enrolled()
        #expect(await sec.run(["roster", "suspend", "tirana"]).code == .success)
        try sec.write("in.jsonl", export)
        let imported = await sec.run(["import", "in.jsonl"])
        #expect(imported.err.contains("1 wait in the pending area"), "\(imported.out)\(imported.err)")
        #expect(await sec.run(["show", "tirana/practice/open-data-portal"]).code != .success)
        let back = await sec.run(["roster", "reinstate", "tirana"])
        #expect(back.out.contains("1 pending change(s) took effect"), "\(back.out)\(back.err)")
        #expect(await sec.run(["show", "tirana/practice/open-data-portal"]).code == .success)
    }

    @Test func aForkIsShownAndTwoStewardsResolveIt() async throws {
        let (sec, tirana, _) = try await enrolled()
        let s2 = sec.directory.appendingPathComponent("s2.key").path
        // Two stewards sign different updates on the same parent, on two nodes.
        #expect(await sec.run(["roster", "suspend", "tirana"]).code == .success)
        #expect(await tirana.run(["roster", "remove-member", "tirana", "--sign", s2]).code == .success)
        #expect(await tirana.run(["roster", "bundle", "--out", "rival.jsonl"]).code == .success)
        try FileManager.default.copyItem(at: tirana.directory.appendingPathComponent("rival.jsonl"), to: sec.directory.appendingPathComponent("rival.jsonl"))
        let seen = await sec.run(["enrol", "rival.jsonl"])
        #expect(seen.err.contains("the roster is forked at seq 2"), "\(seen.out)\(seen.err)")
        let shown = try json(await sec.run(["roster", "show", "--json"]))
        #expect(shown["seq"] == .number(1), "neither branch applies")
        let candidates = shown["fork"]?["candidates"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(candidates.count == 2)
        #expect(await sec.run(["status"]).out.contains("ALERT: the roster is forked at seq 2"))

        let removal = try json(await tirana.run(["roster", "show", "--json"]))["head"]?.stringValue
        let suspendID = try #require(candidates.first { $0 != removal })
        let draft = await sec.run(["roster", "resolve-fork", suspendID, "--out", "r.update"])
        #expect(draft.code == .success, "\(draft.err)")
        #expect(try json(await sec.run(["roster", "show", "--json"]))["fork"]?.isNull == false, "one steward cannot resolve it")
        let resolved = await sec.run(["roster", "cosign", "r.update", "--sign", s2])
        #expect(resolved.code == .success, "\(resolved.err)")
        let after = try json(await sec.run(["roster", "show", "--json"]))
        #expect(after["fork"]?.isNull == true && after["seq"] == .number(3))
        #expect(after["members"]?.arrayValue?.first?["status"]?.stringValue == "suspended")
    }
}

/// The runbook's remaining procedures: replacing a steward, retiring a key, re-pinning a node.
@Suite struct RosterRunbookTests {
    let base = RosterCommandTests()

    func json(_ result: RunResult) throws -> JSONValue { try CanonicalJSON.decode(Array(result.out.utf8)) }

    @Test func aStewardIsReplacedWithTwoSignatures() async throws {
        let (sec, _, _) = try await base.coalition()
        let s1 = try json(await sec.run(["status", "--json"]))["signingKey"]?.stringValue ?? ""
        #expect(await sec.run(["keys", "generate", "--out", "s3.key"]).code == .success)
        let s3 = try json(await sec.run(["keys", "show", "s3.key", "--json"]))["publicKey"]?.stringValue ?? ""
        #expect(await sec.run(["roster", "set-stewards", "--steward", s1, "--steward", s3, "--out", "st.update"]).code == .success)
        let cosigned = await sec.run(["roster", "cosign", "st.update", "--sign", "s2.key"])
        #expect(cosigned.code == .success, "\(cosigned.err)")
        let roster = try json(await sec.run(["roster", "show", "--json"]))
        #expect(roster["stewards"]?.arrayValue?.compactMap { $0["key"]?.stringValue } == [s1, s3])
        #expect(roster["formerStewards"]?.arrayValue?.count == 1)
        // The replaced steward can no longer sign anything.
        let late = await sec.run(["roster", "suspend", "nobody", "--sign", "s2.key"])
        #expect(late.code != .success && late.err.contains("unknown-signer"), "\(late.err)")
    }

    @Test func aKeyIsRetiredAndACityRepinsItsOwnNode() async throws {
        let (sec, tirana, _) = try await base.coalition()
        #expect(try await base.addMember(sec, tirana).code == .success)
        let key = try json(await tirana.run(["status", "--json"]))["signingKey"]?.stringValue ?? ""
        try FileManager.default.copyItem(at: tirana.directory.appendingPathComponent("node/keys/signing.key"),
                                        to: sec.directory.appendingPathComponent("tirana.key"))
        let pin = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
        let repinned = await sec.run(["roster", "set-node", "tirana", "--url", "https://tirana.example",
                                      "--federation-url", "https://tirana.example:9443", "--pin", pin, "--sign", "tirana.key"])
        #expect(repinned.code == .success, "a city re-pins its own node with its current key: \(repinned.err)")
        #expect(await sec.run(["roster", "retire-key", key, "--at", "1780000000000"]).code == .success)
        let member = try json(await sec.run(["roster", "show", "--json"]))["members"]?.arrayValue?.first
        #expect(member?["pin"]?.stringValue == pin)
        #expect(member?["keys"]?.arrayValue?.first?["status"]?.stringValue == "retired")
        #expect(member?["keys"]?.arrayValue?.first?["retiredAt"] == .array([.number(1_780_000_000_000), .number(0)]))
        let again = await sec.run(["roster", "set-node", "tirana", "--url", "https://t", "--federation-url", "https://t", "--pin", pin, "--sign", "tirana.key"])
        #expect(again.code != .success && again.err.contains("not-permitted"), "a retired key no longer signs: \(again.err)")
    }
}
