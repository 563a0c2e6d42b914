public import AgoraCore
import AgoraHTTP

/// The admin API's writer on a running server: the node's own ``LocalNode`` (its signing key and
/// the store's single writer), so the server's clock and state see every write.
public struct LocalNodeWriter: NodeWriting {
    /// The open, writable node.
    public let node: LocalNode

    /// A writer over `node` (opened writable).
    public init(node: LocalNode) {
        self.node = node
    }

    public func publish(document: JSONValue) async throws -> PublishResult {
        let parsed: RecordDocument
        do { parsed = try RecordDocument(json: document) } catch {
            throw APIError(.unprocessableContent, .rejected, "the record document is not valid: \(error)")
        }
        return try await Self.run { try await node.publish(parsed) }
    }

    public func edit(record: String, fields: [String: JSONValue], language: String?) async throws -> PublishResult {
        let id = try Self.recordID(record)
        var edits: [FieldEdit] = []
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            let text = String(decoding: CanonicalJSON.encode(value), as: UTF8.self)
            edits.append(try await Self.mapped { value.isNull ? try FieldEdit.unset(name, language: language)
                                                           : try FieldEdit.parse("\(name):=\(text)", language: language) })
        }
        return try await Self.run { try await node.edit(id, edits) }
    }

    public func delete(record: String, undo: Bool) async throws -> PublishResult {
        let id = try Self.recordID(record)
        return try await Self.run { try await node.delete(id, undo: undo) }
    }

    public func redact(change: String, reason: String?) async throws -> PublishResult {
        try await Self.run { try await node.redact(changeID: change) }
    }

    public func adopt(record: String, entry: JSONValue) async throws -> PublishResult {
        let id = try Self.recordID(record)
        return try await Self.run { try await node.adopt(id, adoption: entry.isNull ? nil : entry) }
    }

    static func recordID(_ text: String) throws(APIError) -> RecordID {
        guard let id = RecordID(text) else { throw APIError.invalid("record", "a record id city/kind/slug") }
        return id
    }

    /// Runs a node write; its ``NodeError`` becomes the matching API error.
    static func run(_ write: () async throws -> WriteResult) async throws -> PublishResult {
        PublishResult(try await mapped { try await write() })
    }

    static func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as NodeError {
            if error.code == .notFound { throw APIError(.notFound, .notFound, error.message) }
            if error.code.isEnvironmental { throw APIError(.serviceUnavailable, .unavailable, error.message) }
            throw APIError(.unprocessableContent, .rejected, error.message)
        }
    }
}
