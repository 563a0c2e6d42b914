import Foundation
import AgoraCore
import AgoraCrypto
import AgoraHTTP
import AgoraStore
@testable import AgoraNode

/// Strings meant to break a page or a feed: markup, attribute breakers, script URLs, bidi
/// overrides, a very long word, control characters and the snippet marks.
enum Hostile {
    static let script = "<script>alert('x')</script>"
    static let attribute = "\"><img src=x onerror=alert(1)>"
    static let singleQuoted = "' onmouseover='alert(2)"
    static let scriptURL = "javascript:alert(3)"
    static let rtlOverride = "\u{202E}gnp.exe\u{202C}"
    static let longWord = String(repeating: "W", count: 3000)
    static let controls = "a\u{1}b\u{2}c\u{3}d\u{7F}e"
    static let xml = "]]></title><entry>&amp;"

    /// All of them in one text, as every hostile field holds.
    static let text = [script, attribute, singleQuoted, scriptURL, rtlOverride, longWord, controls, xml].joined(separator: " ")
}

/// Stores for web tests: the API fixture's signed changes, with records built field by field.
enum WebFixtures {
    /// A store in its own temporary directory with `records` (id, state) ingested in order.
    static func store(_ records: [(String, JSONValue)], name: String = #function) async throws -> (Store, String) {
        let directory = NSTemporaryDirectory() + "agora-web-\(name.filter(\.isLetter).prefix(40))-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try Store(path: directory + "/agora.sqlite",
                              options: .init(readers: 2, merger: StateIsLastBody(), clock: { 1_700_000_000_000 }))
        let key = try Ed25519.PrivateKey(seed: Array(repeating: 7, count: 32))
        var changes: [StoredChange] = []
        for (index, record) in records.enumerated() {
            let hlc = 1_700_000_000_000 + Int64(index) * 86_400_000
            changes.append(try APICatalog.signed(record, key: key, hlc: hlc))
            // Each city with a contribution writes it in a change of its own, as on a real node.
            for city in (record.1["contributions"]?.objectValue ?? [:]).keys.sorted() {
                changes.append(try signed(record, author: city, key: key, hlc: hlc + 1))
            }
        }
        _ = try await store.ingest(changes)
        return (store, directory)
    }

    /// A change by `author` whose one body is the whole state (the stand-in merge keeps the newest body).
    static func signed(_ record: (String, JSONValue), author: String, key: Ed25519.PrivateKey, hlc: Int64) throws -> StoredChange {
        let body = CanonicalJSON.encode(record.1)
        let header = CanonicalJSON.encode(.object([
            "format": .number(1), "coalition": .string("ccdr"), "record": .string(record.0), "city": .string(author),
            "key": .string(Hex.encode(key.publicKey.rawRepresentation)), "hlc": .array([.number(Double(hlc)), .number(0)]),
            "ops": .array([.object(["op": .string("contribute"), "entry": .string("adoption"), "body": .string(Hex.encode(SHA256.hash(body)))])]),
        ]))
        let message = Array("agora-change-v1".utf8) + [0] + Array("ccdr".utf8) + [0] + header
        return StoredChange(id: SHA256.hash(header), recordID: record.0, hlcMilliseconds: hlc, hlcCounter: 0, authorCity: author,
                            header: header, signature: try key.signature(for: message), bodies: body)
    }

    /// A record state in the shape RecordView reads, with every field the page shows.
    static func record(_ id: String, title: [String: String], summary: [String: String], original: String = "sq",
                       country: String = "AL", stage: String = "implementation", themes: [String] = ["transparency/open-data"],
                       text: String? = nil, contributions: [String: JSONValue] = [:]) -> (String, JSONValue) {
        let parts = id.split(separator: "/").map(String.init)
        var fields: [String: JSONValue] = [
            "id": .string(id), "city": .string(parts[0]), "kind": .string(parts[1]), "country": .string(country),
            "originalLanguage": .string(original), "stage": .string(stage), "startDate": .string("2022-03-01"),
            "themes": .array(themes.map(JSONValue.string)),
            "title": .object(title.mapValues(JSONValue.string)), "summary": .object(summary.mapValues(JSONValue.string)),
        ]
        if let text {
            let map = JSONValue.object(["en": .string(text), "sq": .string(text)])
            for field in RecordPageView.sections { fields[field] = map }
            for field in ["budget", "format", "version", "contact", "licence", "endDate"] { fields[field] = .string(text) }
            fields["tags"] = .array([.string(text)])
            fields["partners"] = .array([.string(text)])
            fields["links"] = .array([.string(Hostile.scriptURL), .string("https://example.org/\"><script>"), .string(text)])
            fields["sources"] = .array([.object(["title": .string(text), "url": .string(Hostile.scriptURL),
                                                 "publisher": .string(text), "date": .string(text)])])
            fields["adaptedFrom"] = .string(text)
            fields["illustrative"] = .bool(true)
        }
        return (id, .object(["id": .string(id), "fields": .object(fields), "contributions": .object(contributions)]))
    }

    /// A record whose every field, language tag aside, holds ``Hostile/text``, with an adoption and
    /// a translation by Sofia that are hostile too.
    static var hostileRecord: (String, JSONValue) {
        let note = JSONValue.object(["en": .string(Hostile.text)])
        let contributions: [String: JSONValue] = [
            "sofia": .object([
                "adoption": .object(["note": note, "year": .number(2023), "url": .string(Hostile.scriptURL),
                                     "adaptedAs": .string(Hostile.text)]),
                "translation/bg": .object(["title": .string(Hostile.text), "summary": .string(Hostile.text)]),
                "translation/\(Hostile.attribute)": .object(["title": .string(Hostile.text)]),
            ]),
        ]
        return record("tirana/practice/hostile", title: ["sq": Hostile.text, "en": Hostile.text],
                      summary: ["sq": "dhena " + Hostile.text, "en": "data " + Hostile.text], country: "AL",
                      text: Hostile.text, contributions: contributions)
    }

    /// Three ordinary records (Tirana twice, Sofia) and the hostile one.
    static var catalog: [(String, JSONValue)] {
        [
            record("tirana/practice/open-data-portal", title: ["sq": "Portali i të dhënave të hapura", "en": "Open data portal"],
                   summary: ["sq": "Të dhënat janë të hapura për publikun.", "en": "Statistics open to the public."]),
            record("tirana/pilot/digital-rights-pilot", title: ["sq": "Pilot për të drejtat digjitale"],
                   summary: ["sq": "Një pilot në 2022."], stage: "evaluation", themes: ["standards/digital-rights-governance"],
                   contributions: ["sofia": .object(["adoption": .object(["note": .object(["bg": .string("Приехме го през 2023.")]),
                                                                          "year": .number(2023)])])]),
            record("sofia/practice/digital-skills", title: ["bg": "Цифрови умения", "en": "Digital skills"],
                   summary: ["bg": "Обучение за цифровите умения.", "en": "Training in digital skills."], original: "bg",
                   country: "BG", stage: "pilot", themes: ["access/digital-literacy"]),
            hostileRecord,
        ]
    }
}

/// A web catalog over a fixture store, through the router with no server.
struct WebHarness {
    let store: Store
    let directory: String
    let router: Router

    static func make(_ records: [(String, JSONValue)] = WebFixtures.catalog, name: String = #function) async throws -> WebHarness {
        let (store, directory) = try await WebFixtures.store(records, name: name)
        let source = CatalogSource(store: store)
        var router = PublicAPI(source: source).router
        WebCatalog(source: source).install(into: &router)
        return WebHarness(store: store, directory: directory, router: router)
    }

    func get(_ target: String, language: String? = nil) async -> HTTPResponse {
        var headers = HTTPHeaders()
        if let language { headers.add("Accept-Language", language) }
        headers.add("Host", "catalog.example")
        return await router.send(.get, target, headers: headers)
    }

    func close() async {
        await store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

extension HTTPResponse {
    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }
}
