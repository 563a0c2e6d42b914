public import AgoraStore

/// What the public API reads: the node's store, and the export writers when the node has them.
public struct CatalogSource: Sendable {
    /// The node's database.
    public let store: Store
    /// Writes the catalog in an export format; nil answers export requests with 503.
    public let exporter: (any CatalogExporting)?
    /// Whether the node is ready to serve (false while it shuts down).
    public let isAcceptingRequests: @Sendable () -> Bool

    /// A source over `store`.
    public init(store: Store, exporter: (any CatalogExporting)? = nil,
                isAcceptingRequests: @escaping @Sendable () -> Bool = { true }) {
        self.store = store
        self.exporter = exporter
        self.isAcceptingRequests = isAcceptingRequests
    }
}

/// How `GET /api/v1/export` serves each format of ``ExportFormat``.
extension ExportFormat {
    /// The media type of the format.
    public var contentType: String {
        switch self {
        case .jsonl: "application/jsonl; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .dcat: "application/ld+json; charset=utf-8"
        }
    }

    /// The file name offered in `Content-Disposition`.
    public var fileName: String {
        switch self {
        case .jsonl: "agora-export.jsonl"
        case .csv: "agora-export.csv"
        case .dcat: "agora-catalog.jsonld"
        }
    }
}

/// Writes the whole catalog in one export format.
public protocol CatalogExporting: Sendable {
    /// The bytes of the export.
    func export(_ format: ExportFormat) async throws -> [UInt8]
}

extension LocalNode: CatalogExporting {
    /// The export as one buffer (``LocalNode/export(_:write:progress:)`` with the node's writers).
    public func export(_ format: ExportFormat) async throws -> [UInt8] {
        var out: [UInt8] = []
        _ = try await export(format, write: { out += $0 })
        return out
    }
}
