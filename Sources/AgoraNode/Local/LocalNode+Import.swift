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
    /// - Parameter progress: called after each batch with (lines done, lines in all).
    public func importChanges(_ lines: [(number: Int, bytes: [UInt8])],
                              progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> ImportReport {
        var report = ImportReport()
        report.total = lines.count
        var start = 0
        while start < lines.count {
            let batch = Array(lines[start..<min(start + Self.importBatchSize, lines.count)])
            let ingest = try await store.ingest(wire: batch.map(\.bytes))
            report.accepted += ingest.accepted
            report.duplicates += ingest.duplicates
            report.refusals += ingest.refusals.map { refusal in
                let line = batch.indices.contains(refusal.index) ? batch[refusal.index].number : 0
                return ImportReport.Refusal(line: line, code: refusal.code, reason: refusal.reason)
            }
            start += batch.count
            progress(start, lines.count)
        }
        report.refusals.sort { $0.line < $1.line }
        return report
    }
}
