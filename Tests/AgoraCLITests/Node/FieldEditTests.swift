import AgoraCore
import Testing
@testable import AgoraNode

@Suite struct FieldEditTests {
    @Test func parsesEachKindOfField() throws {
        #expect(try FieldEdit.parse("stage=scaling", language: nil) == FieldEdit(field: "stage", language: nil, value: .string("scaling")))
        #expect(try FieldEdit.parse("title=Portal", language: "en") == FieldEdit(field: "title", language: "en", value: .string("Portal")))
        #expect(try FieldEdit.parse("tags= a, b ,,c", language: nil).value == .array([.string("a"), .string("b"), .string("c")]))
        #expect(try FieldEdit.parse("illustrative=true", language: nil).value == .bool(true))
        #expect(try FieldEdit.parse(#"sources:=[{"title":"T"}]"#, language: nil).value == .array([.object(["title": .string("T")])]))
        #expect(try FieldEdit.parse("budget=a=b", language: nil).value == .string("a=b"))
    }

    @Test func refusesWhatCannotBeEdited() {
        for bad in ["stage", "colour=blue", "id=x", "illustrative=yes", "sources=x", "tags:={"] {
            #expect(throws: NodeError.self, "\(bad)") { try FieldEdit.parse(bad, language: nil) }
        }
        #expect(throws: NodeError.self) { try FieldEdit.unset("kind", language: nil) }
        #expect((try? FieldEdit.unset("sources", language: nil))?.value == nil)
    }

    @Test func appliesTextEditsPerLanguage() {
        var document: [String: JSONValue] = ["title": .object(["sq": .string("A"), "en": .string("B")])]
        FieldEdit(field: "title", language: nil, value: .string("C")).apply(to: &document, originalLanguage: "sq")
        #expect(document["title"] == .object(["sq": .string("C"), "en": .string("B")]))
        FieldEdit(field: "title", language: "en", value: nil).apply(to: &document, originalLanguage: "sq")
        #expect(document["title"] == .object(["sq": .string("C")]))
        FieldEdit(field: "title", language: nil, value: nil).apply(to: &document, originalLanguage: "sq")
        #expect(document["title"] == nil)
        FieldEdit(field: "title", language: nil, value: .object(["ro": .string("D")])).apply(to: &document, originalLanguage: "sq")
        #expect(document["title"] == .object(["ro": .string("D")]))
    }
}
