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

        /// A refusal of line `line` with `code` and `reason`.
        public init(line: Int, code: String, reason: String) {
            self.line = line
            self.code = code
            self.reason = reason
        }
    }

    /// Changes newly stored.
    public var accepted = 0
    /// Changes the node already had.
    public var duplicates = 0
    /// Lines refused, in input order.
    public var refusals: [Refusal] = []
    /// Lines read.
    public var total = 0
    /// Changes set aside in the pending area: their key is not in the roster yet, or their city is suspended.
    public var pending = 0
    /// Changes the pending area dropped at its caps (counted in `agora status`).
    public var droppedAtCap = 0

    /// An empty report (nothing read yet).
    public init() {}
}

extension LocalNode {
    /// Changes per store transaction during an import.
    public static let importBatchSize = 1_000

    /// Body-less changes (their bodies erased by a redaction) an import keeps for a second try
    /// after its last batch, since their redaction may come later in the input (an export lists
    /// changes in arrival order, and a redaction arrives after what it erases). Past this many,
    /// the rest are refused at once as `missing-body`. About 2 KiB each.
    public static let maximumDeferredLines = 10_000

    /// Bytes of body-less lines an import keeps for that second try, whatever their number: a
    /// line can be up to `LineReader.maximumLineBytes`, and memory must stay bounded.
    public static let maximumDeferredBytes = 32 << 20

    /// Verifies and stores JSON Lines of signed changes, batch by batch, and keeps going past
    /// refused lines. Importing the same input twice changes nothing the second time.
    ///
    /// Pipelined (``IngestPipeline``): each batch is verified on every core while the writer
    /// stores the one before, and batches are stored in input order.
    ///
    /// A body-less change refused for want of its redaction is tried once more after the last
    /// batch (up to ``maximumDeferredLines`` of them and ``maximumDeferredBytes``), so a redaction
    /// later in the input still counts.
    ///
    /// - Parameter progress: called after each batch is stored, with the lines read so far
    ///   (blank ones too).
    /// - Throws: what the store throws (a full disk, say); the batches stored before stay stored.
    public func importChanges(from reader: LineReader,
                              deferring limits: (lines: Int, bytes: Int) = (maximumDeferredLines, maximumDeferredBytes),
                              progress: (Int) -> Void = { _ in }) async throws -> ImportReport {
        var report = ImportReport()
        var pipeline = IngestPipeline(store: store)
        var previous: (kept: [LineReader.Line], linesRead: Int)?  // the batch being stored
        var deferred = DeferredLines(lines: limits.lines, bytes: limits.bytes)
        var waiting: [[UInt8]] = []  // lines for the pending area
        /// Adds a stored batch's outcome to the report, setting aside body-less changes to retry.
        func account(_ stored: IngestReport?, of batch: (kept: [LineReader.Line], linesRead: Int)?) {
            guard var stored, let batch else { return }
            stored.refusals.removeAll { refusal in
                refusal.code == "missing-body" && batch.kept.indices.contains(refusal.index) && deferred.keep(batch.kept[refusal.index])
            }
            // Reported as refused (unknown-key), and kept in the pending area until the roster admits the key.
            for refusal in stored.refusals where refusal.code == "unknown-key" && batch.kept.indices.contains(refusal.index) {
                waiting.append(batch.kept[refusal.index].bytes)
            }
            report.add(stored, lines: batch.kept)
            progress(batch.linesRead)
        }
        do {
            while true {
                let lines = try reader.next(Self.importBatchSize)
                if lines.isEmpty { break }
                report.total += lines.count
                let (kept, suspended) = await pending.setAside(lines.filter { !$0.isOverlong }, roster: roster.snapshot.roster)
                waiting += suspended
                report.refusals += lines.filter(\.isOverlong).map {
                    ImportReport.Refusal(line: $0.number, code: "oversized", reason: "the line is longer than \(LineReader.maximumLineBytes) bytes")
                }
                account(try await pipeline.add(kept.map(\.bytes)), of: previous)
                previous = (kept, reader.linesRead)
            }
            account(try await pipeline.finish(), of: previous)
        } catch {
            await pipeline.abandon()
            throw error
        }
        try await retry(deferred.lines, into: &report)
        try await hold(waiting, into: &report)
        report.refusals.sort { $0.line < $1.line }
        return report
    }

    /// Puts the lines that must wait into the pending area, as peer `import`.
    private func hold(_ lines: [[UInt8]], into report: inout ImportReport) async throws {
        for start in stride(from: 0, to: lines.count, by: Store.maximumBatch) {
            let held = try await pending.hold(Array(lines[start..<min(start + Store.maximumBatch, lines.count)]), peer: "import")
            report.pending += held.held
            report.droppedAtCap += held.dropped.values.reduce(0, +)
        }
    }

    /// Ingests the deferred body-less lines again, now that the whole input is stored.
    private func retry(_ lines: [LineReader.Line], into report: inout ImportReport) async throws {
        for start in stride(from: 0, to: lines.count, by: Self.importBatchSize) {
            let batch = Array(lines[start..<min(start + Self.importBatchSize, lines.count)])
            let ingest = try await store.ingest(wire: batch.map(\.bytes))
            report.add(ingest, lines: batch)
        }
    }
}

/// Body-less lines kept for a second try, up to a number of lines and of bytes.
private struct DeferredLines {
    let maximumLines: Int
    let maximumBytes: Int
    private(set) var lines: [LineReader.Line] = []
    private var bytes = 0

    init(lines: Int, bytes: Int) {
        maximumLines = lines
        maximumBytes = bytes
    }

    /// Keeps `line` unless that would pass a limit; whether it was kept.
    mutating func keep(_ line: LineReader.Line) -> Bool {
        guard lines.count < maximumLines, bytes + line.bytes.count <= maximumBytes else { return false }
        lines.append(line)
        bytes += line.bytes.count
        return true
    }
}

extension ImportReport {
    /// Adds a store report on `lines` (refusals by their line numbers).
    mutating func add(_ ingest: IngestReport, lines: [LineReader.Line]) {
        accepted += ingest.accepted
        duplicates += ingest.duplicates
        refusals += ingest.refusals.map { refusal in
            let line = lines.indices.contains(refusal.index) ? lines[refusal.index].number : 0
            return Refusal(line: line, code: refusal.code, reason: refusal.reason)
        }
    }
}
