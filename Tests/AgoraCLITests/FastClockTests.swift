import AgoraCore
import AgoraTesting
import Foundation
import Testing
@testable import AgoraCLI

/// Issue 14 items 5 and 7: a node whose clock runs 10 minutes fast, as real `agora` processes
/// over mutual TLS on 127.0.0.1 (`AGORA_CLOCK_OFFSET_MS` shifts its clock). Its changes are
/// left out of the honest node's sessions while beyond the skew, refused and counted when it
/// pushes them, never move the honest node's clock, and are accepted on the first round once
/// within the skew; then both nodes hold byte-identical states.
@Suite struct FastClockTests {
    static let tenMinutes: Int64 = 600_000

    /// Runs the built `agora` in `work` with the clock shifted by `offset` ms.
    func agora(_ binary: URL, _ work: URL, _ arguments: [String], offset: Int64 = 0) async throws -> (status: Int32, out: String, err: String) {
        let result = try await BuiltBinary.run(binary, arguments, environment: ["AGORA_CLOCK_OFFSET_MS": String(offset)], directory: work)
        return (result.status, String(decoding: result.out, as: UTF8.self), result.err)
    }

    func json(_ text: String) throws -> JSONValue { try CanonicalJSON.decode(Array(text.utf8)) }

    /// `status --json` of the node in `dir`.
    func status(_ binary: URL, _ work: URL, _ dir: String, offset: Int64 = 0) async throws -> JSONValue {
        let result = try await agora(binary, work, ["status", "--json", "--dir", dir], offset: offset)
        #expect(result.status == 0, "\(result.err)")
        return try json(result.out)
    }

    func peer(_ status: JSONValue, _ city: String) -> JSONValue? {
        status["peers"]?.arrayValue?.first { $0["city"]?.stringValue == city }
    }

    /// Two members: Tirana (steward, honest clock) and Sofia; each with its federation port.
    func makeCoalition(_ binary: URL, _ work: URL) async throws -> (tirana: UInt16, sofia: UInt16) {
        let ports = (tirana: try ServedProcess.freePort(), sofia: try ServedProcess.freePort())
        for (city, name) in [("tirana", "Tirana"), ("sofia", "Sofia")] {
            #expect(try await agora(binary, work, ["init", "--city", city, "--name", name, "--country", "AL", "--dir", city]).status == 0)
        }
        #expect(try await agora(binary, work, ["keys", "generate", "--out", "tirana/keys/steward.key"]).status == 0)
        #expect(try await agora(binary, work, ["roster", "genesis", "--coalition", "ccdr", "--steward-key", "tirana/keys/steward.key", "--dir", "tirana"]).status == 0)
        for (city, port) in [("tirana", ports.tirana), ("sofia", ports.sofia)] {
            let identity = try await status(binary, work, city)
            let added = try await agora(binary, work, [
                "roster", "add-member", city, "--key", identity["signingKey"]?.stringValue ?? "", "--url", "https://127.0.0.1:1",
                "--federation-url", "https://127.0.0.1:\(port)", "--pin", identity["pin"]?.stringValue ?? "", "--dir", "tirana"])
            #expect(added.status == 0, "\(added.err)")
        }
        #expect(try await agora(binary, work, ["roster", "bundle", "--out", "bundle.jsonl", "--dir", "tirana"]).status == 0)
        let enrolled = try await agora(binary, work, ["enrol", "bundle.jsonl", "--dir", "sofia"])
        #expect(enrolled.status == 0, "\(enrolled.err)")
        return ports
    }

