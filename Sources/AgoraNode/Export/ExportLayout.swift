import AgoraCore
import AgoraStore

/// How one export format is laid out as a stream: the bytes before the first item, each item,
/// the bytes between two items, and the bytes after the last.
///
/// Each item is rendered by the format's own per-record (or per-change) function
/// (``JSONLinesExport``, ``CSVExport``, ``DCATExport``), which knows nothing of streaming; the
/// loop that pages through a read snapshot and cuts pieces is ``ExportStream``.
public struct ExportLayout: Sendable {
    /// What the items are and how one is rendered.
    public enum Items: Sendable {
        /// Every stored change in arrival order.
        case changes(@Sendable (StoredChange) -> [UInt8])
        /// Every record by id; nil leaves a record out (deleted ones, say).
        case records(@Sendable (RecordView) -> [UInt8]?)
    }

    public var head: [UInt8]
    public var items: Items
    public var separator: [UInt8]
    public var tail: [UInt8]

    /// A layout with the given parts.
    public init(head: [UInt8] = [], items: Items, separator: [UInt8] = [], tail: [UInt8] = []) {
        self.head = head
        self.items = items
        self.separator = separator
        self.tail = tail
    }

    /// The layout of `format`; DCAT takes the node's catalog description from `dcat`.
    public static func of(_ format: ExportFormat, dcat: DCATExport) -> ExportLayout {
        switch format {
        case .jsonl: ExportLayout(items: .changes(JSONLinesExport.lineWithNewline))
        case .csv: ExportLayout(head: Array(CSVExport.headerRow.utf8), items: .records { CSVExport.row(for: $0).map { Array($0.utf8) } })
        case .dcat: dcat.streamLayout
        }
    }
}

extension DCATExport {
    /// The JSON-LD document cut at its datasets: `JSONWriter.pretty(catalog(records)) + "\n"`,
    /// byte for byte, produced one dataset at a time.
    public var streamLayout: ExportLayout {
        let marker = "agora-datasets-go-here"
        let text = JSONWriter.pretty(document(datasets: [.string(marker)])) + "\n"
        let quoted = "\"\(marker)\""
        guard let range = text.range(of: quoted) else {
            return ExportLayout(head: Array(text.utf8), items: .records { _ in nil })
        }
        let head = String(text[..<range.lowerBound])
        let indent = String(head.reversed().prefix { $0 == " " })
        let writer = self
        return ExportLayout(
            head: Array(head.utf8),
            items: .records { record in
                writer.dataset(record).map { Array(JSONWriter.pretty($0).replacingOccurrences(of: "\n", with: "\n" + indent).utf8) }
            },
            separator: Array((",\n" + indent).utf8),
            tail: Array(text[range.upperBound...].utf8))
    }
}
