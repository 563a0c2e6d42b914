import Foundation
import AgoraCore
import AgoraCrypto
import AgoraHTTP
import AgoraStore
@testable import AgoraNode

/// A seeded catalog for API tests: a store in its own temporary directory, and changes signed
/// with a real Ed25519 key in the header format of `protocol/PROTOCOL.md`.
struct APICatalog {
    let directory: String
    let store: Store
    let key: Ed25519.PrivateKey
    let changes: [StoredChange]

    /// Three records: two of Tirana (Albanian original, English translation), one of Sofia.
    static func make(_ name: String = #function) async throws -> APICatalog {
        let directory = NSTemporaryDirectory() + "agora-api-\(name.filter(\.isLetter))-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try Store(path: directory + "/agora.sqlite",
                              options: .init(readers: 2, merger: StateIsLastBody(), clock: { 1_700_000_000_000 }))
        let key = try Ed25519.PrivateKey(seed: Array(repeating: 7, count: 32))
        let changes = try [
            signed(record("tirana/practice/open-data-portal", country: "AL", original: "sq", stage: "implementation",
                          title: ["sq": "Portali i të dhënave të hapura", "en": "Open data portal"],
                          summary: ["sq": "Të dhënat janë të hapura për publikun.", "en": "Statistics open to the public."]),
                   key: key, hlc: 1_000),
            signed(record("tirana/pilot/digital-rights-pilot", country: "AL", original: "sq", stage: "evaluation",
                          title: ["sq": "Pilot për të drejtat digjitale"], summary: ["sq": "Një pilot në 2022."]),
                   key: key, hlc: 2_000),
            signed(record("sofia/practice/digital-skills", country: "BG", original: "bg", stage: "pilot",
                          title: ["bg": "Цифрови умения", "en": "Digital skills"], summary: ["bg": "Обучение за цифровите умения."]),
                   key: key, hlc: 3_000),
        ]
        _ = try await store.ingest(changes)
        return APICatalog(directory: directory, store: store, key: key, changes: changes)
    }

    /// The router with the public API over this catalog.
    func router(exporter: (any CatalogExporting)? = nil, accepting: Bool = true) -> Router {
        PublicAPI(source: CatalogSource(store: store, exporter: exporter, isAcceptingRequests: { accepting })).router
    }

    func close() async {
        await store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func record(_ id: String, country: String, original: String, stage: String,
                       title: [String: String], summary: [String: String]) -> (String, JSONValue) {
        let parts = id.split(separator: "/").map(String.init)
        let fields: [String: JSONValue] = [
            "id": .string(id), "city": .string(parts[0]), "kind": .string(parts[1]), "country": .string(country),
            "originalLanguage": .string(original), "stage": .string(stage), "startDate": .string("2022-03-01"),
            "themes": .array([.string("transparency/open-data")]),
            "title": .object(title.mapValues(JSONValue.string)), "summary": .object(summary.mapValues(JSONValue.string)),
        ]
        return (id, .object(["id": .string(id), "fields": .object(fields)]))
    }

    /// A change whose one body is the whole state, signed as the protocol says.
    static func signed(_ record: (String, JSONValue), key: Ed25519.PrivateKey, hlc: Int64) throws -> StoredChange {
        let (id, state) = record
        let city = String(id.prefix { $0 != "/" })
        let body = CanonicalJSON.encode(state)
        let bodyHash = Hex.encode(SHA256.hash(body))
        let header = CanonicalJSON.encode(.object([
            "format": .number(1), "coalition": .string("ccdr"), "record": .string(id), "city": .string(city),
            "key": .string(Hex.encode(key.publicKey.rawRepresentation)),
            "hlc": .array([.number(Double(hlc)), .number(0)]),
            "ops": .array([.object(["op": .string("set"), "field": .string("*"), "body": .string(bodyHash)])]),
        ]))
        let message = Array("agora-change-v1".utf8) + [0] + Array("ccdr".utf8) + [0] + header
        return StoredChange(id: SHA256.hash(header), recordID: id, hlcMilliseconds: hlc, hlcCounter: 0, authorCity: city,
                            header: header, signature: try key.signature(for: message), bodies: body)
    }
}

/// A stand-in merge: the state is the body of the newest change.
struct StateIsLastBody: RecordMerging {
    func merge(recordID: String, changes: [StoredChange]) throws -> MergedRecord {
        let bodies = changes.last { $0.bodies != nil }?.bodies ?? Array("{}".utf8)
        let state = try CanonicalJSON.decode(bodies)
        return MergedRecord(canonicalState: String(decoding: CanonicalJSON.encode(state), as: UTF8.self), state: state)
    }
}

extension Router {
    /// The response to a request built from its parts, as a client on `remote` would send it.
    func send(_ method: HTTPMethod = .get, _ target: String, headers: HTTPHeaders = HTTPHeaders(),
              body: [UInt8] = [], remote: String = "203.0.113.9:4000") async -> HTTPResponse {
        await respond(to: HTTPRequest(method: method, target: target, headers: headers, body: body, remoteAddress: remote))
    }
}

extension HTTPResponse {
    /// The body parsed as JSON (null when it is not JSON).
    var json: JSONValue { (try? CanonicalJSON.decode(body)) ?? .null }
    /// The error code of a JSON error body.
    var errorCode: String? { json["error"]?["code"]?.stringValue }
}
