import AgoraCore
import AgoraStore

/// The export formats of `agora export` (writers in `Sources/AgoraNode/Export/`, see `docs/EXPORT.md`).
public enum ExportFormat: String, Sendable, CaseIterable {
    /// JSON Lines of signed changes in wire form: a full, importable copy of the change log.
    case jsonl
    /// CSV of records, safe against formula injection.
    case csv
    /// A DCAT-AP 3 JSON-LD catalog of records.
    case dcat
}

extension LocalNode {
    /// The public base URL used in DCAT exports when `node.json` has no `publicURL`.
    public static let defaultPublicURL = "https://localhost:8443"

    /// Writes the export in `format` through `write`, calling `progress` with (done, total).
    ///
    /// - Returns: how many changes (jsonl) or records (csv, dcat) were written.
    public func export(_ format: ExportFormat, write: ([UInt8]) throws -> Void,
                       progress: (Int, Int) -> Void = { _, _ in }) async throws -> Int {
        switch format {
        case .jsonl:
            let total = try await store.counts().changes
            var done = 0
            for try await entry in store.allChanges() {
                try write(JSONLinesExport.lineWithNewline(for: entry.change))
                done += 1
                if done % 100 == 0 || done == total { progress(done, total) }
            }
            return done
        case .csv:
            let views = try await recordViews()
            try write(Array(CSVExport.headerRow.utf8))
            for (index, view) in views.enumerated() {
                if let row = CSVExport.row(for: view) { try write(Array(row.utf8)) }
                progress(index + 1, views.count)
            }
            return views.filter(\.isListed).count
        case .dcat:
            let views = try await recordViews()
            try write(Array((JSONWriter.pretty(dcatWriter.catalog(views)) + "\n").utf8))
            progress(views.count, views.count)
            return views.filter(\.isListed).count
        }
    }

    /// Every record's state, as the exporters read it.
    func recordViews() async throws -> [RecordView] {
        try await store.allStates().map { try RecordView(stateJSON: $0.state) }
    }

    /// The node's public base URL: `publicURL` in node.json, else ``defaultPublicURL``.
    public var publicURL: String { config.other["publicURL"]?.stringValue ?? Self.defaultPublicURL }

    /// The DCAT writer for this node: its public URL, city and catalog title.
    var dcatWriter: DCATExport {
        DCATExport(
            baseURL: publicURL,
            title: ["en": "Agora catalog of \(config.cityName)"],
            description: ["en": "Practices, pilots and toolkits of \(config.cityName) and peer cities of the Cities Coalition for Digital Rights, as held by this node."],
            publisher: (id: config.cityID, name: config.cityName))
    }

    /// Recomputes every record's state and the search index from the change log alone.
    public func rebuild(progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> RebuildReport {
        try await store.rebuild(progress: progress)
    }
}
