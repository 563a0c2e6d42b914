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
    /// Records this city's adoption of a record (`{"note": {…}, "year"?, "sources"?, …}`); `null` removes it.
    func adopt(record: String, entry: JSONValue) async throws -> PublishResult
}

/// What a write produced: the record, the ids of the changes signed and stored, and the merge's
/// verdict on them. The admin API's answer to every write; ``WriteResult`` in another form.
public struct PublishResult: Sendable, Equatable {
    /// The record written to.
    public var record: String
    /// The new changes, 64-hex ids; empty when nothing differed.
    public var changes: [String]
    /// How many operations the changes carry.
    public var operations: Int
    /// Why the merge kept the change without effect (a permission, a key status), if it did.
    public var ineffectiveReason: String?

    /// A result.
    public init(record: String, changes: [String], operations: Int = 0, ineffectiveReason: String? = nil) {
        self.record = record
        self.changes = changes
        self.operations = operations
        self.ineffectiveReason = ineffectiveReason
    }

    /// The result of a local write.
    public init(_ result: WriteResult) {
        self.init(record: result.record, changes: result.changeID.map { [$0] } ?? [], operations: result.operations,
                  ineffectiveReason: result.ineffectiveReason)
    }

    /// The same result as the CLI prints a local write.
    public var writeResult: WriteResult {
        WriteResult(record: record, changeID: changes.last, operations: operations, ineffectiveReason: ineffectiveReason)
    }

    /// Whether the write changed nothing.
    public var isUnchanged: Bool { changes.isEmpty }

    /// The JSON form: `{"record","changes","operations","ineffectiveReason"}`.
    public var json: JSONValue {
        .object(["record": .string(record), "changes": .array(changes.map(JSONValue.string)),
                 "operations": .number(Double(operations)), "ineffectiveReason": ineffectiveReason.map(JSONValue.string) ?? .null])
    }

    /// Reads the JSON form.
    public init?(json: JSONValue) {
        guard let record = json["record"]?.stringValue, let changes = json["changes"]?.arrayValue else { return nil }
        let ids = changes.compactMap(\.stringValue)
        guard ids.count == changes.count else { return nil }
        self.init(record: record, changes: ids, operations: Int(json["operations"]?.numberValue ?? 0),
                  ineffectiveReason: json["ineffectiveReason"]?.stringValue)
    }
}

/// The writer of a node that cannot sign: every admin call answers 503 `unavailable`.
public struct UnavailableWriter: NodeWriting {
    /// Why writes are unavailable, for the error message.
    public let reason: String

    /// A writer that refuses every write with `reason`.
    public init(reason: String) { self.reason = reason }

    func refuse() throws -> PublishResult { throw APIError(.serviceUnavailable, .unavailable, reason) }
    public func publish(document: JSONValue) async throws -> PublishResult { try refuse() }
    public func edit(record: String, fields: [String: JSONValue], language: String?) async throws -> PublishResult { try refuse() }
    public func delete(record: String, undo: Bool) async throws -> PublishResult { try refuse() }
    public func redact(change: String, reason: String?) async throws -> PublishResult { try refuse() }
    public func adopt(record: String, entry: JSONValue) async throws -> PublishResult { try refuse() }
}
