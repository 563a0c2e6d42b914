import AgoraCore
import AgoraHTTP
import Foundation
import Testing

/// Issue 14 item 7 with real processes: a roster member whose federation port answers garbage,
/// a truncated body, or nothing at all, or that vanishes in the middle of a transfer, costs the
/// node that syncs with it one failed attempt, recorded in `sync_attempts` with its error, and
/// nothing else: what the node stores is unchanged, and the next round with an honest peer works.
@Suite(.serialized) struct CoalitionFaultyPeerTests {
    /// Each fault the fake peer plays, the error codes its attempt may end with, and whether the
    /// intact lines before a cut may be stored (they are verified changes the peer really holds).
    static let faults: [(mode: FakePeer.Mode, codes: Set<String>, keepsIntactLines: Bool)] = [
        (.garbage, ["unsupported-version"], false),
        (.truncated, ["truncated"], false),
        (.truncatedFetch, ["refused-changes", "bad-answer", "truncated-answer"], true),
        (.vanishesMidTransfer, ["truncated-answer", "unreachable"], false),
    ]

    @Test func aMisbehavingPeerCostsOneRecordedFailedAttemptAndNothingElse() async throws {
        try await withCoalition(["tirana", "sofia"]) { coalition in
            try await CoalitionConvergenceTests.publishPortal(coalition, coAuthors: ["sofia"])
            let tirana = coalition.node("tirana")
            await tirana.stop()  // it syncs by hand from its directory, which is read between attempts
            for slug in ["open-budget", "participatory-budget"] {  // what Tirana lacks, to fetch
                try await CoalitionConvergenceTests.publish(coalition, "sofia", slug: slug)
            }
            // Dublin's federation port is played by the test: its certificate, relaying to Sofia
            // as Dublin. Amsterdam's accepts connections and never says a word.
            let sofia = coalition.node("sofia")
            for city in ["dublin", "amsterdam"] {
                try await coalition.agora(city, ["init", "--city", city, "--name", city.capitalized, "--country", "NL"])
            }
            let relay = try coalition.federationClient(as: "dublin")
            defer { relay.closeIdleConnections() }
            let fake = try FakePeer(credentials: try coalition.credentials("dublin"),
                                    upstream: .tls(host: "127.0.0.1", port: sofia.federationPort, pin: sofia.pin), client: relay)
            let silent = try SilentPeer()
            try await coalition.addMember("dublin", federationURL: "https://127.0.0.1:\(fake.port)")
            try await coalition.addMember("amsterdam", federationURL: "https://127.0.0.1:\(silent.port)")
            try await coalition.distributeRoster(to: ["tirana", "sofia"])

            var before = try await coalition.storedSet("tirana")
            let honestItems = Set(before.items).union(try await coalition.storedSet("sofia").items)
            for fault in Self.faults {
                fake.set(fault.mode)
                let run = try await coalition.sync("tirana", peer: "dublin")
                #expect(run.status == 1 && run.attempts.count == 1 && run.failures.count == 1, "\(fault.mode): \(run.attempts) \(run.error)")
                let code = run.failures.first?["error"]?.stringValue?.prefix { $0 != ":" } ?? ""
                #expect(fault.codes.contains(String(code)), "\(fault.mode): \(run.attempts)")
                let stored = try await coalition.storedSet("tirana")
                if fault.keepsIntactLines {
                    #expect(Set(stored.items).isSubset(of: honestItems), "\(fault.mode) stored only verified changes the peer holds")
                    before = stored
                } else {
                    #expect(stored == before, "\(fault.mode) stored nothing")
                }
            }
            let quiet = try await coalition.sync("tirana", peer: "amsterdam")
            #expect(quiet.status == 1 && quiet.failures.count == 1, "\(quiet.attempts) \(quiet.error)")
            #expect(quiet.failures.first?["error"]?.stringValue?.hasPrefix("unreachable:") == true
                    && quiet.failures.first?["error"]?.stringValue?.contains("timeout") == true, "\(quiet.attempts)")
            #expect(try await coalition.storedSet("tirana").items.count <= honestItems.count, "a silent peer stored nothing")

            let failed = try await coalition.syncAttempts("tirana", peer: "dublin")
            #expect(failed.count == Self.faults.count && failed.allSatisfy { $0.error != nil }, "each failure is one attempt, with its error: \(failed)")
            #expect(try await coalition.syncAttempts("tirana", peer: "amsterdam").count == 1)

            fake.set(.honest)
            let honest = try await coalition.sync("tirana", peer: "dublin")
            #expect(honest.status == 0 && honest.failures.isEmpty, "\(honest.attempts) \(honest.error)")
            #expect(Set(try await coalition.storedSet("tirana").items) == honestItems, "the next round brings what the faults held back")
            try await tirana.start()
            try await coalition.converge(["secretariat", "tirana", "sofia"])
            await fake.shutdown()
            await coalition.stopAll()
            try await coalition.expectSameStoredSets(["secretariat", "tirana", "sofia"])
        }
    }
}
