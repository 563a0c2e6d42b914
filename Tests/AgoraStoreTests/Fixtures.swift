import Foundation
import AgoraCore
@testable import AgoraStore

/// Test fixtures: a throwaway directory, a stand-in merge and changes to feed it.
enum Fixtures {
    /// A new empty directory under the system temporary directory.
    static func directory(_ name: String = #function) -> String {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let path = NSTemporaryDirectory() + "agora-store-\(safe)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Opens a store at `<directory>/agora.db` with the stand-in merge.
    static func store(in directory: String, access: Store.Options.Access = .readWrite,
                      verifier: (any ChangeVerifying)? = nil) throws -> Store {
        try Store(path: directory + "/agora.db",
                  options: .init(access: access, readers: 2, merger: LastWriterWins(), verifier: verifier, clock: { 1_700_000_000_000 }))
    }

    /// A 32-byte id derived from `text` (FNV-1a, four seeds): stands in for SHA-256 here.
    static func id(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for seed in UInt64(0)..<4 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ (seed &* 0x9E37_79B9_7F4A_7C15)
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            withUnsafeBytes(of: hash.bigEndian) { out.append(contentsOf: $0) }
        }
        return out
    }

    /// A change that sets `fields` on `record` (a JSON object of field -> value; null removes).
    static func change(_ record: String, _ fields: [String: Any], hlc: Int64, counter: Int64 = 0,
                       author: String? = nil, redacts: [[UInt8]] = []) -> StoredChange {
        let author = author ?? String(record.prefix { $0 != "/" })
        let bodies = encode(fields)
        let redactsHex = redacts.map { Hex.encode($0) }.joined(separator: ",")
        let header = "{\"record\":\"\(record)\",\"author\":\"\(author)\",\"hlc\":[\(hlc),\(counter)],\"body\":\(bodies.count)"
            + ",\"redacts\":\"\(redactsHex)\",\"bodyHash\":\"\(Hex.encode(id(String(decoding: bodies, as: UTF8.self))))\"}"
        return StoredChange(id: id(header), recordID: record, hlcMilliseconds: hlc, hlcCounter: counter, authorCity: author,
                            header: Array(header.utf8), signature: Array(repeating: 7, count: 64), bodies: bodies,
                            redacts: redacts)
    }

    /// A full record, as the first change of a record.
    static func record(_ id: String, title: [String: String], summary: [String: String] = ["en": "A summary."],
                       description: [String: String] = [:], themes: [String] = ["transparency/open-data"],
                       stage: String = "implementation", startDate: String = "2022", hlc: Int64 = 1_000) -> StoredChange {
        let parts = id.split(separator: "/").map(String.init)
        var fields: [String: Any] = [
            "id": id, "city": parts[0], "kind": parts[1], "country": "AL", "stage": stage, "startDate": startDate,
            "title": title, "summary": summary, "themes": themes, "originalLanguage": title.keys.sorted().first ?? "en",
        ]
        if !description.isEmpty { fields["description"] = description }
        return change(id, fields, hlc: hlc)
    }

    static func encode(_ object: Any) -> [UInt8] {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Array(data)
    }
}

/// A stand-in merge: last writer wins per field by (HLC, id); redacted changes write nothing;
/// a change by a city other than the record's owner is ineffective.
struct LastWriterWins: RecordMerging {
    func merge(recordID: String, changes: [StoredChange]) throws -> MergedRecord {
        let owner = String(recordID.prefix { $0 != "/" })
        let redacted = Set(changes.flatMap(\.redacts))
        var fields: [String: Any] = ["id": recordID]
        var ineffective: [[UInt8]: String] = [:]
        let ordered = changes.sorted { ($0.hlcMilliseconds, $0.hlcCounter, Hex.encode($0.id)) < ($1.hlcMilliseconds, $1.hlcCounter, Hex.encode($1.id)) }
        for change in ordered {
            if change.authorCity != owner && change.redacts.isEmpty {
                ineffective[change.id] = "\(change.authorCity) may not write \(owner)'s record"
                continue
            }
            if redacted.contains(change.id) || !change.redacts.isEmpty { continue }
            guard let bodies = change.bodies,
                  let object = try JSONSerialization.jsonObject(with: Data(bodies)) as? [String: Any] else { continue }
            for (key, value) in object {
                if value is NSNull { fields[key] = nil } else { fields[key] = value }
            }
        }
        let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])
        let erased = redacted.intersection(changes.map(\.id))
        return MergedRecord(canonicalState: String(decoding: data, as: UTF8.self), state: Self.value(fields),
                            ineffective: ineffective, erased: erased)
    }

    static func value(_ any: Any) -> JSONValue {
        switch any {
        case let s as String: return .string(s)
        case let b as Bool: return .bool(b)
        case let n as NSNumber: return .number(n.doubleValue)
        case let a as [Any]: return .array(a.map(value))
        case let o as [String: Any]: return .object(o.mapValues(value))
        default: return .null
        }
    }
}
