public import AgoraCore

/// The small JSON and text forms the sync routes share between client and server
/// (`protocol/SYNC.md`, "HTTP"): session names, keys, and the fetch request.
public enum SyncWire {
    /// The header naming a reconciliation session.
    public static let sessionHeader = "Agora-Sync-Session"

    /// Whether `name` is a session name: 32 lowercase hex digits (16 random bytes).
    public static func isSessionName(_ name: String) -> Bool {
        name.utf8.count == 32 && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// A key as text: decimal milliseconds, a colon, the tail as 16 lowercase hex digits.
    public static func text(_ key: SyncKey) -> String {
        let hex = String(key.tail, radix: 16)
        return "\(key.milliseconds):" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The key written as ``text(_:)``; nil for any other text.
    public static func key(_ text: String) -> SyncKey? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].utf8.count == 16, !parts[0].isEmpty, parts[0].utf8.count <= 20,
              parts[0].utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let ms = UInt64(parts[0]), let tail = UInt64(parts[1], radix: 16), String(ms) == parts[0] else { return nil }
        return SyncKey(milliseconds: ms, tail: tail)
    }

    /// The body of a fetch: `{"ids":[hex, ...],"ranges":[[lower, upper], ...]}`.
    public static func fetchBody(ids: [SyncID], ranges: [(lower: SyncKey, upper: SyncKey)]) -> [UInt8] {
        CanonicalJSON.encode(.object([
            "ids": .array(ids.map { .string($0.description) }),
            "ranges": .array(ranges.map { .array([.string(text($0.lower)), .string(text($0.upper))]) })]))
    }

    /// A fetch body read back, or the reason it is refused (code, message).
    public static func parseFetch(_ body: [UInt8]) -> Result<(ids: [SyncID], ranges: [(lower: SyncKey, upper: SyncKey)]), SyncWireError> {
        guard let json = try? CanonicalJSON.decode(body), let object = json.objectValue,
              Set(object.keys).isSubset(of: ["ids", "ranges"]) else {
            return .failure(SyncWireError("bad-fetch", "the body is not a JSON object with only ids and ranges"))
        }
        let idValues = object["ids"]?.arrayValue ?? [], rangeValues = object["ranges"]?.arrayValue ?? []
        guard idValues.count <= FederationSyncLimits.maximumFetchIDs, rangeValues.count <= FederationSyncLimits.maximumFetchRanges else {
            return .failure(SyncWireError("too-many", "at most \(FederationSyncLimits.maximumFetchIDs) ids and \(FederationSyncLimits.maximumFetchRanges) ranges per fetch"))
        }
        var ids: [SyncID] = []
        for value in idValues {
            guard let hex = value.stringValue, hex.utf8.count == 64, let bytes = Hex.decode(hex, count: 32), let id = SyncID(bytes: bytes) else {
                return .failure(SyncWireError("bad-id", "an id is not 64 hex digits"))
            }
            ids.append(id)
        }
        var ranges: [(lower: SyncKey, upper: SyncKey)] = []
        for value in rangeValues {
            guard let pair = value.arrayValue, pair.count == 2, let lower = pair[0].stringValue.flatMap(key),
                  let upper = pair[1].stringValue.flatMap(key), lower < upper else {
                return .failure(SyncWireError("bad-range", "a range is not [lower, upper] keys (MS:TAIL16HEX) with lower below upper"))
            }
            ranges.append((lower, upper))
        }
        return .success((ids, ranges))
    }
}

/// A sync request refused before any work, with its stable code.
public struct SyncWireError: Error, Sendable, CustomStringConvertible {
    /// The stable code, e.g. `bad-range`.
    public let code: String
    /// What is wrong.
    public let message: String
    init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }
    public var description: String { "\(code): \(message)" }
}
