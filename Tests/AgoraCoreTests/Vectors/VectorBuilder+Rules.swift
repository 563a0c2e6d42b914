import AgoraCore
import AgoraTesting

/// Vectors for the rules issue 12 (items 3, 4, 5, 7) and issue 16 (items 4, 7) wrote down:
/// text characters, fields no operation writes, `adaptedAs`, owner self-references, the order
/// of add tags, and what the readers of the protocol happened to agree on.
extension VectorBuilder {
    /// Signs operations exactly as given, without the signer's checks, so that a verifier has
    /// something to refuse. Each `value` member becomes a body filed under its SHA-256.
    func signUnchecked(_ author: String, _ ops: [JSONValue]) throws -> String {
        let bytes = try UncheckedChange.wire(ops, city: city(author), key: try key(author), record: RecordID(VectorBuilder.record)!,
                                             hlc: HLCTimestamp(milliseconds: VectorBuilder.now), crypto: crypto,
                                             coalition: VectorBuilder.coalition)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func setOp(_ field: String, _ lang: String?, _ value: JSONValue) -> JSONValue {
        var o: [String: JSONValue] = ["op": "set", "field": .string(field), "value": value]
        if let lang { o["lang"] = .string(lang) }
        return .object(o)
    }

    static func contributeOp(_ entry: String, _ lang: String?, _ value: JSONValue) -> JSONValue {
        var o: [String: JSONValue] = ["op": "contribute", "entry": .string(entry), "value": value]
        if let lang { o["lang"] = .string(lang) }
        return .object(o)
    }

    /// Rejection cases for the rules on characters, identity fields, `adaptedAs` and limits.
    func ruleRejections() throws -> [(String, String, String)] {
        let title = { (text: String) in try self.signUnchecked("tirana", [VectorBuilder.setOp("title", "en", .string(text))]) }
        let adoption = { (author: String, body: JSONValue) in
            try self.signUnchecked(author, [VectorBuilder.contributeOp("adoption", nil, body)])
        }
        return [
            ("set-id", try signUnchecked("tirana", [VectorBuilder.setOp("id", nil, "tirana/practice/other")]), "schema-violation"),
            ("set-kind", try signUnchecked("tirana", [VectorBuilder.setOp("kind", nil, "pilot")]), "schema-violation"),
            ("set-city", try signUnchecked("tirana", [VectorBuilder.setOp("city", nil, "sofia")]), "schema-violation"),
            ("title-terminal-escape", try title("\u{1B}[2K\r\u{1B}[31mFAKE: signature verified\u{1B}[0m"), "schema-violation"),
            ("title-window-title", try title("\u{1B}]0;pwned\u{07}Open data"), "schema-violation"),
            ("title-tab", try title("Open\tdata"), "schema-violation"),
            ("title-line-feed", try title("Open\ndata"), "schema-violation"),
            ("title-c1-csi", try title("Open \u{9B}31m data"), "schema-violation"),
            ("title-zero-width-only", try title("\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}"), "schema-violation"),
            ("title-spaces-and-bidi-only", try title("\u{00A0}\u{3000}\u{202E}\u{2066}"), "schema-violation"),
            ("title-combining-marks-only", try title("\u{0301}\u{0336}\u{20DD}"), "schema-violation"),
            ("title-braille-blank-and-hangul-filler", try title("\u{2800}\u{3164}"), "schema-violation"),
            ("title-bidi-override-kept", try title("Free \u{202E}fdp.exe"), "none"),
            ("title-unassigned-is-visible", try title("\u{0378}"), "none"),
            ("description-lines-and-tabs", try signUnchecked("tirana", [VectorBuilder.setOp("description", "en", "First line\n\tSecond line")]), "none"),
            ("description-carriage-return", try signUnchecked("tirana", [VectorBuilder.setOp("description", "en", "First\r\nSecond")]), "schema-violation"),
            ("description-nul", try signUnchecked("tirana", [VectorBuilder.setOp("description", "en", "a\u{0}b")]), "schema-violation"),
            ("summary-line-feed", try signUnchecked("tirana", [VectorBuilder.setOp("summary", "en", "One\nparagraph")]), "schema-violation"),
            ("budget-escape", try signUnchecked("tirana", [VectorBuilder.setOp("budget", nil, "EUR 5\u{1B}[8m")]), "schema-violation"),
            ("tag-del", try signUnchecked("tirana", [["op": "add", "field": "tags", "value": "open\u{7F}data"]]), "schema-violation"),
            ("source-title-bell", try signUnchecked("tirana", [VectorBuilder.setOp("sources", nil, [["title": "Report\u{07}"]])]), "schema-violation"),
            ("link-c1", try signUnchecked("tirana", [["op": "add", "field": "links", "value": "https://example.org/\u{85}x"]]), "schema-violation"),
            ("translation-title-zero-width", try signUnchecked("brussels", [VectorBuilder.contributeOp("translation", "nl", ["title": "\u{200B}"])]), "schema-violation"),
            ("adoption-note-escape", try adoption("brussels", ["note": ["nl": "Brussel\u{1B}[31m"]]), "schema-violation"),
            ("adoption-note-lines", try adoption("brussels", ["note": ["nl": "Eerste regel\nTweede regel"]]), "none"),
            ("adapted-as-another-city", try adoption("brussels", ["note": ["en": "x"], "adaptedAs": "tirana/practice/y"]), "schema-violation"),
            ("adapted-as-the-adopted-record", try adoption("tirana", ["note": ["en": "x"], "adaptedAs": .string(VectorBuilder.record)]), "schema-violation"),
            ("adapted-as-own-record", try adoption("brussels", ["note": ["en": "x"], "adaptedAs": "brussels/practice/open-data"]), "none"),
            ("adoption-note-plain-string", try adoption("brussels", ["note": "Adopted."]), "schema-violation"),
            ("adoption-note-empty", try adoption("brussels", ["note": [:]]), "schema-violation"),
            ("translation-empty", try signUnchecked("brussels", [VectorBuilder.contributeOp("translation", "nl", [:])]), "schema-violation"),
            ("translation-language-map", try signUnchecked("brussels", [VectorBuilder.contributeOp("translation", "nl", ["title": ["nl": "Open data"]])]), "schema-violation"),
            ("sources-empty", try signUnchecked("tirana", [VectorBuilder.setOp("sources", nil, [])]), "schema-violation"),
            ("string-32768-bytes", try signUnchecked("tirana", [VectorBuilder.setOp("budget", nil, .string(String(repeating: "ë", count: 16_384)))]), "none"),
            ("string-32769-bytes", try signUnchecked("tirana", [VectorBuilder.setOp("budget", nil, .string("x" + String(repeating: "ë", count: 16_384)))]), "schema-violation"),
            ("512-operations", try signUnchecked("tirana", Array(repeating: ["op": "delete"], count: 512)), "none"),
            ("513-operations", try signUnchecked("tirana", Array(repeating: ["op": "delete"], count: 513)), "oversized"),
        ]
    }

    /// Merge scenarios for the rules written down by issues 12 and 16.
    func ruleScenarios() throws -> [JSONValue] {
        [try addTagOrder(), try ownerSelfReferences(), try operationsSkipDocumentRules(), try statusesKeepUnsupported(),
         try emptyContributions(), try publishOrder()]
    }

    /// A publish over a state: text languages set and nulled in one sequence sorted by UTF-8
    /// bytes, adds before removes, one remove per dropped element.
    func publishOrder() throws -> JSONValue {
        let record = RecordID(VectorBuilder.record)!
        let before = try c("tirana", 1, [.set(field: "title", language: "en", value: "Open data"), .set(field: "title", language: "sq", value: "Të dhëna"),
                                        .add(field: "tags", value: "b"), .add(field: "tags", value: "b"), .add(field: "tags", value: "d")])
        let state = RecordMerge.state(of: record, changes: [before], directory: try directory())
        let document = try RecordDocument(json: [
            "id": .string(VectorBuilder.record), "kind": "practice", "city": "tirana", "country": "AL", "originalLanguage": "sq",
            "title": ["bg": "Отворени данни", "sq": "Të dhëna të hapura"], "summary": ["sq": "Përmbledhje."], "stage": "idea",
            "themes": ["transparency/open-data"], "tags": ["a", "c"], "sources": [["title": "Burimi"]],
        ])
        let publish = try sign("tirana", RecordPublisher.change(for: document, from: state, coalition: VectorBuilder.coalition,
                                                                city: "tirana", hlc: at(2))!)
        return try scenario("publish-order", "The second change is a publish over the first: country, originalLanguage, then title bg (set), en (null), sq (set) in one sequence sorted by UTF-8 bytes, summary, stage, themes, then tags: adds of a and c before one remove for b (naming both its tags, :3 after :2) and one for d, then sources.",
                            [before, publish])
    }

    /// Twelve operations in one change, three adding the same tag: its add tags sort by index as a number.
    func addTagOrder() throws -> JSONValue {
        var ops: [UnsignedOperation] = (0..<12).map { .add(field: "tags", value: .string("tag \($0)")) }
        for index in [2, 10, 11] { ops[index] = .add(field: "tags", value: "open data") }
        let change = try c("tirana", 1, ops)
        return try scenario("add-tag-order", "The add tags of one element are sorted by change id, then by index as a number: `<id>:2` comes before `<id>:10` and `<id>:11`.", [change])
    }

    func ownerSelfReferences() throws -> JSONValue {
        let ownAdoption = try c("tirana", 1, [.contribute(entry: "adoption", language: nil, value: ["note": ["sq": "E miratuam vetë."]])])
        let selfCoAuthor = try c("tirana", 2, [.add(field: "coAuthors", value: "sofia"), .add(field: "coAuthors", value: "tirana")])
        let coAuthor = try c("tirana", 3, [.add(field: "coAuthors", value: "brussels")])
        let adoption = try c("sofia", 4, [.contribute(entry: "adoption", language: nil, value: ["note": ["bg": "София го прие."], "adaptedAs": "sofia/practice/open-data"])])
        return try scenario("owner-self-references", "The owner may not adopt its own record, nor list itself in coAuthors: such a change is not permitted as a whole. Another city's adoption naming its own record as adaptedAs counts.",
                            [ownAdoption, selfCoAuthor, coAuthor, adoption])
    }

    func operationsSkipDocumentRules() throws -> JSONValue {
        let change = try c("tirana", 1, [.set(field: "startDate", language: nil, value: "2024"), .set(field: "endDate", language: nil, value: "2020"),
                                        .set(field: "adaptedFrom", language: nil, value: .string(VectorBuilder.record)),
                                        .set(field: "originalLanguage", language: nil, value: "sq")])
        return try scenario("operations-skip-document-rules", "The cross-field rules of a record document (dates in order, adaptedFrom not the record itself, a title in the original language) do not apply to operations.", [change])
    }

    func statusesKeepUnsupported() throws -> JSONValue {
        let compromised = try c("sofia", 1, [.contribute(entry: "adoption", language: nil, value: ["note": ["bg": "Бележка"]]), .raw(["op": "rate", "value": 4])])
        let takedown = try c("secretariat", 2, [.redact(change: compromised.id)])
        let trespass = try c("brussels", 3, [.raw(["op": "rate", "value": 1]), .set(field: "budget", language: nil, value: "EUR 1")])
        let keys = try directory(["sofia": .compromised])
        return try scenario("statuses-keep-unsupported", "A steward's redaction makes a change of a compromised key redacted (not key-compromised); unsupported operations are listed whatever the status.",
                            [compromised, takedown, trespass], directory: keys, stripped: [compromised.id])
    }

    func emptyContributions() throws -> JSONValue {
        let adopt = try c("sofia", 1, [.contribute(entry: "adoption", language: nil, value: ["note": ["bg": "Прието."]])])
        let remove = try c("sofia", 2, [.contribute(entry: "adoption", language: nil, value: .null)])
        let translate = try c("brussels", 1, [.contribute(entry: "translation", language: "nl", value: ["title": "Open data portaal"])])
        return try scenario("empty-contributions", "A null removes an entry; a city with no entries left is absent from contributions.", [adopt, remove, translate])
    }
}
