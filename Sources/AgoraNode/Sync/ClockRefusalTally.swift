import AgoraCore
import AgoraStore

/// Counts an import's `future-timestamp` refusals by author city, with how far ahead of our
/// clock their stamps were, for ``Store/recordClockRefusals(_:)`` (`protocol/SYNC.md`, "Status").
///
/// Only refused lines are parsed again, so an import without such refusals costs nothing more.
struct ClockRefusalTally {
    /// Our clock when the refusals were counted (Unix ms).
    let wallMilliseconds: UInt64
    private var byCity: [String: (refused: Int, lead: Int64)] = [:]

    /// A tally against our clock `wallMilliseconds`.
    init(wallMilliseconds: UInt64) { self.wallMilliseconds = wallMilliseconds }

    /// Counts the refusals of `report` whose code is `future-timestamp`; `lines` are the batch's.
    mutating func count(_ report: IngestReport, lines: [LineReader.Line]) {
        for refusal in report.refusals where refusal.code == ChangeRejection.Code.futureTimestamp.name {
            guard lines.indices.contains(refusal.index), let change = try? SignedChange.parse(lines[refusal.index].bytes) else { continue }
            let lead = Int64(change.header.hlc.milliseconds) - Int64(wallMilliseconds)
            let previous = byCity[change.header.city] ?? (0, lead)
            byCity[change.header.city] = (previous.refused + 1, max(previous.lead, lead))
        }
    }

    /// The tally, one entry per city.
    var refusals: [Store.ClockRefusals] {
        byCity.sorted { $0.key < $1.key }.map {
            Store.ClockRefusals(city: $0.key, refused: $0.value.refused, lastRefusedMilliseconds: Int64(wallMilliseconds),
                                leadMilliseconds: $0.value.lead)
        }
    }
}
