import Testing
@testable import AgoraCore

@Suite struct RecordPublisherTests {
    let tirana = Author("tirana")

    func publish(_ document: RecordDocument, over changes: [VerifiedChange], at ms: UInt64) throws -> (ops: [UnsignedOperation], changes: [VerifiedChange]) {
        let directory = try KeyDirectory([tirana.entry()])
        let state = RecordMerge.state(of: document.id, changes: changes, directory: directory)
        let ops = RecordPublisher.operations(for: document, from: state)
        if ops.isEmpty { return (ops, changes) }
        return (ops, changes + [try Fixtures.change(tirana, ms, ops)])
    }

    func state(_ changes: [VerifiedChange]) throws -> RecordState {
        RecordMerge.state(of: Fixtures.record, changes: changes, directory: try KeyDirectory([tirana.entry()]))
    }

    @Test func aFirstPublishWritesEveryFieldAndTheStateIsTheDocument() throws {
        let document = try Fixtures.document()
        let (ops, changes) = try publish(document, over: [], at: 1)
        #expect(ops.count == 11)
        #expect(try state(changes).document == document)
    }

    @Test func republishingTheSameDocumentWritesNothing() throws {
        let document = try Fixtures.document()
        let (_, changes) = try publish(document, over: [], at: 1)
        #expect(try publish(document, over: changes, at: 2).ops.isEmpty)
    }

    @Test func onlyDifferencesAreWrittenWithNullsForWhatIsGone() throws {
        let (_, first) = try publish(try Fixtures.document(), over: [], at: 1)
        let edited = try Fixtures.document([
            "title": ["sq": "Portali i ri"], "tags": ["portal", "data"], "budget": "EUR 10",
        ])
        let (ops, changes) = try publish(edited, over: first, at: 2)
        let tagAdd = try #require(try state(first).sets["tags"]?["open data"])
        #expect(ops == [
            .set(field: "title", language: "en", value: .null),
            .set(field: "title", language: "sq", value: "Portali i ri"),
            .add(field: "tags", value: "data"),
            .remove(field: "tags", adds: tagAdd),
            .set(field: "budget", language: nil, value: "EUR 10"),
        ])
        let merged = try state(changes)
        #expect(merged.document == edited, "\(merged.documentJSON)")
        let (dropBudget, last) = try publish(try Fixtures.document(["title": ["sq": "Portali i ri"], "tags": ["portal", "data"]]), over: changes, at: 3)
        #expect(dropBudget == [.set(field: "budget", language: nil, value: .null)])
        #expect(try state(last).fields["budget"] == nil)
    }
}
