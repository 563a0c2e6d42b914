import AgoraCore

extension VectorBuilder {
    /// Changes a verifier must refuse, with the code, given `now` and the directory of all test keys.
    func rejections() throws -> JSONValue {
        let good = try sign("tirana", unsigned("tirana", VectorBuilder.record, HLCTimestamp(milliseconds: VectorBuilder.now),
                                               [.set(field: "title", language: "en", value: "Open data portal")]))
        let wire = String(decoding: good.change.wireBytes, as: UTF8.self)
        let hash = good.header.operations[0].bodyHash ?? ""
        var flipped = good.change.signature
        flipped[0] ^= 1
        let future = try sign("tirana", unsigned("tirana", VectorBuilder.record, HLCTimestamp(milliseconds: VectorBuilder.now + 300_001),
                                                 [.delete]))
        let foreign = try sign("sofia", unsigned("sofia", VectorBuilder.record, HLCTimestamp(milliseconds: VectorBuilder.now), [.delete]))
        let otherCoalition = try sign("tirana", UnsignedChange(coalition: "other", record: good.header.record, city: "tirana",
                                                              hlc: good.header.hlc, operations: [.delete]))
        let impostor = try sign("brussels", UnsignedChange(coalition: VectorBuilder.coalition, record: good.header.record, city: "tirana",
                                                        hlc: good.header.hlc, operations: [.delete]))
        let zeroKey = wire.replacingOccurrences(of: good.header.keyHex, with: String(repeating: "0", count: 64))
        let cases: [(String, String, String)] = [
            ("valid", wire, "none"),
            ("whitespace", wire.replacingOccurrences(of: "\",\"", with: "\", \""), "non-canonical"),
            ("trailing-newline", wire + "\n", "non-canonical"),
            ("not-json", "{\"bodies\":", "malformed"),
            ("extra-header-member", wire.replacingOccurrences(of: "\"coalition\":\"ccdr\"", with: "\"coalition\":\"ccdr\",\"colour\":\"red\""), "schema-violation"),
            ("uppercase-key", wire.replacingOccurrences(of: good.header.keyHex, with: good.header.keyHex.uppercased()), "schema-violation"),
            ("tampered-body", wire.replacingOccurrences(of: "Open data portal", with: "Closed data portal"), "body-hash-mismatch"),
            ("tampered-header", wire.replacingOccurrences(of: "[\(VectorBuilder.now),0]", with: "[\(VectorBuilder.now + 1),0]"), "bad-signature"),
            ("flipped-signature", String(decoding: SignedChange(header: good.header, signature: flipped, bodies: good.bodies).wireBytes, as: UTF8.self), "bad-signature"),
            ("small-order-key", zeroKey, "small-order-key"),
            ("key-of-another-city", String(decoding: impostor.change.wireBytes, as: UTF8.self), "key-city-mismatch"),
            ("other-coalition", String(decoding: otherCoalition.change.wireBytes, as: UTF8.self), "wrong-coalition"),
            ("future", String(decoding: future.change.wireBytes, as: UTF8.self), "future-timestamp"),
            ("bodies-dropped", wire.replacingOccurrences(of: "{\"\(hash)\":\"Open data portal\"}", with: "{}"), "missing-body"),
            ("unknown-key", String(decoding: foreign.change.wireBytes, as: UTF8.self), "unknown-key"),
        ] + (try ruleRejections())
        return .object([
            "description": "Verify each `wire` at wall clock `now` (ms), skew 300000 ms, coalition `ccdr`, with the key directory `directory`; `expected` is the rejection code, or `none`. No redactions are known.",
            "now": .number(Double(VectorBuilder.now)),
            "directory": try directory().json.objectValue.map { o in
                .object(["keys": .array((o["keys"]?.arrayValue ?? []).filter { $0["city"]?.stringValue != "sofia" })])
            } ?? .null,
            "cases": .array(cases.map { .object(["name": .string($0.0), "wire": .string($0.1), "expected": .string($0.2)]) }),
        ])
    }
}
