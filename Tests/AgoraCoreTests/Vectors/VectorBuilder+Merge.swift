import AgoraCore

extension VectorBuilder {
    /// A stamp `n` ms after `now`.
    func at(_ n: UInt64, _ counter: UInt32 = 0) -> HLCTimestamp { HLCTimestamp(milliseconds: VectorBuilder.now + n, counter: counter) }

    func c(_ author: String, _ n: UInt64, _ ops: [UnsignedOperation]) throws -> VerifiedChange {
        try sign(author, unsigned(author, VectorBuilder.record, at(n), ops))
    }

    func scenario(_ name: String, _ description: String, _ changes: [VerifiedChange],
                  directory: KeyDirectory? = nil, stripped: Set<ChangeID> = []) throws -> JSONValue {
        let keys = try directory ?? self.directory()
        let kept = changes.map { stripped.contains($0.id) ? $0.withoutBodies : $0 }
        let state = RecordMerge.state(of: RecordID(VectorBuilder.record)!, changes: kept, directory: keys)
        return .object([
            "name": .string(name), "description": .string(description), "record": .string(VectorBuilder.record),
            "directory": keys.json,
            "changes": .array(kept.map { VectorBuilder.text($0.change.wireBytes) }),
            "state": VectorBuilder.text(state.canonicalJSON),
        ])
    }

    func merges() throws -> JSONValue {
        .object([
            "description": "Verify every change of a scenario as one batch (no clock check; a redaction in the batch that effectively redacts a body-less change vouches for it), against `admittedUnder` when present (the directory under which a node admitted the body-less copies) and otherwise against `directory`; merge them with `directory`, and compare the canonical bytes of the state with `state`. The order of `changes` must not matter. Each copy in `refused`, verified in one batch with `changes` against `directory`, is refused with the code `expected`.",
            "scenarios": .array([try lww(), try orSet(), try deletion(), try contributions(), try coAuthors(), try redaction(),
                                 try keyStatuses(), try unsupported(), try publish()] + (try ruleScenarios()) + (try bodylessScenarios())),
        ])
    }

    func lww() throws -> JSONValue {
        let a = try c("tirana", 1, [.set(field: "title", language: "en", value: "Open data"), .set(field: "title", language: "sq", value: "Të dhëna")])
        let b = try c("tirana", 2, [.set(field: "title", language: "en", value: "Open data portal"), .set(field: "stage", language: nil, value: "pilot")])
        let x = try c("tirana", 3, [.set(field: "stage", language: nil, value: "scaling")])
        let y = try c("tirana", 3, [.set(field: "stage", language: nil, value: "evaluation")])
        let n = try c("tirana", 4, [.set(field: "title", language: "sq", value: .null)])
        return try scenario("last-writer-wins", "Per field and language by (HLC, id); equal stamps are settled by the higher id; null removes a language.", [n, y, x, b, a])
    }

    func orSet() throws -> JSONValue {
        let a = try c("tirana", 1, [.add(field: "tags", value: "open data"), .add(field: "tags", value: "portal")])
        let b = try c("tirana", 2, [.add(field: "tags", value: "open data")])
        let r = try c("tirana", 3, [.remove(field: "tags", adds: [AddTag(change: a.id, index: 0), AddTag(change: a.id, index: 1)])])
        return try scenario("observed-remove", "A remove cancels only the adds it names: the concurrent add of \"open data\" survives.", [a, b, r])
    }

    func deletion() throws -> JSONValue {
        let e = try c("tirana", 1, [.set(field: "budget", language: nil, value: "EUR 10")])
        let d = try c("tirana", 2, [.delete])
        let later = try c("tirana", 3, [.set(field: "budget", language: nil, value: "EUR 12")])
        let undo = try c("tirana", 4, [.undelete])
        let again = try c("tirana", 5, [.delete])
        return try scenario("delete-undelete", "Later edits do not bring a record back; an undelete does; the last of delete/undelete wins.", [e, d, later, undo, again])
    }

    func contributions() throws -> JSONValue {
        let adopt = try c("sofia", 1, [.contribute(entry: "adoption", language: nil, value: ["note": ["en": "Sofia adapted this in 2023."], "year": 2023])])
        let translate = try c("brussels", 1, [.contribute(entry: "translation", language: "nl", value: ["title": "Open data portaal"])])
        let trespass = try c("sofia", 2, [.set(field: "title", language: "bg", value: "Портал"), .contribute(entry: "adoption", language: nil, value: .null)])
        let ownerDelete = try c("brussels", 3, [.delete])
        return try scenario("contributions", "Members write only their own entries; a change holding any operation its author may not write is ineffective as a whole.", [adopt, translate, trespass, ownerDelete])
    }

