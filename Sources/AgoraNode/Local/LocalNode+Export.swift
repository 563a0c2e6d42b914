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

    /// Writes the export in `format` through `write`, piece by piece from one read snapshot
    /// (``ExportStream``), so memory stays flat whatever the catalog's size; calls `progress`
    /// with (rows read, rows in the snapshot).
    ///
    /// - Returns: how many changes (jsonl) or records (csv, dcat) were written.
    public func export(_ format: ExportFormat, write: ([UInt8]) throws -> Void,
                       progress: (Int, Int) -> Void = { _, _ in }) async throws -> Int {
        let stream = exportStream(format, limits: .unlimited)
        do {
            while let piece = try await stream.next() {
                try write(piece)
                progress(await stream.read, await stream.total)
            }
        } catch {
            await stream.close()
            throw error
        }
        return await stream.written
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
