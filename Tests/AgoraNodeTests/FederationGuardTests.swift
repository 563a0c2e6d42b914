import AgoraCore
import AgoraCrypto
import AgoraHTTP
import AgoraTesting
import Foundation
import Testing
@testable import AgoraNode

/// Who the federation port admits, judged per request against the roster of that moment.
@Suite struct FederationGuardTests {
    let crypto = TestKeys.crypto
    let pin = Data(SHA256.hash(Array("pin:sofia".utf8))).base64EncodedString()

    func roster(_ extra: [RosterOperation] = []) throws -> Roster {
        let steward = try TestKeys.privateKey("steward-1"), signer = RosterSigner(crypto: crypto)
        let genesis = try signer.genesis(coalition: "ccdr", stewards: [Roster.Steward(key: steward.publicKeyBytes, city: "secretariat")], key: steward)
        var roster = try Roster(genesis: genesis, crypto: crypto)
        let add = RosterOperation.addMember(city: "sofia", name: "Sofia", country: "BG", keys: [try TestKeys.privateKey("sofia").publicKeyBytes],
                                            node: Roster.Node(url: "https://sofia.example", federationURL: "https://sofia.example:9443", pin: pin))
        for ops in [[add]] + extra.map({ [$0] }) {
            roster = try roster.applying(try signer.update(ops, on: roster, key: steward), crypto: crypto)
        }
        return roster
    }

    func code(_ response: HTTPResponse?) -> String? {
        response.flatMap { try? CanonicalJSON.decode($0.body) }?["error"]?["code"]?.stringValue
    }

    @Test func anActiveMembersPinGetsInAndLosesAccessWithTheUpdate() throws {
        let guardian = FederationGuard(log: nil)
        let request = HTTPRequest(method: .get, target: "/federation/v1/hello", clientCertificatePin: pin)
        #expect(guardian.refusal(for: request, roster: try roster()) == nil)
        let suspended = guardian.refusal(for: request, roster: try roster([.suspendMember(city: "sofia")]))
        #expect(suspended?.status == .forbidden && code(suspended) == "suspended-member")
        let removed = guardian.refusal(for: request, roster: try roster([.removeMember(city: "sofia", at: HLCTimestamp(milliseconds: 1))]))
        #expect(code(removed) == "removed-member")
        let other = Data(SHA256.hash(Array("pin:other".utf8))).base64EncodedString()
        let repinned = try roster([.setNode(city: "sofia", node: Roster.Node(url: "https://s", federationURL: "https://s", pin: other))])
        #expect(code(guardian.refusal(for: request, roster: repinned)) == "unknown-pin")
        #expect(code(guardian.refusal(for: request, roster: nil)) == "no-roster")
        #expect(code(guardian.refusal(for: HTTPRequest(method: .get, target: "/"), roster: repinned)) == "no-client-certificate")
        #expect(guardian.refusals == ["suspended-member": 1, "removed-member": 1, "unknown-pin": 1, "no-roster": 1, "no-client-certificate": 1])
    }
}
