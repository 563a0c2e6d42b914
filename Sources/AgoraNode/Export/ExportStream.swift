import AgoraCore
import AgoraStore

/// One export being written piece by piece from a read snapshot, as fast as its reader takes it.
///
/// The snapshot is opened on the first ``next()``, so a stream that is never pulled (a HEAD
/// request) reads nothing. Each call reads pages of ``pageSize`` rows and renders them until it
/// holds ``pieceBytes`` or the items end: memory per export is one piece plus one page, whatever
/// the catalog's size. Every page read is bounded by the stream's ``QueryLimits``.
public actor ExportStream {
    /// The bytes a piece reaches before it is handed over (it may pass it by one page).
    public static let pieceBytes = 64 * 1024
    /// Rows read from the snapshot at a time.
    public static let pageSize = 32

    private enum Cursor { case start, changes(after: Int64), records(after: String), finished }

    private let store: Store
    private let layout: ExportLayout
    private let limits: QueryLimits
    private var snapshot: StoreSnapshot?
    private var cursor = Cursor.start
    /// Items written so far (changes, or records not left out).
    public private(set) var written = 0
    /// Rows read so far, and how many the snapshot holds (for progress).
    public private(set) var read = 0, total = 0

    /// A stream of `layout` over `store`'s data; each page read within `limits`.
    public init(store: Store, layout: ExportLayout, limits: QueryLimits = .unlimited) {
        self.store = store
        self.layout = layout
        self.limits = limits
    }

    /// The next piece of the export, or nil after the last one.
    public func next() async throws -> [UInt8]? {
        var piece: [UInt8] = []
        if case .start = cursor { try await open(into: &piece) }
        while piece.count < Self.pieceBytes {
            switch cursor {
            case .start, .finished:
                return piece.isEmpty ? nil : piece
            case .changes(let after):
                try await appendChanges(after: after, into: &piece)
            case .records(let after):
                try await appendRecords(after: after, into: &piece)
            }
        }
        return piece
    }

    /// Releases the snapshot (also when the stream was abandoned half way). Idempotent.
    public func close() {
        snapshot?.close()
        snapshot = nil
    }

    private func open(into piece: inout [UInt8]) async throws {
        let snapshot = try await store.snapshot(limits: limits)
        self.snapshot = snapshot
        piece += layout.head
        switch layout.items {
        case .changes:
            total = snapshot.counts.changes
            cursor = .changes(after: 0)
        case .records:
            total = snapshot.counts.records
            cursor = .records(after: "")
        }
    }

    private func appendChanges(after: Int64, into piece: inout [UInt8]) async throws {
        guard let snapshot, case .changes(let render) = layout.items else { return finish(into: &piece) }
        let page = try await snapshot.changes(after: after, limit: Self.pageSize, limits: limits)
        for entry in page { append(render(entry.change), into: &piece) }
        read += page.count
        guard let last = page.last, page.count == Self.pageSize else { return finish(into: &piece) }
        cursor = .changes(after: last.sequence)
    }

    private func appendRecords(after: String, into piece: inout [UInt8]) async throws {
        guard let snapshot, case .records(let render) = layout.items else { return finish(into: &piece) }
        let page = try await snapshot.states(after: after, limit: Self.pageSize, limits: limits)
        for row in page {
            guard let view = try? RecordView(stateJSON: row.state), let bytes = render(view) else { continue }
            append(bytes, into: &piece)
        }
        read += page.count
        guard let last = page.last, page.count == Self.pageSize else { return finish(into: &piece) }
        cursor = .records(after: last.id)
    }

    private func append(_ item: [UInt8], into piece: inout [UInt8]) {
        if written > 0 { piece += layout.separator }
        piece += item
        written += 1
    }

    private func finish(into piece: inout [UInt8]) {
        piece += layout.tail
        cursor = .finished
        close()
    }
}