    @Test func aFastPeerIsRefusedUntilWithinTheSkewAndNeverMovesOurClock() async throws {
        guard let binary = BuiltBinary.url else { return }
        let work = try makeTemporaryDirectory("fastClock")
        let ports = try await makeCoalition(binary, work)
        try Data(FederationSyncTests.practice(city: "tirana", slug: "open-data-portal").utf8).write(to: work.appendingPathComponent("t1.json"))
        try Data(FederationSyncTests.practice(city: "tirana", slug: "open-budget").utf8).write(to: work.appendingPathComponent("t2.json"))
        try Data(FederationSyncTests.practice(city: "sofia", slug: "smart-parking").utf8).write(to: work.appendingPathComponent("s1.json"))
        #expect(try await agora(binary, work, ["publish", "t1.json", "--dir", "tirana"]).status == 0)
        let fastPublish = try await agora(binary, work, ["publish", "s1.json", "--dir", "sofia"], offset: Self.tenMinutes)
        #expect(fastPublish.status == 0, "\(fastPublish.err)")

        // 1. Tirana syncs with fast Sofia serving: Sofia's change is beyond Tirana's bound (its
        //    clock plus the skew), so it is neither offered nor fetched; Tirana's goes over.
        var sofia = try await ServedProcess.start(binary, directory: work.appendingPathComponent("sofia"), federationPort: ports.sofia,
                                                  environment: ["AGORA_CLOCK_OFFSET_MS": String(Self.tenMinutes)])
        let first = try await agora(binary, work, ["sync", "--peer", "sofia", "--json", "--dir", "tirana"])
        await sofia.stop()
        #expect(first.status == 0, "\(first.out) \(first.err)")
        let firstReport = try json(first.out)
        #expect(firstReport["changesReceived"] == .number(0) && firstReport["changesSent"] == .number(1), "\(first.out)")

        // 2. Fast Sofia pushes to Tirana serving: refused as future-timestamp, counted, not stored.
        let tirana = try await ServedProcess.start(binary, directory: work.appendingPathComponent("tirana"), federationPort: ports.tirana)
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        let push = try await agora(binary, work, ["sync", "--peer", "tirana", "--json", "--dir", "sofia"], offset: Self.tenMinutes)
        #expect(push.status == 0, "\(push.out) \(push.err)")
        #expect(try json(push.out)["changesSent"] == .number(0), "Tirana stored none of Sofia's future changes: \(push.out)")
        #expect(try await agora(binary, work, ["publish", "t2.json", "--dir", "tirana"]).status == 0, "handed to the server")
        let refusing = try await status(binary, work, "tirana")
        let after = Int64(Date().timeIntervalSince1970 * 1000)
        let refusals = try #require(peer(refusing, "sofia")?["futureRefusals"], "\(refusing)")
        #expect(refusals["refused"] == .number(1), "\(refusing)")
        let lead = Int64(refusals["leadMs"]?.numberValue ?? 0)
        #expect(lead > 300_000 && lead <= Self.tenMinutes + (after - before), "the lead measures Sofia's clock: \(lead) ms")
        #expect(refusing["changes"] == .number(2), "t1 and t2 only: \(refusing)")
        #expect(refusing["clock"]?["driftMs"] == .number(0), "the refused stamps moved nothing: \(refusing)")
        let newest = Int64(refusing["clock"]?["newestMs"]?.numberValue ?? 0)
        #expect(newest <= after, "Tirana's own newest stamp (t2, after the refusal) follows its own clock")
        let published = await ChildProcess.run("/usr/bin/curl", ["-sSk", "--max-time", "60", tirana.url + "/api/v1/status"])
        let open = try json(published.output)
        #expect(peer(open, "sofia")?["futureRefusals"]?["refused"] == .number(1) && open["fingerprint"] == refusing["fingerprint"], "\(published.output)")
        #expect(peer(open, "sofia")?["lastAttempt"]?["message"] == nil, "no error text on the public port")
        await tirana.stop()

        // 3. Sofia's clock is fixed (restarted without the offset); Tirana's clock has come within
        //    the skew of Sofia's stamps (shifted 400 s): the next round fetches and accepts them.
        sofia = try await ServedProcess.start(binary, directory: work.appendingPathComponent("sofia"), federationPort: ports.sofia)
        let later = try await agora(binary, work, ["sync", "--peer", "sofia", "--json", "--dir", "tirana"], offset: 400_000)
        await sofia.stop()
        #expect(later.status == 0, "\(later.out) \(later.err)")
        let laterReport = try json(later.out)
        #expect(laterReport["changesReceived"] == .number(1) && laterReport["changesSent"] == .number(1), "\(later.out)")

        let honest = try await status(binary, work, "tirana", offset: 400_000), fast = try await status(binary, work, "sofia")
        #expect(honest["changes"] == .number(3) && fast["changes"] == .number(3))
        #expect(honest["fingerprint"] == fast["fingerprint"], "the same set: \(honest) \(fast)")
        #expect((honest["clock"]?["driftMs"]?.numberValue ?? .infinity) <= honest["clock"]?["maxSkewMs"]?.numberValue ?? 0,
                "an accepted stamp is within the skew, so the drift is too")
        for record in ["tirana/practice/open-data-portal", "tirana/practice/open-budget", "sofia/practice/smart-parking"] {
            let a = try json(try await agora(binary, work, ["show", record, "--json", "--dir", "tirana"]).out)["state"]
            let b = try json(try await agora(binary, work, ["show", record, "--json", "--dir", "sofia"]).out)["state"]
            #expect(a != nil && a == b, "\(record) is byte-identical on both nodes")
        }
    }

    @Test func aMalformedClockOffsetIsAUsageError() async {
        let result = await runTool(["status"], environment: ["AGORA_CLOCK_OFFSET_MS": "ten minutes"])
        #expect(result.code == .usage)
        #expect(result.err.contains("AGORA_CLOCK_OFFSET_MS must be an integer number of milliseconds"), "\(result.err)")
        let tooFar = await runTool(["status"], environment: ["AGORA_CLOCK_OFFSET_MS": "86400001"])
        #expect(tooFar.code == .usage)
    }
}
