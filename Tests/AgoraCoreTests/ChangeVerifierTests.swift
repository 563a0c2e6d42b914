import Testing
@testable import AgoraCore

@Suite struct ChangeVerifierTests {
    let tirana = Author("tirana")
    let now: UInt64 = 1_700_000_000_000

    func verifier(_ entries: [KeyDirectory.Entry]? = nil) throws -> ChangeVerifier {
        ChangeVerifier(crypto: FakeCryptography(), coalition: Fixtures.coalition,
                       directory: try KeyDirectory(entries ?? [tirana.entry()]))
    }

    func sample(_ ops: [UnsignedOperation]? = nil, ms: UInt64? = nil) throws -> VerifiedChange {
        try Fixtures.change(tirana, ms ?? now, ops ?? [.set(field: "title", language: "en", value: "Open data")])
    }

    func rejection(_ bytes: [UInt8], redacted: Set<ChangeID> = [], verifier: ChangeVerifier? = nil) throws -> ChangeRejection? {
        if case .failure(let r) = try (verifier ?? self.verifier()).verify(bytes, wallMilliseconds: now, redacted: redacted) { return r }
        return nil
    }

    func rewrite(_ change: VerifiedChange, _ edit: (inout [String: JSONValue]) -> Void) -> [UInt8] {
        guard case .object(var o) = change.change.wireJSON else { return [] }
        edit(&o)
        return CanonicalJSON.encode(.object(o))
    }

    @Test func aSignedChangeVerifiesWithTheSameID() throws {
        let change = try sample()
        let result = try verifier().verify(change.change.wireBytes, wallMilliseconds: now)
        #expect(try result.get().id == change.id)
        #expect(try result.get().change == change.change)
    }

    @Test func theWireFormIsCanonicalWithBodiesFiledByHash() throws {
        let change = try sample()
        let text = String(decoding: change.change.wireBytes, as: UTF8.self)
        #expect(text.hasPrefix("{\"bodies\":{\""))
        let hash = try #require(change.header.operations.first?.bodyHash)
        #expect(change.bodies[hash] == "Open data")
        #expect(hash == Hex.encode(FakeCryptography().sha256(Array("\"Open data\"".utf8))))
    }

    @Test func nonCanonicalBytesAreRefused() throws {
        let bytes = try sample().change.wireBytes
        #expect(try rejection([0x20] + bytes)?.code == .nonCanonical)
        #expect(try rejection(Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: ":", with: ": ").utf8))?.code == .nonCanonical)
    }

    @Test func tamperingBreaksTheSignatureOrTheBodyHash() throws {
        let change = try sample()
        let tamperedHeader = rewrite(change) { o in
            guard case .object(var h) = o["header"] else { return }
            h["hlc"] = [1_700_000_000_001, 0]
            o["header"] = .object(h)
        }
        #expect(try rejection(tamperedHeader)?.code == .badSignature)
        let hash = try #require(change.header.operations.first?.bodyHash)
        let tamperedBody = rewrite(change) { $0["bodies"] = .object([hash: "Closed data"]) }
        let r = try rejection(tamperedBody)
        #expect(r?.code == .bodyHashMismatch)
        #expect(r?.path == "bodies.\(hash)")
    }

    @Test func schemaViolationsNameThePath() throws {
        let change = try sample()
        func headerEdit(_ edit: @escaping (inout [String: JSONValue]) -> Void) -> [UInt8] {
            rewrite(change) { o in
                guard case .object(var h) = o["header"] else { return }
                edit(&h)
                o["header"] = .object(h)
            }
        }
        let extra = try rejection(headerEdit { $0["note"] = "x" })
        #expect(extra?.code == .schemaViolation)
        #expect(extra?.path == "header.note")
        #expect(try rejection(headerEdit { $0["hlc"] = .array([.number(1.5), 0]) })?.path == "header.hlc")
        #expect(try rejection(headerEdit { $0["key"] = .string(String(repeating: "A", count: 64)) })?.path == "header.key")
        #expect(try rejection(headerEdit { $0["ops"] = [] })?.path == "header.ops")
        #expect(try rejection(headerEdit { $0["ops"] = [["op": "set", "field": "title", "body": "zz"]] })?.path == "header.ops[0].body")
        #expect(try rejection(Array("[]".utf8))?.code == .schemaViolation)
        #expect(try rejection(Array("{\"a\":".utf8))?.code == .malformed)
    }

    @Test func aBodyThatDoesNotFitItsFieldIsASchemaViolation() throws {
        #expect(throws: ChangeRejection.self) { try sample([.set(field: "stage", language: nil, value: "done")]) }
        let crypto = FakeCryptography()
        let body: JSONValue = "done"
        let hash = Hex.encode(crypto.sha256(CanonicalJSON.encode(body)))
        let header = try ChangeHeader.parse(ChangeHeader.json(
            coalition: Fixtures.coalition, record: Fixtures.record, city: "tirana", keyHex: tirana.keyHex,
            hlc: HLCTimestamp(milliseconds: now), operations: [Operation.set(field: "stage", language: nil, body: hash).json]))
        let signed = SignedChange(header: header, signature: try tirana.key.signature(for: header.signingMessage), bodies: [hash: body])
        let r = try rejection(signed.wireBytes)
        #expect(r?.code == .schemaViolation)
        #expect(r?.path == "header.ops[0]")
        #expect(r?.message.contains("bodies.\(hash): expected one of idea") == true)
    }

