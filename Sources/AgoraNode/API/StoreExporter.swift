public import AgoraStore
import AgoraCore

/// The node's exporter: the writers of `Sources/AgoraNode/Export` over the whole store.
///
/// The export is built in memory (a catalog of 100,000 records is tens of MB); see `docs/EXPORT.md`.
public struct StoreExporter: CatalogExporting {
    /// The DCAT-AP catalog description (base URL, titles, publisher).
    public let dcat: DCATExport

    /// An exporter whose DCAT catalog is described by `dcat`.
    public init(dcat: DCATExport) {
        self.dcat = dcat
    }

    public func export(_ format: ExportFormat, from store: Store) async throws -> [UInt8] {
        switch format {
        case .jsonl:
            var out: [UInt8] = []
            for try await entry in store.allChanges() { out += JSONLinesExport.lineWithNewline(for: entry.change) }
            return out
        case .csv:
            let views = try await Self.records(store)
            return Array((CSVExport.headerRow + views.compactMap(CSVExport.row(for:)).joined()).utf8)
        case .dcat:
            return CanonicalJSON.encode(dcat.catalog(try await Self.records(store)))
        }
    }

    static func records(_ store: Store) async throws -> [RecordView] {
        try await store.allStates().map { try RecordView(stateJSON: $0.state) }
    }
}
