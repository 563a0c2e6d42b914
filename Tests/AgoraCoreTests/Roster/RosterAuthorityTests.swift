import Testing
import AgoraTesting
@testable import AgoraCore

/// Who may sign what (`protocol/ROSTER.md`, "Who may sign what"): each refused update leaves the
/// fold exactly where it was.
@Suite struct RosterAuthorityTests {
    let f: RosterFixture
    init() throws { f = try RosterFixture() }

    @Test func aStewardAdmitsACityAndItsKeyEntersTheDirectory() throws {
        let (roster, _) = try f.chain([[try f.addMember("tirana")]])
        let key = try f.key("tirana").publicKeyBytes
        #expect(roster.members["tirana"]?.status == .active)
        #expect(roster.keyDirectory.entry(for: key)?.city == "tirana")
        #expect(roster.keyDirectory.entry(for: f.steward1.publicKeyBytes)?.isSteward == true)
        #expect(roster.admittedMember(pin: RosterFixture.pin("tirana"))?.city == "tirana")
    }

    @Test func anUpdateSignedByANonStewardIsRefusedAndChangesNothing() throws {
        let (roster, updates) = try f.chain([[try f.addMember("tirana")]])
        let byMember = try f.raw([try f.addMember("sofia")], on: roster, keys: [try f.key("tirana")])
        #expect(throws: RosterError.self) { try roster.applying(byMember, crypto: f.crypto) }
        let byStranger = try f.raw([try f.addMember("dublin")], on: roster, keys: [try f.key("mallory")])
        let fold = try f.fold(updates + [byMember, byStranger])
        #expect(fold.roster == roster)
        #expect(fold.refused[byMember.id]?.code == .notPermitted)
        #expect(fold.refused[byStranger.id]?.code == .unknownSigner)
        #expect(fold.fork == nil)
    }

