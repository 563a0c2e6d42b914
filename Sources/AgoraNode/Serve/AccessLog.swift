import AgoraCore
import AgoraHTTP
import Foundation

/// The access log: one JSON line per response on the node's log (standard error), event `request`.
///
/// A line holds what an operator needs and nothing that names a person: the listener, method,
/// path **without the query string** (search words stay out of logs), status, bytes written,
/// milliseconds, whether the response was written completely, and the client's network cut to
/// its IPv4 /24 or IPv6 /48 (`ClientAddress.truncated`). No full address, user agent, referrer,
/// token or body. See `docs/API.md`, "Access log".
struct AccessLog: Sendable {
    /// The longest path written; longer ones are cut.
    static let maximumPathCharacters = 256

    let log: NodeLog
    /// Lines are written here, in order, so a slow standard error never stalls an event loop.
    private let queue = DispatchQueue(label: "agora.access-log")

    init(log: NodeLog) { self.log = log }

    /// Writes one line per record (the server's `accessLog` hook).
    @Sendable func record(_ records: [HTTPAccessRecord]) {
        let now = log.clock()
        let lines = records.map { line(for: $0, at: now) }
        let sink = log.sink
        queue.async { lines.forEach(sink) }
    }

    func line(for record: HTTPAccessRecord, at date: Date) -> String {
        var object: [String: JSONValue] = [
            "time": .string(Self.timestamp(date)), "level": .string("info"), "event": .string("request"),
            "listener": .string(record.listener), "status": .number(Double(record.status)),
            "bytes": .number(Double(record.bytes)),
            "ms": .number((Double(record.nanoseconds) / 10_000).rounded() / 100),
            "client": .string(record.client.truncated), "completed": .bool(record.completed),
        ]
        object["method"] = record.method.map { .string($0.rawValue) } ?? .null
        object["path"] = record.path.map { .string(String($0.prefix(Self.maximumPathCharacters))) } ?? .null
        return String(decoding: CanonicalJSON.encode(.object(object)), as: UTF8.self)
    }

    /// `2026-12-05T10:07:21.123Z`, as `NodeLog` writes times, without a formatter per line.
    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let fraction = String(1000 + milliseconds % 1000).dropFirst()
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(fraction)Z"
    }
}
