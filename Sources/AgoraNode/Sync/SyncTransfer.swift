import AgoraCore
import AgoraCrypto
import AgoraStore
import Foundation

/// The transfers of one sync attempt after its session (`protocol/SYNC.md` 10, "A round"):
/// what the peer has and we lack is fetched in bounded answers and ingested as `agora import`
/// does it, then ours that it lacks is pushed in bounded batches read from the store's index.
/// At most two fetch answers (the one being ingested and the next one on its way) and one
/// push batch are held at a time, whatever the catalogs' sizes.
struct SyncTransfer {
    let node: LocalNode
    let transport: HTTPSyncTransport
    /// The figures of the attempt, added to as changes move.
    var attempt: Store.SyncAttempt
    /// Body-less lines refused for want of their redaction, tried again after the last answer
    /// (the redaction may come in a later answer), within the import's own limits.
    private var deferred: [[UInt8]] = []
    private var deferredBytes = 0

    /// Refusal codes that mean the peer sent something that is not a valid signed change: the
    /// attempt fails with `refused-changes` (the valid lines of the answer stay stored). Other
    /// refusals are about our own state (a key the roster does not hold yet: pending; a clock
    /// ahead of ours: later; a body-less change before its redaction: retried).
    static let peerFaults: Set<String> = ["malformed", "schema-violation", "non-canonical", "oversized", "body-hash-mismatch",
                                          "bad-signature", "small-order-key", "wrong-coalition"]

    init(node: LocalNode, transport: HTTPSyncTransport, attempt: Store.SyncAttempt) {
        self.node = node
        self.transport = transport
        self.attempt = attempt
    }

    /// Fetches and ingests what the outcome says the peer has and we lack: the ids, then each range.
    mutating func fetch(_ outcome: SyncOutcome) async throws {
        for start in stride(from: 0, to: outcome.need.count, by: FederationSyncLimits.maximumFetchIDs) {
            try await fetch(ids: Array(outcome.need[start..<min(start + FederationSyncLimits.maximumFetchIDs, outcome.need.count)]))
        }
        for range in outcome.needRanges { try await fetch(range: (range.lower, range.upper)) }
        try await retryDeferred()
    }

    /// Asks for `ids`, and again for those a full answer left out.
    private mutating func fetch(ids: [SyncID]) async throws {
        var wanted = ids
        while !wanted.isEmpty {
            let lines = try await transport.fetch(ids: wanted, ranges: [])
            try await ingest(lines)
            guard Self.mayBeCut(lines) else { return }
            let got = Set(Self.items(lines).map(\.id))
            let rest = wanted.filter { !got.contains($0) }
            guard rest.count < wanted.count else { return }  // no progress: the peer holds no more of them
            wanted = rest
        }
    }

    /// Pages through `range`: a full answer is followed by a request from its last line's key
    /// (inclusive, so changes sharing that key are not skipped), sent before the answer is ingested.
    private mutating func fetch(range: SyncKeyBounds) async throws {
        var next: Task<[UInt8], any Error>? = Task { [transport] in try await transport.fetch(ids: [], ranges: [range]) }
        var lower = range.lower
        while let current = next {
            let lines = try await current.value
            next = nil
            if Self.mayBeCut(lines), let last = Self.items(lines, lastOnly: true).last?.key, last < range.upper {
                guard last >= lower else { throw SyncPeerError("bad-answer", "the peer's answer for a range ends below the range") }
                lower = last == lower ? SyncKey(milliseconds: last.milliseconds &+ (last.tail == .max ? 1 : 0), tail: last.tail &+ 1) : last
                let from = lower
                next = Task { [transport] in try await transport.fetch(ids: [], ranges: [(from, range.upper)]) }
            }
            do {
                try await ingest(lines)
            } catch {
                next?.cancel()
                throw error
            }
        }
    }

    /// Whether a fetch answer may have stopped at a limit (`protocol/SYNC.md` 10): more may follow.
    static func mayBeCut(_ lines: [UInt8]) -> Bool {
        lines.count > FederationSyncLimits.maximumFetchAnswerBytes
            || lines.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } >= FederationSyncLimits.maximumFetchChanges
    }

    /// The items of the parseable lines of `lines` (only the last line's with `lastOnly`).
    static func items(_ lines: [UInt8], lastOnly: Bool = false) -> [SyncItem] {
        let split = lines.split(separator: 0x0A)
        return (lastOnly ? Array(split.suffix(1)) : split).compactMap { line in
            guard let change = try? SignedChange.parse(Array(line)),
                  let id = SyncID(bytes: SHA256.hash(change.header.canonicalBytes)) else { return nil }
            return SyncItem(milliseconds: change.header.hlc.milliseconds, id: id)
        }
    }

    /// Verifies and stores one answer as `agora import` does (keys the roster does not hold yet:
    /// pending area); keeps body-less lines refused for want of their redaction for the retry.
    /// - Throws: ``SyncPeerError`` `refused-changes` when a line is not a valid signed change.
    private mutating func ingest(_ lines: [UInt8]) async throws {
        attempt.bytesReceived += lines.count
        guard !lines.isEmpty else { return }
        let report = try await Self.importLines(lines, into: node)
        attempt.changesReceived += report.accepted
        let split = lines.split(separator: 0x0A, omittingEmptySubsequences: false)
        for refusal in report.refusals where refusal.code == "missing-body" && split.indices.contains(refusal.line - 1) {
            let line = Array(split[refusal.line - 1])
            guard deferred.count < LocalNode.maximumDeferredLines, deferredBytes + line.count <= LocalNode.maximumDeferredBytes else { break }
            deferred.append(line)
            deferredBytes += line.count
        }
        let faults = report.refusals.filter { Self.peerFaults.contains($0.code) }
        if let first = faults.first {
            throw SyncPeerError("refused-changes", "\(faults.count) line(s) of the peer's answer refused; line \(first.line): \(first.code): \(first.reason)")
        }
    }

    /// Ingests the deferred body-less lines once more, now that every answer is stored.
    private mutating func retryDeferred() async throws {
        guard !deferred.isEmpty else { return }
        let lines: [UInt8] = deferred.flatMap { line in line + [0x0A] }
        deferred = []
        deferredBytes = 0
        attempt.changesReceived += try await Self.importLines(lines, into: node).accepted
    }

    /// `agora import` of `lines`, with no deferral of its own (this transfer defers across answers).
    static func importLines(_ lines: [UInt8], into node: LocalNode) async throws -> ImportReport {
        var remaining: Data? = Data(lines)
        return try await node.importChanges(from: LineReader { _ in
            defer { remaining = nil }
            return remaining ?? Data()
        }, deferring: (0, 0))
    }
}
