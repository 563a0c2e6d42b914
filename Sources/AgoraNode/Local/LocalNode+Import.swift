import AgoraCore
import AgoraStore

/// What `agora import` did with a JSON Lines file of signed changes.
public struct ImportReport: Sendable, Equatable {
    /// One refused line and why.
    public struct Refusal: Sendable, Equatable {
        /// The 1-based line number in the input.
        public let line: Int
        /// The stable code, e.g. `bad-signature`.
        public let code: String
        /// The precise reason.
        public let reason: String
    }

    /// Changes newly stored.
    public var accepted = 0
    /// Changes the node already had.
    public var duplicates = 0
    /// Lines refused, in input order.
    public var refusals: [Refusal] = []
    /// Lines read.
    public var total = 0
}

extension LocalNode {
    /// Changes per store transaction during an import.
    public static let importBatchSize = 1_000

    /// Verifies and stores JSON Lines of signed changes, batch by batch, and keeps going past
    /// refused lines. Importing the same input twice changes nothing the second time.
    ///
    /// - Parameter progress: called after each batch with the lines read so far (blank ones too).
    public func importChanges(from reader: LineReader, progress: (Int) -> Void = { _ in }) async throws -> ImportReport {
        var report = ImportReport()
        while true {
            let batch = try reader.next(Self.importBatchSize)
            if batch.isEmpty { break }
            try await importBatch(batch, into: &report)
            progress(reader.linesRead)
        }
        report.refusals.sort { $0.line < $1.line }
        return report
    }

    /// Stores one batch in one transaction; overlong lines are refused without reaching the store.
    func importBatch(_ lines: [LineReader.Line], into report: inout ImportReport) async throws {
        report.total += lines.count
        let kept = lines.filter { !$0.isOverlong }
        report.refusals += lines.filter(\.isOverlong).map {
            ImportReport.Refusal(line: $0.number, code: "oversized", reason: "the line is longer than \(LineReader.maximumLineBytes) bytes")
        }
        guard !kept.isEmpty else { return }
        let ingest = try await store.ingest(wire: kept.map(\.bytes))
        report.accepted += ingest.accepted
        report.duplicates += ingest.duplicates
        report.refusals += ingest.refusals.map { refusal in
            let line = kept.indices.contains(refusal.index) ? kept[refusal.index].number : 0
            return ImportReport.Refusal(line: line, code: refusal.code, reason: refusal.reason)
        }
    }
}