    func coAuthors() throws -> JSONValue {
        let early = try c("sofia", 1, [.set(field: "summary", language: "bg", value: "Обобщение")])
        let invite = try c("tirana", 2, [.add(field: "coAuthors", value: "sofia"), .add(field: "coAuthors", value: "brussels")])
        let brussels = try c("brussels", 3, [.set(field: "summary", language: "fr", value: "Résumé")])
        let drop = try c("tirana", 4, [.remove(field: "coAuthors", adds: [AddTag(change: invite.id, index: 1)])])
        let grab = try c("sofia", 5, [.add(field: "coAuthors", value: "dublin")])
        return try scenario("co-authors", "Co-authors are judged by the final co-author set: Sofia's edit before her invitation counts, Brussels loses its edit when removed, and co-authors may not change coAuthors.", [early, invite, brussels, drop, grab])
    }

    func redaction() throws -> JSONValue {
        let first = try c("tirana", 1, [.set(field: "contact", language: nil, value: "opendata@tirana.al")])
        let leak = try c("tirana", 2, [.set(field: "contact", language: nil, value: "someone@example.org")])
        let redact = try c("tirana", 3, [.redact(change: leak.id)])
        let adopt = try c("sofia", 1, [.contribute(entry: "adoption", language: nil, value: ["note": ["en": "Adopted."]])])
        let takedown = try c("secretariat", 4, [.redact(change: adopt.id)])
        let overreach = try c("sofia", 5, [.redact(change: first.id)])
        return try scenario("redaction", "The author city or a steward redacts; the redacted change writes nothing and travels without bodies; another city may not redact.",
                            [first, leak, redact, adopt, takedown, overreach], stripped: [leak.id, adopt.id])
    }

    func keyStatuses() throws -> JSONValue {
        let before = try c("tirana-old", 1, [.set(field: "budget", language: nil, value: "before rotation")])
        let after = try c("tirana-old", 3, [.set(field: "title", language: "en", value: "backdated?")])
        let sofia = try c("sofia", 1, [.contribute(entry: "adoption", language: nil, value: ["note": ["en": "Stolen key."]])])
        let current = try c("tirana", 4, [.set(field: "stage", language: nil, value: "scaling")])
        let keys = try directory(["tirana-old": .retired(at: at(2)), "sofia": .compromised])
        return try scenario("key-statuses", "A retired key's changes count up to its retirement; a compromised key's never count.", [before, after, sofia, current], directory: keys)
    }

    func unsupported() throws -> JSONValue {
        let change = try c("tirana", 1, [.raw(["op": "rate", "value": 5]), .set(field: "futureField", language: nil, value: ["x": 1]),
                                          .set(field: "budget", language: nil, value: "EUR 2")])
        return try scenario("unsupported", "Unknown operation types and fields are kept, listed as unsupported, and ignored.", [change])
    }

    func publish() throws -> JSONValue {
        let document = try RecordDocument(json: [
            "id": "tirana/practice/open-data-portal", "kind": "practice", "city": "tirana", "country": "AL",
            "originalLanguage": "sq", "title": ["sq": "Portali i të dhënave të hapura", "en": "Open data portal"],
            "summary": ["sq": "Bashkia publikon të dhëna.", "en": "The municipality publishes data."],
            "stage": "implementation", "themes": ["transparency/open-data"], "tags": ["portal", "open data"],
            "sources": [["title": "Bashkia e Tiranës dhe Koalicioni i Qyteteve për të Drejtat Digjitale", "seed": "000_2e1bd90ac9c359db"]],
            "illustrative": true,
        ])
        let record = RecordID(VectorBuilder.record)!
        let empty = RecordState(record: record)
        let first = try sign("tirana", RecordPublisher.change(for: document, from: empty, coalition: VectorBuilder.coalition, city: "tirana", hlc: at(1))!)
        let state = RecordMerge.state(of: record, changes: [first], directory: try directory())
        var edited = document.json.objectValue ?? [:]
        edited["title"] = ["sq": "Portali i të dhënave të hapura"]
        edited["tags"] = ["portal", "të dhëna"]
        let second = try sign("tirana", RecordPublisher.change(for: try RecordDocument(json: .object(edited)), from: state,
                                                              coalition: VectorBuilder.coalition, city: "tirana", hlc: at(2))!)
        return try scenario("publish", "Two publishes of a record document: the second writes only the differences, with null for the English title and a remove for the dropped tag.", [first, second])
    }
}
