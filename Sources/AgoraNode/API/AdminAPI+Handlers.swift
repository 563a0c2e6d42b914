import AgoraCore
import AgoraHTTP

/// The admin handlers: parse and check the body, call the writer, answer with the result.
extension AdminAPI {
    @Sendable func publish(_ request: HTTPRequest) async throws -> HTTPResponse {
        try PublicAPI.noParameters(request)
        let document = try Self.body(request)
        guard document.objectValue != nil else { throw Self.invalidBody("a record document (a JSON object)") }
        return try await Self.perform { try await writer.publish(document: document) }
    }

    @Sendable func edit(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = try PublicAPI.recordID(request)
        try PublicAPI.noParameters(request)
        let body = try Self.body(request)
        guard let fields = body["fields"]?.objectValue, !fields.isEmpty else {
            throw Self.invalidBody("{\"fields\": {name: value, …}, \"language\"?: tag} with at least one field")
        }
        let language = body["language"]?.stringValue
        guard body["language"] == nil || language.map(ParameterSyntax.isLanguageTag) == true else {
            throw Self.invalidBody("an edit whose 'language' is a BCP-47 tag")
        }
        return try await Self.perform { try await writer.edit(record: id, fields: fields, language: language) }
    }

    @Sendable func delete(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = try PublicAPI.recordID(request)
        try PublicAPI.noParameters(request, except: ["undo"])
        let undo = request.query("undo")
        guard undo == nil || undo == "true" || undo == "false" else { throw APIError.invalid("undo", "true or false") }
        return try await Self.perform { try await writer.delete(record: id, undo: undo == "true") }
    }

    @Sendable func adopt(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = try PublicAPI.recordID(request)
        try PublicAPI.noParameters(request)
        let entry = try Self.body(request)
        guard entry.isNull || entry["note"]?.objectValue != nil else {
            throw Self.invalidBody("an adoption {\"note\": {language: text}, \"year\"?, \"sources\"?}, or null to remove it")
        }
        return try await Self.perform { try await writer.adopt(record: id, entry: entry) }
    }

    @Sendable func redact(_ request: HTTPRequest) async throws -> HTTPResponse {
        try PublicAPI.noParameters(request)
        let body = try Self.body(request)
        guard let change = body["change"]?.stringValue, ParameterSyntax.isChangeID(change) else {
            throw Self.invalidBody("{\"change\": \"<64 lowercase hex>\", \"reason\"?: \"…\"}")
        }
        let reason = body["reason"]?.stringValue
        guard body["reason"] == nil || reason != nil else { throw invalidBodyReason() }
        return try await Self.perform { try await writer.redact(change: change, reason: reason) }
    }

    /// The request body as JSON, within ``maximumBodyBytes``.
    static func body(_ request: HTTPRequest) throws(APIError) -> JSONValue {
        guard request.body.count <= maximumBodyBytes else {
            throw APIError(.contentTooLarge, .tooLarge, "the body is \(request.body.count) bytes; at most \(maximumBodyBytes)")
        }
        do {
            return try CanonicalJSON.decode(request.body)
        } catch {
            throw APIError(.badRequest, .invalidBody, "the body is not valid JSON: \(error)")
        }
    }

    func invalidBodyReason() -> APIError { Self.invalidBody("a redaction whose 'reason' is a string") }

    static func invalidBody(_ expected: String) -> APIError {
        APIError(.badRequest, .invalidBody, "the body must be \(expected)")
    }

    /// Runs a write; its result is 200 JSON, a refusal 422.
    static func perform(_ write: () async throws -> PublishResult) async throws(APIError) -> HTTPResponse {
        do {
            return JSONResponse.make(try await write().json)
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(.unprocessableContent, .rejected, "\(error)")
        }
    }
}
