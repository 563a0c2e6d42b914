import AgoraCore
import AgoraHTTP
import AgoraStore

/// `GET /api/v1/records/{city}/{kind}/{slug}`, its history, and `GET /api/v1/export`.
extension PublicAPI {
    /// The record id of a request's path, checked.
    static func recordID(_ request: HTTPRequest) throws(APIError) -> String {
        let city = request.parameter("city") ?? "", kind = request.parameter("kind") ?? ""
        let slug = request.parameter("slug") ?? ""
        guard ParameterSyntax.isCityID(city) else { throw APIError.invalid("city", "a city id such as 'tirana'") }
        guard ParameterSyntax.isKind(kind) else {
            throw APIError.invalid("kind", "one of \(SearchParameters.kinds.joined(separator: ", "))")
        }
        guard ParameterSyntax.isSlug(slug) else {
            throw APIError.invalid("slug", "1 to 80 lowercase letters, digits and '-', starting with a letter or digit")
        }
        return "\(city)/\(kind)/\(slug)"
    }

    /// The views of a record: `document` (the default) and `state`.
    static let recordViews = ["document", "state"]

    /// The record as a record document of `protocol/RECORDS.md` with the other cities'
    /// contributions beside it, or with `?view=state` the merge's state (`protocol/PROTOCOL.md`,
    /// "State": sets keyed by `changeid:index`, the verdict of every change).
    @Sendable func record(_ request: HTTPRequest) async throws(APIError) -> HTTPResponse {
        let id = try Self.recordID(request)
        try Self.noParameters(request, except: ["view"])
        let viewName = request.query("view") ?? "document"
        guard Self.recordViews.contains(viewName) else {
            throw APIError.invalid("view", "one of \(Self.recordViews.joined(separator: ", "))")
        }
        guard let state = try await reading({ try await source.store.record(id, limits: queryLimits) }) else {
            throw APIError.notFound("no record \(id) on this node")
        }
        let parsed = (try? CanonicalJSON.decode(Array(state.utf8))) ?? .object([:])
        let view = RecordView(state: parsed)
        var body: [String: JSONValue] = ["id": .string(id), "deleted": .bool(view.isDeleted)]
        if viewName == "state" {
            body["state"] = parsed
        } else {
            body["document"] = .object(view.document)
            body["contributions"] = .object(view.contributions)
        }
        return JSONResponse.make(.object(body))
    }

    @Sendable func history(_ request: HTTPRequest) async throws(APIError) -> HTTPResponse {
        let id = try Self.recordID(request)
        try Self.noParameters(request)
        let entries = try await reading { try await source.store.history(id, limits: queryLimits) }
        guard !entries.isEmpty else { throw APIError.notFound("no record \(id) on this node") }
        return JSONResponse.make(.object(["id": .string(id), "changes": .array(entries.map(HistoryView.json))]))
    }

    /// The export, streamed from one read snapshot: HEAD reads nothing, and a GET holds one of
    /// the API's export slots (``APILimits``) until its stream ends or is abandoned.
    @Sendable func export(_ request: HTTPRequest) async throws(APIError) -> HTTPResponse {
        try Self.noParameters(request, except: ["format"])
        let name = request.query("format") ?? ExportFormat.jsonl.rawValue
        guard let format = ExportFormat(rawValue: name) else {
            throw APIError.invalid("format", "one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let exporter = source.exporter else {
            throw APIError(.serviceUnavailable, .unavailable, "this node has no \(format.rawValue) exporter")
        }
        var response = HTTPResponse(status: .ok, headers: [
            "Content-Type": format.contentType,
            "Content-Disposition": "attachment; filename=\"\(format.fileName)\"",
        ])
        guard request.method != .head else {
            response.stream = HTTPBodyStream { nil }
            return response
        }
        let slot = try exports.admit(request.clientAddress.limitKey)
        let stream = exporter.exportStream(format, limits: queryLimits)
        response.stream = HTTPBodyStream({ try await stream.next() }, finish: { _ in
            slot.release()
            Task { await stream.close() }
        })
        return response
    }
}
