import Foundation
import Testing
import AgoraTesting
@testable import AgoraCore

/// The rules on characters, identity fields, `adaptedAs` and owner self-references
/// (`protocol/RECORDS.md` "Characters", `PROTOCOL.md` 3.2 and 5.3), at every layer that
/// applies them: documents, signing, verification, and the merge of changes stored before them.
@Suite struct TextRuleTests {
    let tirana = Author("tirana"), sofia = Author("sofia")
    let now: UInt64 = 1_700_000_000_000
    static let hostile = "\u{1B}[2K\r\u{1B}[31mFAKE: signature verified\u{1B}[0m"

    func verifier() throws -> ChangeVerifier {
        ChangeVerifier(crypto: FakeCryptography(), coalition: Fixtures.coalition, directory: try directory())
    }

    func directory() throws -> KeyDirectory { try KeyDirectory([tirana.entry(), sofia.entry()]) }

    /// A change signed as given, skipping the signer's checks: what an older node stored.
    func unchecked(_ author: Author, _ ops: [JSONValue]) -> [UInt8] {
        (try? UncheckedChange.wire(ops, city: author.city, key: author.key, record: Fixtures.record,
                                   hlc: HLCTimestamp(milliseconds: now), crypto: FakeCryptography())) ?? []
    }

    /// The change as a node reads it back from its own log (no verification).
    func stored(_ bytes: [UInt8]) throws -> VerifiedChange {
        VerifiedChange(trusting: try SignedChange.parse(bytes), crypto: FakeCryptography())
    }

    func rejection(_ bytes: [UInt8]) throws -> ChangeRejection? {
        if case .failure(let r) = try verifier().verify(bytes, wallMilliseconds: now) { return r }
        return nil
    }