    @Test func keysAreCheckedAgainstTheDirectory() throws {
        let bytes = try sample().change.wireBytes
        #expect(try rejection(bytes, verifier: verifier([]))?.code == .unknownKey)
        let other = KeyDirectory.Entry(key: tirana.key.publicKeyBytes, city: "sofia")
        #expect(try rejection(bytes, verifier: verifier([other]))?.code == .keyCityMismatch)
        var anyKey = try verifier()
        anyKey.directory = nil
        #expect(try rejection(bytes, verifier: anyKey) == nil)
    }

    @Test func smallOrderKeysAreRefusedEverywhere() throws {
        let zero = Author("tirana", key: ZeroKey())
        let bytes = try Fixtures.change(zero, now, [.delete]).change.wireBytes
        #expect(try rejection(bytes, verifier: verifier([]))?.code == .smallOrderKey)
        #expect(throws: KeyDirectoryError.self) { try KeyDirectory([zero.entry()], crypto: FakeCryptography()) }
    }

    @Test func aStampTooFarAheadIsRefused() throws {
        let ahead = try sample(ms: now + 300_001).change.wireBytes
        #expect(try rejection(ahead)?.code == .futureTimestamp)
        #expect(try rejection(try sample(ms: now + 300_000).change.wireBytes) == nil)
        #expect(try verifier().verify(ahead, wallMilliseconds: nil).get().header.hlc.milliseconds == now + 300_001)
    }

    @Test func oversizedChangesAreRefusedBeforeParsing() throws {
        var small = try verifier()
        small.limits = ChangeLimits(maxChangeBytes: 100)
        #expect(try rejection(try sample().change.wireBytes, verifier: small)?.code == .oversized)
        let many = (0..<3).map { UnsignedOperation.add(field: "tags", value: .string("t\($0)")) }
        var fewOps = try verifier()
        fewOps.limits = ChangeLimits(maxOperations: 2)
        #expect(try rejection(try sample(many).change.wireBytes, verifier: fewOps)?.code == .oversized)
        var smallBodies = try verifier()
        smallBodies.limits = ChangeLimits(maxBodyBytes: 8)
        #expect(try rejection(try sample().change.wireBytes, verifier: smallBodies)?.code == .oversized)
    }

    @Test func aBodylessChangeIsAcceptedOnlyWithAValidRedaction() throws {
        let change = try sample()
        let stripped = change.change.withoutBodies.wireBytes
        #expect(try rejection(stripped)?.code == .missingBody)
        #expect(try rejection(stripped, redacted: [change.id]) == nil)
        let redaction = try Fixtures.change(tirana, now + 1, [.redact(change: change.id)])
        let batch = try verifier().verifyBatch([stripped, redaction.change.wireBytes], wallMilliseconds: now + 1)
        #expect(batch.allSatisfy { (try? $0.get()) != nil })
        let sofia = Author("sofia")
        let foreign = try Fixtures.change(sofia, now + 1, [.redact(change: change.id)])
        let refused = try verifier([tirana.entry(), sofia.entry()]).verifyBatch([stripped, foreign.change.wireBytes], wallMilliseconds: now + 1)
        #expect(throws: ChangeRejection.self) { try refused[0].get() }
        let steward = Author("secretariat")
        let takedown = try Fixtures.change(steward, now + 1, [.redact(change: change.id)])
        let taken = try verifier([tirana.entry(), steward.entry(steward: true)]).verifyBatch([stripped, takedown.change.wireBytes], wallMilliseconds: now + 1)
        #expect((try? taken[0].get()) != nil)
    }

    @Test func unknownOperationTypesAreKeptAndVerified() throws {
        let raw: JSONValue = ["op": "rate", "stars": 5, "value": ["comment": "useful"]]
        let change = try sample([.raw(raw), .set(field: "title", language: "en", value: "x"), .set(field: "futureField", language: nil, value: 1)])
        let verified = try verifier().verify(change.change.wireBytes, wallMilliseconds: now).get()
        guard case .unsupported(let type, let json) = verified.header.operations[0] else { Issue.record("not unsupported"); return }
        #expect(type == "rate")
        #expect(json["body"]?.stringValue == verified.header.operations[0].bodyHash)
        #expect(verified.bodies.count == 3)
    }

    @Test func redactionsHoldOnlyRedactOperations() throws {
        #expect(throws: ChangeRejection.self) {
            try sample([.redact(change: ChangeID(digest: Array(repeating: 1, count: 32))), .delete])
        }
    }

    @Test func wrongCoalitionIsRefused() throws {
        let other = ChangeVerifier(crypto: FakeCryptography(), coalition: "other", directory: try KeyDirectory([tirana.entry()]))
        #expect(try rejection(try sample().change.wireBytes, verifier: other)?.code == .wrongCoalition)
    }
}

struct ZeroKey: ChangeSigningKey {
    var publicKeyBytes: [UInt8] { Array(repeating: 0, count: 32) }
    func signature(for message: [UInt8]) throws -> [UInt8] { FakeCryptography.sign(message, publicKey: publicKeyBytes) }
}