    @Test func theStewardListNeedsTwoStewardSignatures() throws {
        let root = try f.root()
        let third = try f.key("steward-3").publicKeyBytes
        let list = [Roster.Steward(key: f.steward1.publicKeyBytes, city: "secretariat"), Roster.Steward(key: third, city: "secretariat")]
        let draft = try f.signer.update([.setStewards(stewards: list, at: HLCTimestamp(milliseconds: 5))], on: root, key: f.steward1)
        #expect(throws: RosterError(.notPermitted, "set-stewards needs 2 steward signatures; it has 1", path: "update.ops[0]")) {
            try root.applying(draft, crypto: f.crypto)
        }
        #expect(try f.fold([draft]).roster == root)
        let cosigned = try f.signer.cosign(draft, key: f.steward2)
        #expect(cosigned.id == draft.id)
        let after = try #require(try f.fold([cosigned]).roster)
        #expect(after.stewards.map(\.key) == list.map(\.key))
        #expect(after.keyDirectory.entry(for: f.steward2.publicKeyBytes)?.status == .retired(at: HLCTimestamp(milliseconds: 5)))
    }

    @Test func aCityRotatesItsOwnKeyButNotAnotherCitys() throws {
        let (roster, _) = try f.chain([[try f.addMember("tirana"), try f.addMember("sofia")]])
        let tirana = try f.key("tirana"), next = try f.key("tirana-2")
        let rotation = try f.signer.update([.addKey(city: "tirana", key: next.publicKeyBytes),
                                            .retireKey(key: tirana.publicKeyBytes, at: HLCTimestamp(milliseconds: 9))], on: roster, key: tirana)
        let rotated = try roster.applying(rotation, crypto: f.crypto)
        #expect(rotated.keyDirectory.entry(for: next.publicKeyBytes)?.status == .active)
        #expect(rotated.keyDirectory.entry(for: tirana.publicKeyBytes)?.status == .retired(at: HLCTimestamp(milliseconds: 9)))

        let hostile = try f.raw([.addKey(city: "sofia", key: try f.key("evil").publicKeyBytes)], on: roster, keys: [tirana])
        #expect(throws: RosterError(.notPermitted, "add-key for sofia needs a steward's signature or one of that city's active keys",
                                    path: "update.ops[0]")) { try roster.applying(hostile, crypto: f.crypto) }
        let retireOther = try f.raw([.retireKey(key: try f.key("sofia").publicKeyBytes, at: HLCTimestamp(milliseconds: 1))], on: roster, keys: [tirana])
        #expect(throws: RosterError.self) { try roster.applying(retireOther, crypto: f.crypto) }
    }

    @Test func aForgedSignatureIsRefusedAtParsing() throws {
        let (roster, _) = try f.chain([])
        let update = try f.signer.update([try f.addMember("tirana")], on: roster, key: f.steward1)
        var wire = update.json
        guard case .object(var o) = wire, case .array(var sigs) = o["signatures"], case .object(var s) = sigs[0] else { return }
        var sig = Array(s["sig"]?.stringValue ?? "")
        sig[0] = sig[0] == "0" ? "1" : "0"
        s["sig"] = .string(String(sig))
        sigs[0] = .object(s)
        o["signatures"] = .array(sigs)
        wire = .object(o)
        #expect(throws: RosterError(.badSignature, "the signature does not verify", path: "signatures[0]")) {
            try RosterUpdate.parse(CanonicalJSON.encode(wire), crypto: f.crypto)
        }
    }

    @Test func aRosterSignatureIsNeverAChangeSignatureNorTheReverse() throws {
        let root = try f.root()
        let update = try f.signer.update([try f.addMember("tirana")], on: root, key: f.steward1)
        let changeMessage = Array("agora-change-v1".utf8) + [0] + Array("ccdr".utf8) + [0] + update.canonicalHeader
        #expect(!f.crypto.isValidSignature(update.signatures[0].signature, for: changeMessage, publicKey: f.steward1.publicKeyBytes))
        // A signature made under the change prefix, carried by an update, is refused.
        let forged = RosterUpdate.Signature(key: f.steward1.publicKeyBytes, signature: try f.steward1.signature(for: changeMessage))
        let carried = CanonicalJSON.encode(.object(["update": try CanonicalJSON.decode(update.canonicalHeader),
                                                    "signatures": .array([.object(["key": .string(Hex.encode(forged.key)),
                                                                                   "sig": .string(Hex.encode(forged.signature))])])]))
        #expect(throws: RosterError(.badSignature, "the signature does not verify", path: "signatures[0]")) {
            try RosterUpdate.parse(carried, crypto: f.crypto)
        }
    }

    @Test func aSuspendedCityKeepsItsKeysButNotItsPinNorItsSignature() throws {
        let (roster, _) = try f.chain([[try f.addMember("tirana")], [.suspendMember(city: "tirana")]])
        let tirana = try f.key("tirana")
        #expect(roster.admittedMember(pin: RosterFixture.pin("tirana")) == nil)
        #expect(roster.keyDirectory.entry(for: tirana.publicKeyBytes)?.status == .active)
        let ownPin = try f.raw([.setNode(city: "tirana", node: RosterFixture.node("tirana", pin: RosterFixture.pin("t2")))], on: roster, keys: [tirana])
        #expect(throws: RosterError.self) { try roster.applying(ownPin, crypto: f.crypto) }
        let back = try roster.applying(try f.signer.update([.reinstateMember(city: "tirana")], on: roster, key: f.steward2), crypto: f.crypto)
        #expect(back.admittedMember(pin: RosterFixture.pin("tirana"))?.city == "tirana")
    }

    @Test func aRemovedCitysKeysRetireAtTheStampAndItsPinIsRefused() throws {
        let at = HLCTimestamp(milliseconds: 1_700_000_000_000)
        let (roster, _) = try f.chain([[try f.addMember("tirana")], [.removeMember(city: "tirana", at: at)]])
        #expect(roster.keyDirectory.entry(for: try f.key("tirana").publicKeyBytes)?.status == .retired(at: at))
        #expect(roster.admittedMember(pin: RosterFixture.pin("tirana")) == nil)
        #expect(roster.peers(excluding: "x").isEmpty)
    }

    @Test func aCompromisedKeyIsMarkedInTheDirectory() throws {
        let (roster, _) = try f.chain([[try f.addMember("tirana")], [.markCompromised(key: try f.key("tirana").publicKeyBytes)]])
        #expect(roster.keyDirectory.entry(for: try f.key("tirana").publicKeyBytes)?.status == .compromised)
    }

    @Test func keysAreNeverReused() throws {
        let (roster, _) = try f.chain([[try f.addMember("tirana")]])
        let reuse = try f.raw([try f.addMember("sofia", keyName: "tirana")], on: roster, keys: [f.steward1])
        #expect(throws: RosterError(.invalidOperation, "key \(Hex.encode(try f.key("tirana").publicKeyBytes)) is already in the roster; keys are never reused",
                                    path: "update.ops[0].keys[0]")) { try roster.applying(reuse, crypto: f.crypto) }
        let stewardAsMember = try f.raw([.addKey(city: "tirana", key: f.steward2.publicKeyBytes)], on: roster, keys: [f.steward1])
        #expect(throws: RosterError.self) { try roster.applying(stewardAsMember, crypto: f.crypto) }
    }
}
