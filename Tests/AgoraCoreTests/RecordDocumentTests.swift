import Testing
@testable import AgoraCore

@Suite struct RecordDocumentTests {
    func error(_ overrides: [String: JSONValue]) -> RecordValidationError? {
        do { _ = try Fixtures.document(overrides); return nil } catch { return error }
    }

    @Test func aCompleteDocumentParsesIntoTypedValues() throws {
        let document = try Fixtures.document(["illustrative": true, "coAuthors": ["sofia"]])
        #expect(document.id.city == "tirana")
        #expect(document.kind == .practice)
        #expect(document.title["sq"] == "Portali i të dhënave të hapura")
        #expect(document.themes == ["transparency/open-data"])
        #expect(document.sources.first?.seed == "001_216994fb3af8ac8c")
        #expect(document.isIllustrative)
        #expect(document.licence == "CC-BY-4.0")
        #expect(document.coAuthors == ["sofia"])
        #expect(document.languages == ["en", "sq"])
    }

    @Test func errorsNameThePathAndWhatWasExpected() {
        #expect(error(["title": ["sq": ""]])?.message == "title.sq: expected a non-empty string of at most 32768 bytes")
        #expect(error(["summary": .null])?.message == "summary: required field is missing (expected an object from language tag to text)")
        #expect(error(["colour": "red"])?.message == "colour: unknown field (expected a field listed in protocol/RECORDS.md)")
        #expect(error(["colour": "red"])?.code == .unknownField)
        #expect(error(["hypothesis": ["en": "x"]])?.message == "hypothesis: unknown field (expected no `hypothesis` on a practice)")
        #expect(error(["themes": ["transparency/nothing"]])?.path == "themes[0]")
        #expect(error(["themes": []])?.message == "themes: expected at least one element")
        #expect(error(["stage": "done"])?.message == "stage: expected one of idea, pilot, implementation, evaluation, scaling, discontinued")
        #expect(error(["kind": "pilot"])?.message == "kind: expected \"practice\", the kind named in the id")
        #expect(error(["city": "sofia"])?.path == "city")
        #expect(error(["originalLanguage": "ro"])?.message == "title.ro: expected a title in the original language `ro`")
        #expect(error(["sources": [["title": "x", "author": "y"]]])?.message == "sources[0].author: unknown field (expected one of title, url, publisher, date, seed)")
        #expect(error(["links": ["ftp://x.org"]])?.path == "links[0]")
        #expect(error(["startDate": "2023-13"])?.path == "startDate")
        #expect(error(["startDate": "2023-05", "endDate": "2022"])?.path == "endDate")
        #expect(error(["country": "al"])?.path == "country")
        #expect(error(["tags": ["a", "a"]])?.message == "tags[1]: expected no repeated element")
        #expect(error(["illustrative": "yes"])?.message == "illustrative: expected true or false")
    }

    @Test func kindSpecificFieldsBelongToTheirKind() throws {
        let pilot = try RecordDocument(json: Fixtures.documentJSON([
            "id": "tirana/pilot/digital-rights-2022", "kind": "pilot", "hypothesis": ["en": "If we ask, people answer."],
        ]))
        #expect(pilot.text("hypothesis")["en"] == "If we ask, people answer.")
        let toolkit = try RecordDocument(json: Fixtures.documentJSON([
            "id": "tirana/toolkit/guide", "kind": "toolkit", "format": "PDF guide", "version": "1.0", "audience": ["en": "IT teams"],
        ]))
        #expect(toolkit.string("format") == "PDF guide")
    }

    @Test func malformedJSONIsRefusedWithItsCause() {
        #expect(throws: RecordValidationError.self) { try RecordDocument.parse(Array("{\"id\":".utf8)) }
        do { _ = try RecordDocument.parse(Array("[1]".utf8)) } catch { #expect(error.message == "expected a JSON object") }
    }

    @Test func theDocumentRoundTripsThroughJSON() throws {
        let document = try Fixtures.document()
        #expect(try RecordDocument(json: document.json) == document)
    }
}
