import AgoraCore

/// Merge scenarios of body-less copies (`PROTOCOL.md` 4 step 10, 5.3 step 2, 5.6): issue 12, items 1 and 6.
extension VectorBuilder {
    func bodylessScenarios() throws -> [JSONValue] {
        [try compromisedRedaction(), try perTargetRedaction(), try erasedThenCompromised()]
    }

    /// The scenario: a redaction by a compromised key vouches for nothing.
    func compromisedRedaction() throws -> JSONValue {
        let x = try c("tirana", 1, [.set(field: "budget", language: nil, value: "EUR 5")])
        let rated = try c("tirana", 2, [.raw(["op": "rate", "value": 5]), .set(field: "title", language: "en", value: "kept")])
        let r = try c("tirana-old", 3, [.redact(change: x.id), .redact(change: rated.id)])
        let keys = try directory(["tirana-old": .compromised])
        let partial = SignedChange(header: rated.header, signature: rated.change.signature,
                                   bodies: rated.bodies.filter { $0.key != rated.header.operations[0].bodyHash })
        var json = try scenario("redaction-by-compromised-key", "A redaction signed by a compromised key of the author city is ineffective and vouches for no body-less copy: X keeps its budget, and a copy of X without bodies, or of the other change without the body of its unsupported operation, is refused in the same batch.", [x, rated, r], directory: keys)
        json[member: "refused"] = .array([x.withoutBodies.change.wireBytes, partial.wireBytes].map { wire in
            .object(["wire": VectorBuilder.text(wire), "expected": "missing-body"])
        })
        return json
    }

    /// A redaction redacts each target it may redact, whichever others it names.
    func perTargetRedaction() throws -> JSONValue {
        let x = try c("tirana", 1, [.set(field: "contact", language: nil, value: "someone@example.org")])
        let adopt = try c("sofia", 2, [.contribute(entry: "adoption", language: nil, value: ["note": ["en": "Adopted."]])])
        let r = try c("tirana", 3, [.redact(change: x.id), .redact(change: adopt.id)])
        return try scenario("redaction-per-target", "A redaction naming the author city's own change and another city's: the own change is redacted whatever else is present, the redaction is not-permitted, and the other city's change stays effective.", [x, adopt, r], stripped: [x.id])
    }

    /// Bodies erased under one directory, then the redaction's key marked compromised.
    func erasedThenCompromised() throws -> JSONValue {
        let x = try c("tirana", 1, [.set(field: "budget", language: nil, value: "EUR 5")])
        let rated = try c("tirana", 2, [.raw(["op": "rate", "value": 5]), .set(field: "budget", language: nil, value: "kept")])
        let deleting = try c("tirana", 3, [.raw(["op": "rate", "value": 5]), .delete])
        let r = try c("tirana-old", 4, [.redact(change: x.id), .redact(change: rated.id), .redact(change: deleting.id)])
        var json = try scenario("erased-then-key-compromised", "A node erased three changes under a redaction that was effective (`admittedUnder`); the redaction's key is now compromised. The body-less copies are not part of the set (the node fetches their bodies), so the state lists only the redaction: not even a change whose only missing body is an unsupported operation's counts.", [x, rated, deleting, r], directory: try directory(["tirana-old": .compromised]), stripped: [x.id, rated.id, deleting.id])
        json[member: "admittedUnder"] = try directory().json
        return json
    }
}

extension JSONValue {
    /// The member `key` of an object (setting it on anything else does nothing).
    subscript(member key: String) -> JSONValue? {
        get { self[key] }
        set {
            guard case .object(var members) = self else { return }
            members[key] = newValue
            self = .object(members)
        }
    }
}
