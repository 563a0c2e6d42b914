import AgoraCore
import Foundation
import Testing

/// Issue 14 item 7 with real `agora serve` processes: a forged change, a change signed by a key
/// the roster marks compromised, and a client certificate the roster does not list are refused or
/// ineffective on every node, and leave what the nodes store and serve unchanged.
@Suite(.serialized) struct CoalitionRefusalTests {
    static let portal = CoalitionConvergenceTests.portal

    /// `line` with the first character of its signature changed.
    static func badSignature(_ line: String) -> String {
        guard let range = line.range(of: "\"signature\":\"") else { return line }
        let first = line[range.upperBound]
        return line.replacingCharacters(in: range.upperBound...range.upperBound, with: first == "A" ? "B" : "A")
    }

    @Test func forgedChangesAndAStrangersCertificateChangeNothingOnAnyNode() async throws {
        try await withCoalition(["tirana", "sofia"]) { coalition in
            try await CoalitionConvergenceTests.publishPortal(coalition, coAuthors: ["sofia"])
            let before = try await coalition.converge()
            let original = try #require(before.changes.first { $0.contains("Open data portal") })
            let forged = [original.replacingOccurrences(of: "Open data portal", with: "Forged data portal"), Self.badSignature(original)]
            #expect(!forged.contains(original))
            for city in coalition.cities {
                let (code, answer) = try await coalition.push(forged, to: city, as: city == "sofia" ? "tirana" : "sofia")
                #expect(code == 200 && answer["accepted"] == .number(0), "\(city): \(answer)")
                guard case .array(let refused)? = answer["refused"] else { Issue.record("\(city): \(answer)"); continue }
                #expect(refused.count == 2, "both forged lines are refused on \(city): \(answer)")
            }

            // A stranger: it holds the roster (it is public) and a node of its own, but its pin is
            // not a member's. Its round fails with every peer; its own changes reach no one.
            try await coalition.agora("paris", ["init", "--city", "paris", "--name", "Paris", "--country", "FR"])
            try await coalition.agora("paris", ["enrol", "ccdr.bundle", "--genesis", coalition.genesis])
            try await CoalitionConvergenceTests.publish(coalition, "paris", slug: "open-budget")
            let round = try await coalition.sync("paris")
            #expect(round.status != 0 && round.attempts.count == 3, "\(round.attempts) \(round.error)")
            #expect(round.failures.count == 3 && round.failures.allSatisfy { $0["error"]?.stringValue?.contains("unknown-pin") == true },
                    "\(round.attempts)")
            for city in coalition.cities {
                let (code, answer) = try await coalition.push([original], to: city, as: "paris")
                #expect(code == 403 && "\(answer)".contains("unknown-pin"), "\(city): \(answer)")
            }

            let after = try await coalition.converge()
            #expect(after == before, "nothing forged or foreign was stored or served")
            await coalition.stopAll()
            try await coalition.expectSameStoredSets()
        }
    }

    @Test func aCompromisedKeysChangesAreIneffectiveOnEveryNode() async throws {
        try await withCoalition(["tirana", "sofia"]) { coalition in
            try await CoalitionConvergenceTests.publishPortal(coalition, coAuthors: ["sofia"])
            try await coalition.converge()
            // The stewards learn that Tirana's key was stolen; every node but Tirana's (which the
            // thief uses, and which pulls no roster: it does not sync on its own) takes the update.
            let thief = coalition.node("tirana")
            await thief.stop()
            thief.options = ["--no-sync"]
            try await thief.start()
            let key = try await coalition.agora("tirana", ["status", "--json"])
            let hex = try #require(try CanonicalJSON.decode(key.stdout)["signingKey"]?.stringValue)
            try await coalition.agora("secretariat", ["roster", "compromised", hex])
            try await coalition.distributeRoster(to: ["sofia"])
            let honest = ["secretariat", "sofia"]
            let before = try await coalition.waitForConvergence(honest)
            let portalBefore = try await coalition.recordState("sofia", Self.portal)
            #expect("\(portalBefore)".contains("key-compromised"), "the stolen key's earlier changes stop counting too")

            // The thief signs with the stolen key: an edit and a new record; they travel, and
            // count nowhere.
            try await coalition.agora("tirana", ["edit", Self.portal, "--set", "stage=discontinued", "--set", "title=Stolen", "--lang", "en"])
            try await CoalitionConvergenceTests.publish(coalition, "tirana", slug: "stolen-record")
            try await coalition.syncRounds()
            let after = try await coalition.waitForConvergence(honest)
            #expect(after.changes.count == before.changes.count + 2, "the stolen key's changes are kept, as ineffective ones")
            for city in honest {
                let portal = try await coalition.recordState(city, Self.portal)
                #expect(portal["fields"] == portalBefore["fields"] && portal["sets"] == portalBefore["sets"], "\(city): \(portal)")
                #expect(portal["updated"] == portalBefore["updated"], "\(city)")
                let stolen = try await coalition.recordState(city, "tirana/practice/stolen-record")
                #expect(stolen["fields"] == .object([:]) || stolen["fields"] == nil, "\(city): \(stolen)")
                #expect("\(stolen)".contains("key-compromised"), "\(city): \(stolen)")
            }
            try await coalition.distributeRoster(to: ["tirana"])
            try await coalition.waitForConvergence()
            await coalition.stopAll()
            try await coalition.expectSameStoredSets()
        }
    }
}