    @Test func aDocumentRefusesControlCharactersAndNamesTheScalar() throws {
        let error = #expect(throws: RecordValidationError.self) {
            try Fixtures.document(["title": ["sq": .string(TextRuleTests.hostile)]])
        }
        #expect(error?.path == "title.sq")
        #expect(error?.message.contains("U+001B") == true)
        #expect(throws: RecordValidationError.self) { try Fixtures.document(["title": ["sq": "\u{1B}]0;pwned\u{07}Portal"]]) }
        #expect(throws: RecordValidationError.self) { try Fixtures.document(["budget": "EUR 5\u{0}"]) }
        #expect(throws: RecordValidationError.self) { try Fixtures.document(["tags": ["open\u{9B}data"]]) }
        #expect(throws: RecordValidationError.self) { try Fixtures.document(["summary": ["sq": "One\nparagraph"]]) }
        #expect(throws: RecordValidationError.self) { try Fixtures.document(["description": ["sq": "One\r\ntwo"]]) }
        _ = try Fixtures.document(["description": ["sq": "Line one\n\tline two"]])
    }

    @Test func aTitleOrSummaryNeedsAVisibleCharacter() throws {
        for invisible in ["\u{200B}\u{200D}", "\u{FEFF}\u{2060}", "\u{202E}\u{2066} ", "\u{0301}\u{20DD}", "\u{2800}", "\u{3164}\u{115F}", "\u{E0041}"] {
            let error = #expect(throws: RecordValidationError.self) { try Fixtures.document(["summary": ["sq": .string(invisible)]]) }
            #expect(error?.path == "summary.sq")
        }
        _ = try Fixtures.document(["title": ["sq": "Free \u{202E}fdp.exe"]])
        _ = try Fixtures.document(["title": ["sq": "\u{200B}x"]])
    }

    @Test func theInvisibleRangesAreSortedAndDisjoint() {
        let ranges = TextCharacters.invisibleRanges
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound < b.lowerBound) }
        #expect(TextCharacters.isInvisible(0x202E) && TextCharacters.isInvisible(0xE0FFF) && TextCharacters.isInvisible(0x20))
        #expect(!TextCharacters.isInvisible(0x41) && !TextCharacters.isInvisible(0x0378) && !TextCharacters.isInvisible(0xE1000))
    }

    @Test func theByteScanFindsTheSameScalarsAsAScalarScan() {
        var random = SplitMix64(seed: 16)
        let alphabet: [Unicode.Scalar] = ["a", "ë", "\u{0}", "\t", "\n", "\r", "\u{1B}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "\u{C2}", "\u{202E}", "\u{1F4CA}", "ф"]
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(random.next() % 8) { text.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
            for multiline in [false, true] {
                let expected = text.first { TextCharacters.isControl($0.value) && !(multiline && ($0 == "\t" || $0 == "\n")) }
                #expect(TextCharacters.firstForbidden(in: String(text), multiline: multiline) == expected)
            }
        }
    }

    @Test func recordsMDListsExactlyTheInvisibleRanges() throws {
        let text = try String(contentsOf: ExternalVectors.projectRoot.appendingPathComponent("protocol/RECORDS.md"), encoding: .utf8)
        let start = try #require(text.range(of: "That is exactly the ranges"))
        let end = try #require(text.range(of: "Every other scalar is visible", range: start.upperBound..<text.endIndex))
        let listed = text[start.upperBound..<end.lowerBound]
            .split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" || $0 == "." })
            .compactMap { token -> ClosedRange<UInt32>? in
                let bounds = token.replacingOccurrences(of: "U+", with: "").split(separator: "–").compactMap { UInt32($0, radix: 16) }
                guard let low = bounds.first, let high = bounds.last else { return nil }
                return low...high
            }
        #expect(listed == TextCharacters.invisibleRanges)
    }

    @Test func theOwnerIsNotItsOwnCoAuthorInADocument() {
        let error = #expect(throws: RecordValidationError.self) { try Fixtures.document(["coAuthors": ["sofia", "tirana"]]) }
        #expect(error?.path == "coAuthors")
    }

    @Test func operationsOnIdKindOrCityAreRefused() throws {
        for field in ["id", "kind", "city"] {
            let bytes = unchecked(tirana, [["op": "set", "field": .string(field), "value": "x"]])
            let refused = try rejection(bytes)
            #expect(refused?.code == .schemaViolation)
            #expect(refused?.path == "header.ops[0].field")
            #expect(throws: ChangeRejection.self) {
                try Fixtures.change(tirana, now, [.set(field: field, language: nil, value: "x")])
            }
        }
        #expect(try rejection(unchecked(tirana, [["op": "add", "field": "city", "value": "x"]]))?.code == .schemaViolation)
    }

    @Test func aChangeStoredBeforeTheIdentityRuleStillReadsAndWritesNothing() throws {
        let old = try stored(unchecked(tirana, [["op": "set", "field": "id", "value": "x"], ["op": "set", "field": "budget", "value": "EUR 1"]]))
        let state = RecordMerge.state(of: Fixtures.record, changes: [old], directory: try directory())
        #expect(state.changes.first?.unsupported == [0])
        #expect(state.fields["budget"] == "EUR 1")
        #expect(state.fields["id"] == nil)
    }

    @Test func aChangeStoredBeforeTheCharacterRuleIsIneffective() throws {
        let old = try stored(unchecked(tirana, [["op": "set", "field": "title", "lang": "en", "value": .string(TextRuleTests.hostile)]]))
        let state = RecordMerge.state(of: Fixtures.record, changes: [old], directory: try directory())
        guard case .ineffective(let reason) = state.changes.first?.outcome else { Issue.record("not ineffective"); return }
        #expect(reason.code == "invalid-body")
        #expect(state.fields.isEmpty)
    }

    @Test func adaptedAsNamesARecordOfTheAdoptingCity() throws {
        let other = unchecked(sofia, [["op": "contribute", "entry": "adoption", "value": ["note": ["en": "x"], "adaptedAs": "tirana/practice/y"]]])
        #expect(try rejection(other)?.code == .schemaViolation)
        let itself = unchecked(tirana, [["op": "contribute", "entry": "adoption", "value": ["note": ["en": "x"], "adaptedAs": .string(Fixtures.record.description)]]])
        #expect(try rejection(itself)?.message.contains("not the adopted record itself") == true)
        let own = unchecked(sofia, [["op": "contribute", "entry": "adoption", "value": ["note": ["en": "x"], "adaptedAs": "sofia/practice/y"]]])
        #expect(try rejection(own) == nil)
    }

    @Test func theOwnerAdoptingItsRecordOrListingItselfIsNotPermitted() throws {
        let adopt = try Fixtures.change(tirana, now, [.contribute(entry: "adoption", language: nil, value: ["note": ["sq": "Vetë."]])])
        let listSelf = try Fixtures.change(tirana, now + 1, [.add(field: "coAuthors", value: "tirana")])
        let keep = try Fixtures.change(tirana, now + 2, [.add(field: "coAuthors", value: "sofia")])
        let state = RecordMerge.state(of: Fixtures.record, changes: [adopt, listSelf, keep], directory: try directory())
        let codes = state.changes.map { status -> String in
            if case .ineffective(let reason) = status.outcome { return reason.code }
            return "effective"
        }
        #expect(codes == ["not-permitted", "not-permitted", "effective"])
        #expect(state.contributions.isEmpty)
        #expect(state.coAuthors == ["sofia"])
    }
}
