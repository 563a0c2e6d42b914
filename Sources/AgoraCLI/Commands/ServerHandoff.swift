import AgoraCore
import AgoraNode

/// The writes the CLI's write commands make, whoever signs them: the node itself (``LocalNode``)
/// or, while `agora serve` holds the writer lock, the server over its admin socket.
protocol CityWriter: Sendable {
    func publish(_ document: RecordDocument) async throws -> WriteResult
    func edit(_ record: RecordID, _ edits: [FieldEdit]) async throws -> WriteResult
    func delete(_ record: RecordID, undo: Bool) async throws -> WriteResult
    func redact(changeID: String) async throws -> WriteResult
    func adopt(_ record: RecordID, adoption: JSONValue?) async throws -> WriteResult
}

extension LocalNode: CityWriter {}

/// The running server as a ``CityWriter``: each write is one admin call over the socket, so the
/// server's clock, state and push queue see it.
struct ServerWriter: CityWriter {
    let client: AdminClient

    func publish(_ document: RecordDocument) async throws -> WriteResult {
        try await handed { try await client.publish(document: document.json) }
    }
    func edit(_ record: RecordID, _ edits: [FieldEdit]) async throws -> WriteResult {
        try await handed { try await client.edit(record: record, edits: edits) }
    }
    func delete(_ record: RecordID, undo: Bool) async throws -> WriteResult {
        try await handed { try await client.delete(record: record.description, undo: undo) }
    }
    func redact(changeID: String) async throws -> WriteResult {
        try await handed { try await client.redact(change: changeID, reason: nil) }
    }
    func adopt(_ record: RecordID, adoption: JSONValue?) async throws -> WriteResult {
        try await handed { try await client.adopt(record: record.description, entry: adoption ?? .null) }
    }

    /// The server's refusal is the user's error (exit 1); an unreachable server an environment one (exit 3).
    func handed(_ call: () async throws -> PublishResult) async throws -> WriteResult {
        do {
            return try await call().writeResult
        } catch let error as AdminClientError {
            if error.code == .refused { throw CLIError.failure(error.message, cause: error) }
            throw CLIError.environment("the running server did not take the write: \(error.message)", cause: error)
        }
    }
}

extension CommandContext {
    /// Runs a write command's body with the server's admin socket when `agora serve` runs on this
    /// node directory, else with the node opened for writing (taking its writer lock).
    func withWriter<T: Sendable>(_ body: (any CityWriter) async throws -> T) async throws -> T {
        if let client = await AdminClient.running(in: nodeDirectory.root.path) {
            return try await body(ServerWriter(client: client))
        }
        return try await withNode(writable: true) { try await body($0) }
    }
}
