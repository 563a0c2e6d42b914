import AgoraCore

extension VectorBuilder {
    static let record = "tirana/practice/open-data-portal"

    /// Signing cases: unsigned change -> canonical header -> signed message -> id -> signature -> wire form.
    func changeCases() -> [(name: String, author: String, change: UnsignedChange)] {
        let r = VectorBuilder.record
        let t = HLCTimestamp(milliseconds: VectorBuilder.now)
        return [
            ("set-text", "tirana", unsigned("tirana", r, t, [.set(field: "title", language: "sq", value: "Portali i të dhënave të hapura")])),
            ("many-operations", "tirana", unsigned("tirana", r, HLCTimestamp(milliseconds: VectorBuilder.now, counter: 3), [
                .set(field: "summary", language: "bg", value: "Общината публикува „отворени данни“ — \u{1F4CA}"),
                .set(field: "stage", language: nil, value: "implementation"),
                .set(field: "sources", language: nil, value: [["title": "Tirana open data", "seed": "000_2e1bd90ac9c359db"]]),
                .add(field: "themes", value: "transparency/open-data"),
                .set(field: "budget", language: nil, value: .null),
                .delete, .undelete,
            ])),
            ("largest-stamp", "sofia", unsigned("sofia", r, HLCTimestamp(milliseconds: HLCTimestamp.maxMilliseconds, counter: .max),
                                                [.contribute(entry: "adoption", language: nil, value: ["note": ["bg": "София", "en": "Sofia"], "year": 2023])])),
            ("translation", "brussels", unsigned("brussels", r, t, [.contribute(entry: "translation", language: "nl", value: ["title": "Open data portaal"])])),
            ("unknown-operation", "tirana", unsigned("tirana", r, t, [.raw(["op": "rate", "stars": 5, "value": ["comment": "useful"]])])),
        ]
    }

    func changes() throws -> JSONValue {
        var cases: [JSONValue] = []
        for (name, author, change) in changeCases() {
            let signed = try sign(author, change)
            cases.append(.object([
                "name": .string(name),
                "key": .string(author),
                "unsigned": change.json,
                "canonicalHeader": VectorBuilder.text(signed.header.canonicalBytes),
                "signedMessage": .string(Hex.encode(signed.header.signingMessage)),
                "id": .string(signed.id.hex),
                "signature": .string(Hex.encode(signed.change.signature)),
                "wire": VectorBuilder.text(signed.change.wireBytes),
            ]))
        }
        let removal = try removeCase()
        cases.append(removal)
        return .object(["description": "Sign `unsigned` with the key named `key` (keys.json): the canonical header, the signed message (hex), the id, the signature and the wire form must be byte-identical.",
                        "cases": .array(cases)])
    }

    /// A remove that names the add of the first `add` change: its tag depends on that change's id.
    func removeCase() throws -> JSONValue {
        let add = try sign("tirana", unsigned("tirana", VectorBuilder.record, HLCTimestamp(milliseconds: VectorBuilder.now), [.add(field: "tags", value: "open data")]))
        let change = unsigned("tirana", VectorBuilder.record, HLCTimestamp(milliseconds: VectorBuilder.now + 1),
                              [.remove(field: "tags", adds: [AddTag(change: add.id, index: 0)])])
        let signed = try sign("tirana", change)
        return .object(["name": "remove", "key": "tirana", "unsigned": change.json,
                        "canonicalHeader": VectorBuilder.text(signed.header.canonicalBytes),
                        "signedMessage": .string(Hex.encode(signed.header.signingMessage)),
                        "id": .string(signed.id.hex), "signature": .string(Hex.encode(signed.change.signature)),
                        "wire": VectorBuilder.text(signed.change.wireBytes)])
    }
}
