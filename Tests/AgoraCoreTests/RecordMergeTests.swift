import Testing
@testable import AgoraCore

@Suite struct RecordMergeTests {
    let tirana = Author("tirana")
    let sofia = Author("sofia")
    let brussels = Author("brussels")
    let steward = Author("secretariat")

    func c(_ author: Author, _ ms: UInt64, _ ops: [UnsignedOperation]) throws -> VerifiedChange {
        try Fixtures.change(author, ms, ops)
    }

    func merge(_ changes: [VerifiedChange], _ entries: [KeyDirectory.Entry]? = nil) throws -> RecordState {
        let directory = try KeyDirectory(entries ?? [tirana.entry(), sofia.entry(), brussels.entry(), steward.entry(steward: true)])
        return RecordMerge.state(of: Fixtures.record, changes: changes, directory: directory)
    }

    func reason(_ state: RecordState, _ change: VerifiedChange) -> String? {
        if case .ineffective(let r)? = state.status(of: change.id)?.outcome { return r.code }
        return nil
    }

    @Test func lastWriterWinsPerFieldAndLanguage() throws {
        let a = try c(tirana, 1, [.set(field: "title", language: "en", value: "A"), .set(field: "stage", language: nil, value: "idea")])
        let b = try c(tirana, 2, [.set(field: "title", language: "en", value: "B")])
        let s = try c(tirana, 1, [.set(field: "title", language: "sq", value: "S")])
        let state = try merge([b, s, a])
        #expect(state.fields["title"] == ["en": "B", "sq": "S"])
        #expect(state.fields["stage"] == "idea")
        let x = try Fixtures.change(tirana, 3, [.set(field: "summary", language: "en", value: "X")])
        let y = try Fixtures.change(tirana, 3, [.set(field: "summary", language: "en", value: "Y")])
        let winner = x.id > y.id ? "X" : "Y"
        #expect(try merge([x, y]).fields["summary"]?["en"]?.stringValue == winner)
        #expect(try merge([y, x]).fields["summary"]?["en"]?.stringValue == winner)
    }

    @Test func nullRemovesALanguageAndThenTheField() throws {
        let a = try c(tirana, 1, [.set(field: "title", language: "en", value: "A"), .set(field: "title", language: "sq", value: "S"),
                                   .set(field: "budget", language: nil, value: "EUR 1")])
        let b = try c(tirana, 2, [.set(field: "title", language: "en", value: .null), .set(field: "budget", language: nil, value: .null)])
        #expect(try merge([a, b]).fields == ["title": ["sq": "S"]])
        let d = try c(tirana, 3, [.set(field: "title", language: "sq", value: .null)])
        #expect(try merge([a, b, d]).fields.isEmpty)
    }

    @Test func aRemoveCancelsOnlyTheAddsItNames() throws {
        let add1 = try c(tirana, 1, [.add(field: "tags", value: "x"), .add(field: "tags", value: "y")])
        let add2 = try c(tirana, 2, [.add(field: "tags", value: "x")])
        let remove = try c(tirana, 3, [.remove(field: "tags", adds: [AddTag(change: add1.id, index: 0)])])
        let state = try merge([add1, add2, remove])
        #expect(state.elements("tags") == ["x", "y"])
        #expect(state.sets["tags"]?["x"] == [AddTag(change: add2.id, index: 0)])
        let removeAll = try c(tirana, 4, [.remove(field: "tags", adds: [AddTag(change: add2.id, index: 0)])])
        #expect(try merge([add1, add2, remove, removeAll]).elements("tags") == ["y"])
    }

    @Test func laterEditsDoNotUndeleteOnlyAnUndeleteDoes() throws {
        let edit = try c(tirana, 1, [.set(field: "title", language: "en", value: "A")])
        let delete = try c(tirana, 2, [.delete])
        let later = try c(tirana, 3, [.set(field: "title", language: "en", value: "B")])
        #expect(try merge([edit, delete, later]).isDeleted)
        let undelete = try c(tirana, 4, [.undelete])
        #expect(try !merge([edit, delete, later, undelete]).isDeleted)
        let again = try c(tirana, 5, [.delete])
        #expect(try merge([again, undelete, delete]).isDeleted)
    }

    @Test func membersWriteOnlyTheirOwnContributionEntries() throws {
        let adoption: JSONValue = ["note": ["bg": "София го адаптира през 2023 г."], "date": "2023"]
        let adopt = try c(sofia, 1, [.contribute(entry: "adoption", language: nil, value: adoption)])
        let translate = try c(brussels, 1, [.contribute(entry: "translation", language: "nl", value: ["title": "Open data portaal"])])
        let trespass = try c(sofia, 2, [.set(field: "title", language: "bg", value: "Портал")])
        let state = try merge([adopt, translate, trespass])
        #expect(state.contributions["sofia"]?["adoption"] == adoption)
        #expect(state.contributions["brussels"]?["translation/nl"] == ["title": "Open data portaal"])
        #expect(reason(state, trespass) == "not-permitted")
        #expect(state.fields["title"] == nil)
        let withdraw = try c(sofia, 3, [.contribute(entry: "adoption", language: nil, value: .null)])
        #expect(try merge([adopt, withdraw]).contributions["sofia"] == nil)
    }

