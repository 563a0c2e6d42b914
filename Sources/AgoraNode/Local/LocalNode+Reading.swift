import AgoraCore
import AgoraStore

/// One change of a record as `agora show --history` presents it: who, when, and whether it counts.
public struct ChangeProvenance: Sendable, Equatable {
    /// The change id (hex).
    public let id: String
    /// The author city.
    public let city: String
    /// The author key (hex).
    public let key: String
    /// The HLC stamp.
    public let hlc: HLCTimestamp
    /// When this node received it (Unix ms).
    public let receivedMilliseconds: Int64
    /// Whether the merge let it take effect.
    public let isEffective: Bool
    /// Why not, when it is ineffective.
    public let reason: String?
    /// Whether its bodies were erased by a redaction.
    public let isErased: Bool
    /// nil when the signature, hashes and key check out now; otherwise the verifier's reason.
    public let verificationProblem: String?
    /// A short description of each operation: `set title[en]`, `add themes`, `delete` …
    public let operations: [String]
}

extension LocalNode {
    /// The record's state as canonical JSON, or nil when the node has no change of it.
    public func stateJSON(_ record: String) async throws -> String? {
        try await store.record(record)
    }

    /// Every change of a record, oldest stamp first, each re-verified against the key directory.
    public func provenance(_ record: String) async throws -> [ChangeProvenance] {
        let verifier = self.verifier
        return try await store.history(record).map { entry in
            let signed = try? entry.change.signedChange()
            var problem: String? = "stored bytes are not a valid change"
            if let signed, let id = ChangeID(hex: entry.change.idHex) {
                switch verifier.verify(signed, wallMilliseconds: nil, redacted: entry.isErased ? [id] : []) {
                case .success: problem = nil
                case .failure(let rejection): problem = rejection.description
                }
            }
            return ChangeProvenance(
                id: entry.change.idHex, city: entry.change.authorCity, key: signed?.header.keyHex ?? "",
                hlc: HLCTimestamp(milliseconds: UInt64(max(0, entry.change.hlcMilliseconds)), counter: UInt32(clamping: entry.change.hlcCounter)),
                receivedMilliseconds: entry.receivedMilliseconds, isEffective: entry.isEffective, reason: entry.reason,
                isErased: entry.isErased, verificationProblem: problem,
                operations: signed?.header.operations.map(Self.describe) ?? [])
        }
    }

    /// `set title[en]`, `add themes`, `contribute adoption`, `redact 3f2a…`.
    static func describe(_ operation: Operation) -> String {
        switch operation {
        case .set(let field, let language, _): return "set \(field)" + (language.map { "[\($0)]" } ?? "")
        case .add(let field, _): return "add \(field)"
        case .remove(let field, _): return "remove \(field)"
        case .delete: return "delete"
        case .undelete: return "undelete"
        case .contribute(let entry, let language, _): return "contribute \(entry)" + (language.map { "[\($0)]" } ?? "")
        case .redact(let change): return "redact \(change.hex.prefix(12))…"
        case .unsupported(let type, _): return "\(type) (unsupported)"
        }
    }

    /// Searches the catalog (see `protocol/STORAGE.md`, "Queries").
    public func search(_ query: SearchQuery) async throws -> SearchResults {
        try await store.search(query)
    }
}
