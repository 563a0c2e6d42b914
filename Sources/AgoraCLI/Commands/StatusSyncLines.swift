import AgoraCore
import Foundation

/// The sync part of `agora status` for people: the set, the clock, and one line per peer.
enum StatusSyncLines {
    /// Writes the lines of `status` (the `--json` object) to `out`.
    static func write(_ status: JSONValue, to out: any OutputSink) {
        let changes = Int(status["changes"]?.numberValue ?? 0)
        out.line("changes: \(changes), fingerprint \(status["fingerprint"]?.stringValue ?? "-")")
        let clock = status["clock"]
        let drift = Int(clock?["driftMs"]?.numberValue ?? 0)
        out.line("clock: drift \(drift) ms (newest stamp ahead of the clock), skew allowed \(Int(clock?["maxSkewMs"]?.numberValue ?? 0)) ms")
        for peer in status["peers"]?.arrayValue ?? [] { out.line(line(peer)) }
    }

    /// `peer sofia: last sync 2026-12-05T10:07:21Z; last attempt … failed (unreachable); 3 changes refused as future-timestamp, 600012 ms ahead`.
    static func line(_ peer: JSONValue) -> String {
        var text = "peer \(peer["city"]?.stringValue ?? "-"): last sync " + time(peer["lastSync"]?["startedMs"])
        if let attempt = peer["lastAttempt"], !attempt.isNull, let error = attempt["error"]?.stringValue {
            text += "; last attempt \(time(attempt["startedMs"])) failed: \(TerminalText.escape(attempt["message"]?.stringValue ?? error, keepLines: false))"
        }
        if let refusals = peer["futureRefusals"], !refusals.isNull {
            text += "; \(Int(refusals["refused"]?.numberValue ?? 0)) changes refused as future-timestamp, the last at "
                + "\(time(refusals["lastRefusedMs"])) stamped \(Int(refusals["leadMs"]?.numberValue ?? 0)) ms ahead of our clock"
        }
        return text
    }

    /// A Unix-ms value as ISO 8601 UTC, or `never`.
    static func time(_ value: JSONValue?) -> String {
        guard let ms = value?.numberValue else { return "never" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: ms / 1000))
    }
}