    @Test func coAuthorsAreJudgedByTheFinalCoAuthorSet() throws {
        let early = try c(sofia, 1, [.set(field: "summary", language: "bg", value: "Обобщение")])
        let invite = try c(tirana, 2, [.add(field: "coAuthors", value: "sofia"), .add(field: "coAuthors", value: "brussels")])
        let brusselsEdit = try c(brussels, 3, [.set(field: "summary", language: "fr", value: "Résumé")])
        let dropBrussels = try c(tirana, 4, [.remove(field: "coAuthors", adds: [AddTag(change: invite.id, index: 1)])])
        let grab = try c(sofia, 5, [.add(field: "coAuthors", value: "dublin")])
        let sofiaDelete = try c(sofia, 6, [.delete])
        let state = try merge([early, invite, brusselsEdit, dropBrussels, grab, sofiaDelete])
        #expect(state.coAuthors == ["sofia"])
        #expect(state.fields["summary"] == ["bg": "Обобщение"])
        #expect(reason(state, brusselsEdit) == "not-permitted")
        #expect(reason(state, grab) == "not-permitted")
        #expect(reason(state, sofiaDelete) == "not-permitted")
        #expect(!state.isDeleted)
    }

    @Test func aRedactedChangeWritesNothing() throws {
        let first = try c(tirana, 1, [.set(field: "contact", language: nil, value: "opendata@tirana.al")])
        let leak = try c(tirana, 2, [.set(field: "contact", language: nil, value: "someone@example.org")])
        let redact = try c(tirana, 3, [.redact(change: leak.id)])
        let state = try merge([first, leak.withoutBodies, redact])
        #expect(state.fields["contact"] == "opendata@tirana.al")
        #expect(state.status(of: leak.id)?.outcome == .redacted(by: [redact.id]))
        let foreign = try c(sofia, 4, [.redact(change: first.id)])
        #expect(reason(try merge([first, foreign]), foreign) == "not-permitted")
        let takedown = try c(steward, 4, [.redact(change: first.id)])
        #expect(try merge([first, takedown]).fields["contact"] == nil)
    }

    /// PROTOCOL.md 5.6: such a copy waits aside for its bodies; it is not part of the set.
    @Test func aBodylessChangeWithoutRedactionIsNotPartOfTheSet() throws {
        let change = try c(tirana, 1, [.set(field: "budget", language: nil, value: "EUR 5")])
        let state = try merge([change.withoutBodies])
        #expect(state.changes.isEmpty && state.fields.isEmpty)
        #expect(try merge([change.withoutBodies, change]).fields["budget"] == "EUR 5")
    }

    @Test func keyStatusesDecideWhichChangesCount() throws {
        let old = Author("tirana", keyName: "tirana-old")
        let before = try c(old, 5, [.set(field: "budget", language: nil, value: "before")])
        let after = try c(old, 6, [.set(field: "licence", language: nil, value: "CC0-1.0"), .set(field: "title", language: "en", value: "after")])
        let retired = [old.entry(.retired(at: HLCTimestamp(milliseconds: 5))), tirana.entry()]
        let state = try merge([before, after], retired)
        #expect(state.fields["budget"] == "before")
        #expect(reason(state, after) == "key-retired")
        let compromised = try merge([before, after], [old.entry(.compromised)])
        #expect(compromised.fields.isEmpty)
        #expect(reason(compromised, before) == "key-compromised")
        #expect(reason(try merge([before], [tirana.entry()]), before) == "unknown-key")
        let stolen = KeyDirectory.Entry(key: old.key.publicKeyBytes, city: "sofia")
        #expect(reason(try merge([before], [stolen]), before) == "key-city-mismatch")
    }

    @Test func unsupportedOperationsAreListedAndIgnored() throws {
        let change = try c(tirana, 1, [.raw(["op": "rate", "value": 5]), .set(field: "futureField", language: nil, value: 1),
                                        .set(field: "budget", language: nil, value: "EUR 2")])
        let state = try merge([change])
        #expect(state.status(of: change.id)?.unsupported == [0, 1])
        #expect(state.status(of: change.id)?.isEffective == true)
        #expect(state.fields == ["budget": "EUR 2"])
    }

    @Test func theStateHasOneCanonicalForm() throws {
        let a = try c(tirana, 1, [.set(field: "title", language: "en", value: "A"), .add(field: "themes", value: "transparency/open-data")])
        let b = try c(sofia, 2, [.set(field: "title", language: "bg", value: "B")])
        let state = try merge([a, b, a])
        let text = String(decoding: state.canonicalJSON, as: UTF8.self)
        #expect(text.hasPrefix("{\"changes\":[{\"city\":\"tirana\""))
        #expect(text.contains("\"reason\":{\"code\":\"not-permitted\""))
        #expect(state.changes.count == 2)
        #expect(try merge([b, a]).canonicalJSON == state.canonicalJSON)
        #expect(state.updated == HLCTimestamp(milliseconds: 1))
    }
}
