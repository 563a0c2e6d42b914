import AgoraCore
import AgoraHTTP
import AgoraStore

/// `GET /records/{city}/{kind}/{slug}` and its DCAT-AP form.
extension WebCatalog {
    /// The record id of the path, or a 404 for one that cannot be an id.
    static func recordID(_ request: HTTPRequest) throws -> String {
        let city = request.parameter("city") ?? "", kind = request.parameter("kind") ?? "", slug = request.parameter("slug") ?? ""
        guard ParameterSyntax.isCityID(city), ParameterSyntax.isKind(kind), ParameterSyntax.isSlug(slug) else { throw WebNotFound() }
        return "\(city)/\(kind)/\(slug)"
    }

    @Sendable func recordPage(_ request: HTTPRequest, _ page: WebPage) async throws -> HTTPResponse {
        let id = try Self.recordID(request)
        guard let state = try await source.store.record(id) else { throw WebNotFound() }
        let view = (try? RecordView(stateJSON: state)) ?? RecordView(state: .object([:]))
        let history = try await source.store.history(id)
        let related = try await relatedRecords(view)
        let record = RecordPageView(page: page, id: id, view: view, history: history, related: related)
        return WebPage.response(page.document(title: record.title) { record.render(&$0) })
    }

    /// Records named by `adaptedFrom` and `supersedes` that this node has, then up to five
    /// others with the record's first theme (the first found: no sort over a big catalog).
    func relatedRecords(_ view: RecordView) async throws -> [SearchHit] {
        var hits: [SearchHit] = []
        for field in ["adaptedFrom", "supersedes"] {
            guard let other = view.string(field), let state = try await source.store.record(other) else { continue }
            hits.append(SearchHit(id: other, state: state))
        }
        if let theme = view.strings("themes").first {
            let sameTheme = try await source.store.records(withTheme: theme, excluding: view.id, limit: 5 + hits.count)
            hits += sameTheme.filter { other in !hits.contains { $0.id == other.id } }.prefix(5).map { SearchHit(id: $0.id, state: $0.state) }
        }
        return hits
    }

    /// `GET /records/{city}/{kind}/{slug}/dcat`: the record as one DCAT-AP dataset in JSON-LD.
    @Sendable func recordDCAT(_ request: HTTPRequest, _ page: WebPage) async throws -> HTTPResponse {
        let id = try Self.recordID(request)
        guard let state = try await source.store.record(id) else { throw WebNotFound() }
        let view = try RecordView(stateJSON: state)
        let city = view.string("city") ?? ""
        let export = DCATExport(baseURL: Self.baseURL(request), title: [:], description: [:], publisher: (city, city))
        guard let dataset = export.dataset(view) else { throw WebNotFound() }
        let body = JSONValue.object(["@context": export.context, "@graph": .array([dataset])])
        return WebSecurity.secured(HTTPResponse(status: .ok, headers: ["Content-Type": "application/ld+json; charset=utf-8"],
                                                body: CanonicalJSON.encode(body)))
    }

    /// `https://` and the request's `Host` when it is a plain host name or address, else the loopback.
    static func baseURL(_ request: HTTPRequest) -> String {
        let host = request.headers["Host"] ?? ""
        let allowed = host.utf8.allSatisfy { WebURL.isUnreserved($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "[")
            || $0 == UInt8(ascii: "]") }
        return "https://" + (allowed && !host.isEmpty && host.utf8.count <= 255 ? host : "127.0.0.1")
    }
}
