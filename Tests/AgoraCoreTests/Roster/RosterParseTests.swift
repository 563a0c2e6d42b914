import Testing
import AgoraTesting
@testable import AgoraCore

/// Strict parsing of updates: every refusal has a code and a path, and nothing else is accepted.
@Suite struct RosterParseTests {
    let f: RosterFixture
    init() throws { f = try RosterFixture() }

    func update() throws -> RosterUpdate { try f.signer.update([try f.addMember("tirana")], on: try f.root(), key: f.steward1) }

    func code(_ bytes: [UInt8], coalition: String? = nil) -> RosterError.Code? {
        do { _ = try RosterUpdate.parse(bytes, coalition: coalition, crypto: f.crypto); return nil } catch { return error.code }
    }

    @Test func theWireFormRoundTripsAndTheIDIsTheHashOfTheHeader() throws {
        let u = try update()
        let parsed = try RosterUpdate.parse(u.wireBytes, coalition: "ccdr", crypto: f.crypto)
        #expect(parsed == u)
        #expect(u.id.hex == Hex.encode(f.crypto.sha256(u.canonicalHeader)))
        #expect(u.signingMessage == Array("agora-roster-v1".utf8) + [0] + Array("ccdr".utf8) + [0] + u.canonicalHeader)
    }

    @Test func anUpdateOfAnotherCoalitionIsRefused() throws {
        #expect(code(try update().wireBytes, coalition: "other") == .wrongCoalition)
    }

    @Test func badBytesAreRefusedWithTheirCode() throws {
        let wire = try update().wireBytes
        #expect(code(Array("{\"signatures\":[], \"update\":{}}".utf8)) == .nonCanonical)
        #expect(code(Array(wire.dropLast())) == .malformed)
        #expect(code([UInt8](repeating: 0x20, count: RosterLimits.maxUpdateBytes + 1)) == .oversized)
        let deep = Array(String(repeating: "[", count: 20).utf8) + Array(String(repeating: "]", count: 20).utf8)
        #expect(code(deep) == .malformed)
        #expect(code(Array("[]".utf8)) == .schemaViolation)
    }

    @Test func unknownMembersAndOperationsAreRefusedWithTheirPath() throws {
        let u = try update()
        func mutate(_ edit: (inout [String: JSONValue]) -> Void) -> [UInt8] {
            guard case .object(var o) = u.json, case .object(var h) = o["update"] else { return [] }
            edit(&h)
            o["update"] = .object(h)
            return CanonicalJSON.encode(.object(o))
        }
        #expect(throws: RosterError(.schemaViolation, "no such member; expected one of coalition, format, ops, parent, seq", path: "update.extra")) {
            try RosterUpdate.parse(mutate { $0["extra"] = .null }, crypto: f.crypto)
        }
        do {
            _ = try RosterUpdate.parse(mutate { $0["ops"] = .array([.object(["op": .string("grant-admin")])]) }, crypto: f.crypto)
            Issue.record("an unknown operation was accepted")
        } catch { #expect(error.path == "update.ops[0].op" && error.code == .schemaViolation) }
        #expect(code(mutate { $0["format"] = .number(2) }) == .schemaViolation)
        #expect(code(mutate { $0["seq"] = .number(0) }) == .schemaViolation)
    }

    @Test func valuesOutsideTheirSyntaxAreRefused() throws {
        let root = try f.root()
        let key = try f.key("tirana").publicKeyBytes
        let bad: [RosterOperation] = [
            .addMember(city: "tirana", name: "T\u{7}", country: "AL", keys: [key], node: RosterFixture.node("tirana")),
            .addMember(city: "tirana", name: "Tirana", country: "al", keys: [key], node: RosterFixture.node("tirana")),
            .addMember(city: "tirana", name: "Tirana", country: "AL", keys: [key],
                       node: Roster.Node(url: "http://tirana.example", federationURL: "https://t", pin: RosterFixture.pin("t"))),
            .addMember(city: "tirana", name: "Tirana", country: "AL", keys: [key],
                       node: Roster.Node(url: "https://t", federationURL: "https://t", pin: "not-a-pin")),
        ]
        for op in bad {
            #expect(throws: RosterError.self) { try f.raw([op], on: root, keys: [f.steward1]) }
        }
    }
}
