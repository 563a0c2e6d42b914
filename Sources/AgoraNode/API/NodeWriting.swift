public import AgoraCore

/// The writes of the node's own city, as the admin API hands them on.
///
/// `LocalNode` implements it: it signs the changes with the city's key and stores them through the
/// node's single writer. Errors it throws reach the client as 422 `rejected` with their description,
/// unless they are an ``APIError``, which is sent as is.
public protocol NodeWriting: Sendable {
    /// Publishes a record document: writes only what differs from the current state.
    func publish(document: JSONValue) async throws -> PublishResult
    /// Sets fields of a record: a string into `language` (else the original language) for a text
    /// field, a language map replaces the field, `null` removes it (with `language`: that language).
    func edit(record: String, fields: [String: JSONValue], language: String?) async throws -> PublishResult
    /// Marks a record deleted, or with `undo` clears the flag.
    func delete(record: String, undo: Bool) async throws -> PublishResult
    /// Redacts an earlier change (right to erasure); `change` is its 64-hex id.
    func redact(change: String, reason: String?) async throws -> PublishResult
    /// Records this city's adoption of another city's record (`{"note": {…}, "year"?, "sources"?, …}`).
    func adopt(record: String, entry: JSONValue) async throws -> PublishResult
}

/// What a write produced: the record and the ids of the changes it signed and stored.
public struct PublishResult: Sendable, Equatable {
    /// The record written to.
    public var record: String
    /// The new changes, 64-hex ids; empty when nothing differed.
    public var changes: [String]

    /// A result.
    public init(record: String, changes: [String]) {
        self.record = record
        self.changes = changes
    }

    /// Whether the write changed nothing.
    public var isUnchanged: Bool { changes.isEmpty }

    /// The JSON form: `{"record":"…","changes":["…"]}`.
    public var json: JSONValue {
        .object(["record": .string(record), "changes": .array(changes.map(JSONValue.string))])
    }

    /// Reads the JSON form.
    public init?(json: JSONValue) {
        guard let record = json["record"]?.stringValue, let changes = json["changes"]?.arrayValue else { return nil }
        let ids = changes.compactMap(\.stringValue)
        guard ids.count == changes.count else { return nil }
        self.init(record: record, changes: ids)
    }
}

/// The writer of a node that cannot sign: every admin call answers 503 `unavailable`.
public struct UnavailableWriter: NodeWriting {
    /// Why writes are unavailable, for the error message.
    public let reason: String

    public init(reason: String) { self.reason = reason }

    func refuse() throws -> PublishResult { throw APIError(.serviceUnavailable, .unavailable, reason) }
    public func publish(document: JSONValue) async throws -> PublishResult { try refuse() }
    public func edit(record: String, fields: [String: JSONValue], language: String?) async throws -> PublishResult { try refuse() }
    public func delete(record: String, undo: Bool) async throws -> PublishResult { try refuse() }
    public func redact(change: String, reason: String?) async throws -> PublishResult { try refuse() }
    public func adopt(record: String, entry: JSONValue) async throws -> PublishResult { try refuse() }
}
