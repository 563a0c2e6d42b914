public import AgoraStore

/// What the public API reads: the node's store, and the export writers when the node has them.
public struct CatalogSource: Sendable {
    /// The node's database.
    public let store: Store
    /// Writes the catalog in an export format; nil answers export requests with 503.
    public let exporter: (any CatalogExporting)?
    /// Whether the node is ready to serve (false while it shuts down).
    public let isAcceptingRequests: @Sendable () -> Bool
    /// Bounds on the work of each request.
    public let limits: APILimits
    /// Searches and page data computed from the store, shared by the web pages and the JSON API
    /// (``cached(_:bytes:_:)``).
    let cache = VersionedCache()

    /// A source over `store`.
    public init(store: Store, exporter: (any CatalogExporting)? = nil,
                isAcceptingRequests: @escaping @Sendable () -> Bool = { true }, limits: APILimits = APILimits()) {
        self.store = store
        self.exporter = exporter
        self.isAcceptingRequests = isAcceptingRequests
        self.limits = limits
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

/// Writes the whole catalog in one export format, as a stream.
public protocol CatalogExporting: Sendable {
    /// The export in `format`, produced piece by piece from one read snapshot as it is pulled;
    /// every page read within `limits`.
    func exportStream(_ format: ExportFormat, limits: QueryLimits) -> ExportStream
}

/// Exports a store's changes and records; DCAT describes the catalog with `dcat`.
public struct StoreExporter: CatalogExporting {
    public let store: Store
    public let dcat: DCATExport

    /// An exporter over `store`.
    public init(store: Store, dcat: DCATExport) {
        self.store = store
        self.dcat = dcat
    }

    public func exportStream(_ format: ExportFormat, limits: QueryLimits) -> ExportStream {
        ExportStream(store: store, layout: .of(format, dcat: dcat), limits: limits)
    }
}

extension LocalNode: CatalogExporting {
    /// The export with the node's writers (``LocalNode/dcatWriter``).
    public func exportStream(_ format: ExportFormat, limits: QueryLimits) -> ExportStream {
        StoreExporter(store: store, dcat: dcatWriter).exportStream(format, limits: limits)
    }
}
