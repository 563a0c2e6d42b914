import AgoraCore
import AgoraCrypto
import AgoraStore

/// One change of a record's history as the API shows it: who, when, what, and whether it counts.
///
/// The signature is checked again on every read, against the key the header names, over
/// `"agora-change-v1" 0x00 coalition 0x00 header` (`protocol/PROTOCOL.md`, "Signature").
enum HistoryView {
    static let signaturePrefix = Array("agora-change-v1".utf8)

    static func json(_ entry: HistoryEntry) -> JSONValue {
        let change = entry.change
        let header = (try? CanonicalJSON.decode(change.header)) ?? .object([:])
        let keyHex = header["key"]?.stringValue ?? ""
        return .object([
            "id": .string(change.idHex),
            "hlc": .object(["ms": .number(Double(change.hlcMilliseconds)), "counter": .number(Double(change.hlcCounter))]),
            "authorCity": .string(change.authorCity),
            "key": .string(keyHex),
            "signatureVerified": .bool(isValidSignature(change, header: header, keyHex: keyHex)),
            "effective": .bool(entry.isEffective),
            "status": .string(status(entry)),
            "reason": entry.reason.map(JSONValue.string) ?? .null,
            "erased": .bool(entry.isErased),
            "redacts": .array(change.redacts.map { .string(Hex.encode($0)) }),
            "receivedMs": .number(Double(entry.receivedMilliseconds)),
            "operations": header["ops"] ?? .array([]),
        ])
    }

    /// The merge's verdict as `protocol/PROTOCOL.md` 5.5 names it: `effective`, `ineffective` or
    /// `redacted` (a redacted change is not effective: it writes nothing).
    static func status(_ entry: HistoryEntry) -> String {
        if entry.isRedacted { return "redacted" }
        return entry.isEffective ? "effective" : "ineffective"
    }

    static func isValidSignature(_ change: StoredChange, header: JSONValue, keyHex: String) -> Bool {
        guard let coalition = header["coalition"]?.stringValue, let raw = Hex.decode(keyHex, count: 32),
              let key = try? Ed25519.PublicKey(rawRepresentation: raw) else { return false }
        var message = signaturePrefix
        message.append(0)
        message += Array(coalition.utf8)
        message.append(0)
        message += change.header
        return key.isValidSignature(change.signature, for: message)
    }
}
